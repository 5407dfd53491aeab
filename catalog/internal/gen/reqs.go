package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// requirement is a catalog.Requirement in the making.
type requirement struct {
	usable bool
	sets   [][]grant
	basis  string // name of a catalog.Basis constant
	// evidence is what a curated requirement rests on.
	evidence string
}

// readCurated reads upstream/permission-sets.tsv: the alternative sets of
// the operations the docs files flatten.
func readCurated(dir string, vocab map[string]*permission) (map[string][][]grant, error) {
	rows, err := readTSV(filepath.Join(dir, "permission-sets.tsv"), "method\t", 5)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no entries", filepath.Join(dir, "permission-sets.tsv"))
	}
	out := map[string][][]grant{}
	for _, r := range rows {
		sets, err := parseSets(r.fields[2])
		if err == nil {
			err = checkSets(vocab, sets)
		}
		if err != nil {
			return nil, r.errorf("%s %s: %v", r.fields[0], r.fields[1], err)
		}
		out[docsKey(r.fields[0], r.fields[1])] = sets
	}
	return out, nil
}

var jwtOnly = regexp.MustCompile(`must use a \[JWT\]`)

// reqBuilder decides, for each operation, what installation tokens, user
// access tokens and fine-grained tokens need. The order of the rules is
// the order of the Basis constants in catalog/basis.go: GitHub's docs
// data first, then what the description says of the operation, then the
// docs endpoint lists of the other app token kind (they name the token
// kinds, so they are more specific than x-github, which says whether any
// GitHub App token can call it), then x-github.
type reqBuilder struct {
	docs       *docsData
	curated    map[string][][]grant
	vocab      map[string]*permission
	statements []*statement
	used       map[string]bool // curated entries used
	reqs       map[string]*curatedReq
	plan       planList
}

func (b *reqBuilder) build(o *opInfo) (inst, user, pat requirement, err error) {
	k := o.key()
	jwt := jwtOnly.MatchString(o.description)
	notForApps := o.enabledForApps != nil && !*o.enabledForApps
	instListed := b.docs.s2sList[k] || anyFlag(b.docs.appPerms[k], true)
	userListed := b.docs.u2sList[k] || anyFlag(b.docs.appPerms[k], false)
	userWorks, patWorks, err := describedTokens(o, b.vocab)
	if err != nil {
		return inst, user, pat, fmt.Errorf("%s (%s): %w", k, o.id, err)
	}

	app := func(listed, s2s bool) (requirement, error) {
		token := "user"
		if s2s {
			token = "installation"
		}
		// As for fine-grained tokens, a curated row gives the permission
		// where the permission data is silent, also when the endpoint
		// list names the operation (GitHub's REST reference data names a
		// permission the permission files lack: "Enterprise
		// administration").
		if len(b.docs.appPerms[k]) == 0 {
			if r, ok := curatedFor(b.reqs, k, token); ok {
				return r, nil
			}
		}
		switch {
		case listed:
			es := filterFlag(b.docs.appPerms[k], s2s)
			if len(es) == 0 {
				// Listed for this token kind by the endpoint list but
				// flagged for the other kind only by the permissions
				// file (the files come from different commits): the
				// permissions still apply.
				es = b.docs.appPerms[k]
			}
			return b.sets(k, es)
		case jwt:
			return requirement{basis: "BasisAppJWT"}, nil
		}
		switch {
		case s2s && statementFor(b.statements, o, "installation") != nil:
			return requirement{basis: "BasisDescription"}, nil
		case !s2s && userWorks:
			return requirement{usable: true, basis: "BasisDescribedUsable"}, nil
		case !s2s && b.docs.patPerms[k] != nil:
			// GitHub lists an operation for fine-grained tokens only
			// when user access tokens can call it (sync.ts): a positive
			// statement, which wins over the user list's silence.
			r, err := b.sets(k, b.docs.patPerms[k])
			r.basis = "BasisFromFineGrained"
			return r, err
		case !s2s && b.docs.patList[k]:
			return requirement{usable: true, basis: "BasisListedOnly"}, nil
		case s2s && userListed:
			return requirement{basis: "BasisUserOnly"}, nil
		case !s2s && instListed:
			return requirement{basis: "BasisInstallationOnly"}, nil
		case notForApps:
			return requirement{basis: "BasisNotForApps"}, nil
		case !o.onDotCom():
			if r, ok := b.plan.requirement(o, s2s); ok {
				return r, nil
			}
			if ok, err := describedInstallation(o, b.vocab); err != nil {
				return requirement{}, err
			} else if ok && s2s {
				return requirement{usable: true, basis: "BasisDescribedUsable", evidence: "description: " + installationWorks.FindString(collapse(o.description)) + "…"}, nil
			}
			return requirement{basis: "BasisUnknown"}, nil
		}
		return requirement{basis: "BasisNotListed"}, nil
	}
	if inst, err = app(instListed, true); err != nil {
		return
	}
	if user, err = app(userListed, false); err != nil {
		return
	}
	pat, err = b.fineGrained(o, jwt, patWorks, user)
	return
}

// fineGrained decides what fine-grained tokens need. GitHub's docs
// generator (src/github-apps/scripts/sync.ts) lists an operation in
// fine-grained-pat.json when user access tokens can call it, it is not
// disabled for fine-grained tokens, and not all of its permission sets are
// excluded for them; an operation with no permission set at all passes
// none of that test ("every" of nothing is true) and is never listed.
func (b *reqBuilder) fineGrained(o *opInfo, jwt, described bool, user requirement) (requirement, error) {
	k := o.key()
	switch {
	case b.docs.patPerms[k] != nil:
		return b.sets(k, b.docs.patPerms[k])
	}
	// A curated row gives the permission where the permission data is
	// silent, whether or not the endpoint list names the operation.
	if r, ok := curatedFor(b.reqs, k, "fine_grained"); ok {
		return r, nil
	}
	switch {
	case b.docs.patList[k]:
		return requirement{usable: true, basis: "BasisListedOnly"}, nil
	case jwt:
		return requirement{basis: "BasisAppJWT"}, nil
	case statementFor(b.statements, o, "fine_grained") != nil:
		return requirement{basis: "BasisDescription"}, nil
	case described:
		return requirement{usable: true, basis: "BasisDescribedUsable"}, nil
	case !o.onDotCom():
		return requirement{basis: "BasisUnknown"}, nil
	case user.basis == "BasisNoPermission":
		// Permissionless for user tokens: the list is silent on these.
		return requirement{basis: "BasisUnknown"}, nil
	case b.docs.listed(k):
		return requirement{basis: "BasisNotFineGrained"}, nil
	}
	return requirement{basis: "BasisNotListed"}, nil
}

func anyFlag(es []grantEntry, s2s bool) bool { return len(filterFlag(es, s2s)) > 0 }

// filterFlag keeps the entries for installation (s2s) or user tokens.
// Entries of the fine-grained file have neither flag and are kept by the
// caller as they are.
func filterFlag(es []grantEntry, s2s bool) []grantEntry {
	var out []grantEntry
	for _, e := range es {
		if s2s && e.s2s || !s2s && e.u2s {
			out = append(out, e)
		}
	}
	return out
}

// sets turns the docs entries of operation k into alternative sets: the
// curated sets where the docs flag additional permissions, else the one
// permission listed, else nothing.
func (b *reqBuilder) sets(k string, es []grantEntry) (requirement, error) {
	if len(es) == 0 {
		return requirement{usable: true, basis: "BasisNoPermission"}, nil
	}
	additional := false
	distinct := map[grant]bool{}
	for _, e := range es {
		additional = additional || e.additional
		distinct[grant{e.key, e.level}] = true
		if _, ok := b.vocab[e.key]; !ok {
			return requirement{}, fmt.Errorf("%s: %s: unknown permission key %q", docsDir, k, e.key)
		}
	}
	if sets, ok := b.curated[k]; ok {
		b.used[k] = true
		return requirement{usable: true, sets: sets, basis: "BasisCurated"}, nil
	}
	if additional || len(distinct) > 1 {
		var names []string
		for g := range distinct {
			names = append(names, g.key+":"+g.level)
		}
		sort.Strings(names)
		return requirement{}, fmt.Errorf("%s: %s: listed under %s with additional permissions, but permission-sets.tsv has no sets for it", docsDir, k, strings.Join(names, ", "))
	}
	return requirement{usable: true, sets: [][]grant{{{es[0].key, es[0].level}}}, basis: "BasisPermissions"}, nil
}
