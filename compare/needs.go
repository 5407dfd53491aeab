package compare

import (
	"slices"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/manifest"
)

// Need is one permission of the least-privilege grants, and why.
type Need struct {
	Grant   catalog.Grant
	Reasons []Reason // the uses whose chosen alternative needs the key
	Events  []string // the subscribed events that need the key
}

// Reason is a use that needs a permission, and at what level.
type Reason struct {
	Op    *catalog.Operation
	Site  *Site // the first site of the use
	Level catalog.Level
}

// Needs is the least privilege a token kind needs for a set of uses.
type Needs struct {
	// Permissions are sorted by key; metadata: read is listed when a
	// call needs it, although GitHub grants it to every app.
	Permissions []Need
	// Scopes are the minimal normalised OAuth scopes of the uses whose
	// scopes are known.
	Scopes []string
	// Chosen maps each usable use (its Key) to the
	// alternative of its requirement that the choice took (empty when it
	// needs nothing).
	Chosen map[string]catalog.Set
	// Unusable are the uses the token kind cannot make at all; Unknown
	// those for which GitHub's data does not say what it needs.
	Unusable, Unknown []Use
	// UnknownEvents are the subscribed events for which GitHub's data
	// does not say which permission they need.
	UnknownEvents []string
}

// LeastPrivilege computes the least grants that let tok make every use
// and receive the events: where an operation accepts alternatives, it
// picks the one that adds least to what is needed anyway (if contents:
// read is needed, a call that takes pull_requests: read or contents: read
// adds nothing). Event names the catalog does not know are ignored. The
// scopes are those for any repository: LeastPrivilegeFor(..., AnyVisibility).
func LeastPrivilege(uses []Use, events []string, tok catalog.Token, cat *catalog.Catalog) Needs {
	return LeastPrivilegeFor(uses, events, tok, cat, catalog.AnyVisibility, nil)
}

// LeastPrivilegeFor is LeastPrivilege with the OAuth scopes for
// repositories of visibility v (public: public_repo instead of repo).
func LeastPrivilegeFor(uses []Use, events []string, tok catalog.Token, cat *catalog.Catalog, v catalog.Visibility, held *manifest.Manifest) Needs {
	var n Needs
	var reqs [][]catalog.Set
	var usable []Use
	var scoped [][][]string
	for _, u := range uses {
		t := u.Token(tok)
		if u.Op.ScopesKnown && t == tok {
			scoped = append(scoped, u.Scopes(v))
		}
		req := u.Requirement(t)
		switch {
		case !req.Known():
			n.Unknown = append(n.Unknown, u)
		case !req.Usable || t == catalog.Actions && !actionsCanHold(req.Sets):
			n.Unusable = append(n.Unusable, u)
		case !holdsGrants(t) && t != tok:
			// Made with the app's JWT (or an OAuth token): no permission.
		default:
			reqs = append(reqs, actionsSets(req.Sets, tok))
			usable = append(usable, u)
		}
	}
	n.Scopes = cat.MinimalScopesOf(scoped)
	var evReqs [][]catalog.Set
	var evNames []string
	for _, name := range events {
		ev, ok := cat.Event(name)
		switch {
		case ok && !ev.Known():
			n.UnknownEvents = append(n.UnknownEvents, name)
		case ok && len(ev.Needs) > 0:
			evReqs = append(evReqs, ev.Needs)
			evNames = append(evNames, name)
		}
	}
	preferResource(reqs, usable, evReqs, held)
	need := choose(levels{}, append(evReqs, reqs...))
	n.Chosen = make(map[string]catalog.Set, len(usable))
	for i, u := range usable {
		s, _ := chosen(need, reqs[i])
		n.Chosen[u.Key()] = catalog.Set(s)
	}
	for _, key := range sortedKeys(need) {
		nd := Need{Grant: catalog.Grant{Key: key, Level: need[key]}}
		for i, sets := range evReqs {
			if s, ok := chosen(need, sets); ok && s.has(key) {
				nd.Events = append(nd.Events, evNames[i])
			}
		}
		for i, sets := range reqs {
			if s, ok := chosen(need, sets); ok && s.has(key) {
				nd.Reasons = append(nd.Reasons, Reason{Op: usable[i].Op, Site: &usable[i].Sites[0], Level: s.level(key)})
			}
		}
		n.Permissions = append(n.Permissions, nd)
	}
	return n
}

// preferResource narrows each requirement that accepts the permission
// named after its operation's resource to that permission (issues: write
// for an issues endpoint that also accepts pull_requests: write), unless
// another alternative is needed anyway by the requirements that leave no
// choice, or the grants held (if any) give one: the other permission
// works only on some of the resource's objects (pull requests, not plain
// issues), so a cheaper-looking choice would fail at run time on the
// others, while an alternative already granted is the author's choice,
// which the comparison accepts.
func preferResource(reqs [][]catalog.Set, usable []Use, evReqs [][]catalog.Set, held *manifest.Manifest) {
	forced := levels{}
	for _, sets := range append(slices.Clip(evReqs), reqs...) {
		if len(sets) == 1 {
			forced.add(sets[0])
		}
	}
	have := granted(held)
	for i, sets := range reqs {
		if len(sets) < 2 || forced.coversAny(sets) {
			continue
		}
		if held != nil {
			if j := slices.IndexFunc(sets, have.covers); j >= 0 {
				reqs[i] = []catalog.Set{sets[j]} // the grants' own choice, which check accepts
				continue
			}
		}
		key := resourceKey(usable[i].Op)
		for _, s := range sets {
			if len(s) == 1 && s[0].Key == key {
				reqs[i] = []catalog.Set{s}
				break
			}
		}
	}
}

// resourceKey is the permission named after an operation's resource.
func resourceKey(op *catalog.Operation) string {
	if op.Category == "pulls" {
		return "pull_requests"
	}
	return op.Category
}

// actionsSets keeps, for the GITHUB_TOKEN, the alternatives it can hold.
func actionsSets(sets []catalog.Set, tok catalog.Token) []catalog.Set {
	if tok != catalog.Actions {
		return sets
	}
	var out []catalog.Set
	for _, s := range sets {
		if actionsCanHold([]catalog.Set{s}) {
			out = append(out, s)
		}
	}
	return out
}

// chosen returns the first alternative that need covers.
func chosen(need levels, sets []catalog.Set) (set, bool) {
	for _, s := range sets {
		if need.covers(s) {
			return set(s), true
		}
	}
	return nil, false
}

type set catalog.Set

func (s set) has(key string) bool { return s.level(key) > catalog.None }

func (s set) level(key string) catalog.Level {
	for _, g := range s {
		if g.Key == key {
			return g.Level
		}
	}
	return catalog.None
}
