package catalog

import (
	"fmt"
	"strings"
)

// Level is the access level of a GitHub App permission. Levels are ordered:
// a higher level implies the lower ones (write implies read).
type Level uint8

const (
	None Level = iota
	Read
	Write
	Admin
)

var levelNames = [...]string{None: "none", Read: "read", Write: "write", Admin: "admin"}

func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", l)
}

// ParseLevel parses "none", "read", "write" or "admin".
func ParseLevel(s string) (Level, error) {
	for l, name := range levelNames {
		if s == name {
			return Level(l), nil
		}
	}
	return None, fmt.Errorf("invalid permission level %q (want read, write or admin)", s)
}

// Grant is one permission at a level, written "key:level" ("issues:write").
type Grant struct {
	Key   string // manifest key, e.g. "pull_requests"
	Level Level
}

func (g Grant) String() string { return g.Key + ":" + g.Level.String() }

// Set is a set of grants that are all needed together.
type Set []Grant

func (s Set) String() string {
	parts := make([]string, len(s))
	for i, g := range s {
		parts[i] = g.String()
	}
	return strings.Join(parts, " & ")
}

// Requirement is what one kind of token needs to call an operation.
type Requirement struct {
	// Usable reports whether this kind of token can call the operation at all.
	Usable bool
	// Sets are alternatives: any one set suffices. An empty Sets with
	// Usable means nothing is needed.
	Sets []Set
	// Basis says which fact the requirement rests on (one of the Basis
	// constants); "" when the Requirement was built by hand.
	Basis Basis
	// Evidence is what a curated requirement rests on
	// (BasisCuratedRequirement): its confidence and the source quoted.
	Evidence string
}

// Known reports whether the requirement rests on data: false when GitHub's
// data does not say whether this kind of token can call the operation
// (BasisUnknown; BasisNotListed: absence from every list is no verdict), or
// says that it can but not with which permission (BasisListedOnly,
// BasisDescribedUsable).
func (r Requirement) Known() bool {
	switch r.Basis {
	case BasisUnknown, BasisNotListed, BasisListedOnly, BasisDescribedUsable, BasisPlanSetsUnknown, BasisPlanListedOnly:
		return false
	}
	return true
}

// Strings renders the alternatives as grant lists ("key:level"): nil when
// the requirement is not usable or not known, empty when nothing is
// needed (the JSON renderings' null and []).
func (r Requirement) Strings() [][]string {
	if !r.Usable || !r.Known() {
		return nil
	}
	out := [][]string{}
	for _, s := range r.Sets {
		set := []string{}
		for _, g := range s {
			set = append(set, g.String())
		}
		out = append(out, set)
	}
	return out
}

func (r Requirement) String() string {
	switch {
	case !r.Known() && r.Usable:
		return "usable, permission unknown"
	case !r.Known():
		return "unknown"
	}
	if !r.Usable {
		return "not usable"
	}
	if len(r.Sets) == 0 {
		return "nothing"
	}
	parts := make([]string, len(r.Sets))
	for i, s := range r.Sets {
		parts[i] = s.String()
	}
	return strings.Join(parts, " | ")
}

// Operation is one REST operation and what it needs.
type Operation struct {
	ID          string // OpenAPI operationId, e.g. "issues/create"
	Method      string // upper case, e.g. "POST"
	Path        string // template, e.g. "/repos/{owner}/{repo}/issues"
	Summary     string
	DocsURL     string
	Category    string
	Subcategory string
	Plans       Plans
	// MultiSegment names the path parameters whose values may contain
	// "/" (x-multi-segment in GitHub's description: {path} of
	// /contents/{path}, {ref}, {branch}...); Match lets them span segments.
	MultiSegment []string
	// IntParams names the path parameters typed integer ({issue_number},
	// {comment_id}): Match lets only a number, UnknownInteger or an
	// unknown segment take them.
	IntParams  []string
	Deprecated bool

	Installation Requirement
	User         Requirement
	FineGrained  Requirement
	// Scopes are the OAuth scopes (classic tokens): alternatives, any one
	// set suffices; nil with ScopesKnown means no scope is needed. Where
	// GitHub's prose distinguishes, they are the scopes for private
	// repositories.
	Scopes [][]string
	// PublicScopes are the OAuth scopes when every repository the
	// operation touches is public (ScopesFor(PublicRepos)): public_repo
	// where Scopes has repo, nothing for reads GitHub allows without a
	// scope. Known when ScopesKnown is.
	PublicScopes [][]string
	ScopesKnown  bool
	// ScopeBasis says what Scopes rest on; ScopeEvidence quotes it (the
	// scopes page's sentence of a rule, an override's evidence, the
	// description's sentence saying OAuth tokens cannot call it).
	ScopeBasis    ScopeBasis
	ScopeEvidence string
	AppJWT        bool // callable with the app's JWT
}

// ScopeBasis is what an operation's OAuth scopes rest on.
type ScopeBasis uint8

const (
	ScopesUnknown         ScopeBasis = iota // nothing says
	ScopesFromDescription                   // the operation's description names them
	ScopesFromRule                          // a rule of scope-rules.tsv, from the scopes page
	ScopesFromOverride                      // a row of scope-overrides.tsv
	// ScopesNotUsable: the description says OAuth and classic tokens
	// cannot call the operation (no scopes).
	ScopesNotUsable
	// ScopesDeclared: a //ghperm:needs directive declares them (Declared).
	ScopesDeclared
)

var scopeBasisNames = [...]string{"unknown", "description", "rule", "override", "not usable", "declared"}

func (b ScopeBasis) String() string { return scopeBasisNames[b] }

// ScopeSource says where the scopes come from, for people: the basis,
// and its evidence ("rule: ..."); "" when unknown.
func (op *Operation) ScopeSource() string {
	switch {
	case op.ScopeBasis == ScopesUnknown:
		return ""
	case op.ScopeEvidence == "":
		return op.ScopeBasis.String()
	}
	return op.ScopeBasis.String() + ": " + op.ScopeEvidence
}

// Grounds says what op.Requirement(t) rests on, for people: its basis and
// evidence, or for OAuth tokens where the scopes come from.
func (op *Operation) Grounds(t Token) string {
	if t == OAuth && op.ScopeBasis != ScopesUnknown {
		return op.ScopeSource()
	}
	r := op.Requirement(t)
	if r.Evidence != "" {
		return r.Basis.String() + ": " + r.Evidence
	}
	return r.Basis.String()
}

// Key is "METHOD /path/template".
func (op *Operation) Key() string { return op.Method + " " + op.Path }

// Plans is a set of GitHub products that serve an operation.
type Plans uint8

const (
	DotCom Plans = 1 << iota // api.github.com
	GHEC
	GHES317
	GHES318
	GHES319
)

// Requirement returns what a token of kind t needs to call op. For OAuth
// tokens (scopes, not permissions) Sets is always empty: the scopes are in
// op.Scopes. Usable is false for app JWT endpoints, for endpoints whose
// description says OAuth tokens cannot call them, and for endpoints that
// only installation tokens can call unless the description or an override
// states their scopes (the docs lists speak of GitHub App tokens only);
// unknown when the scopes are.
func (op *Operation) Requirement(t Token) Requirement {
	switch t {
	case Installation, Actions:
		return op.Installation
	case User:
		return op.User
	case FineGrained:
		return op.FineGrained
	case OAuth:
		switch {
		case op.AppJWT:
			return Requirement{Basis: BasisAppJWT}
		case op.ScopeBasis == ScopesNotUsable:
			return Requirement{Basis: BasisDescription}
		case op.User.Basis == BasisInstallationOnly && !(op.ScopesKnown && (op.ScopeBasis == ScopesFromDescription || op.ScopeBasis == ScopesFromOverride)):
			return Requirement{Basis: BasisInstallationOnly}
		case op.ScopesKnown:
			return Requirement{Usable: true, Basis: BasisScopes}
		}
		return Requirement{Basis: BasisUnknown}
	case AppJWT:
		if op.AppJWT {
			return Requirement{Usable: true, Basis: BasisAppJWT}
		}
		return Requirement{Basis: BasisNotAppJWT}
	}
	return Requirement{Basis: BasisUnknown}
}

// Metadata is the permission that every GitHub App with access to a
// repository holds at read level, whatever its manifest says.
const Metadata = "metadata"

// SatisfiedBy reports whether granted (manifest key to level) meets r:
// r is usable and known, and some alternative set is held entirely, each grant at
// its level or higher (write implies read). metadata:read counts as held.
func (r Requirement) SatisfiedBy(granted map[string]Level) bool {
	if !r.Usable || !r.Known() {
		return false
	}
	if len(r.Sets) == 0 {
		return true
	}
	held := map[string]Level{Metadata: Read}
	for k, l := range granted {
		held[k] = max(held[k], l)
	}
	for _, set := range r.Sets {
		if set.HeldBy(held) {
			return true
		}
	}
	return false
}

// HeldBy reports whether levels (permission key to level) hold every
// grant of s, each at its level or higher (write implies read): the one
// test of satisfaction, which the comparison uses too.
func (s Set) HeldBy(levels map[string]Level) bool {
	for _, g := range s {
		if levels[g.Key] < g.Level {
			return false
		}
	}
	return true
}
