package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Scope returns the OAuth scope named name.
func (c *Catalog) Scope(name string) (Scope, bool) {
	s, ok := c.scopes[name]
	return s, ok
}

// Scopes returns every OAuth scope, sorted by name.
func (c *Catalog) Scopes() []Scope { return c.scopeList }

// Visibility says which repositories a classic token must reach: it
// decides between the repo and public_repo scopes.
type Visibility uint8

const (
	// AnyVisibility: public and private repositories (the default; the
	// scopes are those private repositories need).
	AnyVisibility Visibility = iota
	// PrivateRepos: private repositories (the same scopes as AnyVisibility).
	PrivateRepos
	// PublicRepos: public repositories only: public_repo instead of repo,
	// and no scope for reads GitHub serves without one.
	PublicRepos
)

var visibilityNames = [...]string{AnyVisibility: "any", PrivateRepos: "private", PublicRepos: "public"}

func (v Visibility) String() string {
	if int(v) < len(visibilityNames) {
		return visibilityNames[v]
	}
	return fmt.Sprintf("Visibility(%d)", v)
}

// ParseVisibility parses "any", "private" or "public" ("" is any).
func ParseVisibility(s string) (Visibility, error) {
	if s == "" {
		return AnyVisibility, nil
	}
	for v, name := range visibilityNames {
		if s == name {
			return Visibility(v), nil
		}
	}
	return AnyVisibility, fmt.Errorf("invalid visibility %q (want %s)", s, strings.Join(visibilityNames[:], ", "))
}

// ScopesFor returns op's OAuth scope alternatives for repositories of
// visibility v (meaningful when op.ScopesKnown).
func (op *Operation) ScopesFor(v Visibility) [][]string {
	if v == PublicRepos {
		return op.PublicScopes
	}
	return op.Scopes
}

// ScopeCovers reports whether the granted scopes include needed, directly
// or through a covering scope ("repo" covers "public_repo", "admin:org"
// covers "write:org" covers "read:org").
func (c *Catalog) ScopeCovers(granted []string, needed string) bool {
	for s, seen := needed, 0; s != "" && seen <= len(c.scopes); seen++ {
		if slices.Contains(granted, s) {
			return true
		}
		s = c.scopes[s].Parent
	}
	return false
}

// ScopesSatisfy reports whether the granted scopes suffice for op on any
// repository: ScopesSatisfyFor(granted, op, AnyVisibility).
func (c *Catalog) ScopesSatisfy(granted []string, op *Operation) bool {
	return c.ScopesSatisfyFor(granted, op, AnyVisibility)
}

// ScopesSatisfyFor reports whether the granted scopes suffice for op on
// repositories of visibility v: some alternative of op.ScopesFor(v) is
// covered entirely. It is false when the scopes op needs are not known,
// and true when op needs no scope.
func (c *Catalog) ScopesSatisfyFor(granted []string, op *Operation, v Visibility) bool {
	if !op.ScopesKnown {
		return false
	}
	return c.satisfies(granted, op.ScopesFor(v))
}

// ScopesCoverAny reports whether granted covers one of the scope
// alternatives alts (an empty alts needs nothing).
func (c *Catalog) ScopesCoverAny(granted []string, alts [][]string) bool {
	return c.satisfies(granted, alts)
}

func (c *Catalog) satisfies(granted []string, alts [][]string) bool {
	if len(alts) == 0 {
		return true
	}
	for _, alt := range alts {
		if c.coversAll(granted, alt) {
			return true
		}
	}
	return false
}

func (c *Catalog) coversAll(granted, needed []string) bool {
	for _, n := range needed {
		if !c.ScopeCovers(granted, n) {
			return false
		}
	}
	return true
}

// MinimalScopes is MinimalScopesFor(ops, AnyVisibility).
func (c *Catalog) MinimalScopes(ops []*Operation) []string {
	return c.MinimalScopesFor(ops, AnyVisibility)
}

// maxScopeSearch bounds the exact search of MinimalScopesFor (nodes
// visited); beyond it the answer is greedy.
const maxScopeSearch = 1 << 16

// MinimalScopesFor returns a normalised set of scopes (none covering
// another, as GitHub saves a token's scopes) that satisfies every op of
// ops whose scopes are known, on repositories of visibility v: the
// smallest such set, and among the smallest the narrowest (the fewest
// scopes covered in all: user:email before user), then the first in
// sorted order. A scope that covers several needed ones counts once
// (user for user:email and read:user). Ops with unknown scopes are
// skipped; the result is sorted. The search is exact up to
// maxScopeSearch steps, greedy beyond.
func (c *Catalog) MinimalScopesFor(ops []*Operation, v Visibility) []string {
	var reqs [][][]string
	for _, op := range ops {
		if op.ScopesKnown {
			reqs = append(reqs, op.ScopesFor(v))
		}
	}
	return c.MinimalScopesOf(reqs)
}

// MinimalScopesOf is MinimalScopesFor over requirements given as scope
// alternatives (ScopesFor, ScopesWritingWorkflow); an empty one needs
// nothing.
func (c *Catalog) MinimalScopesOf(alternatives [][][]string) []string {
	var reqs [][][]string
	seen := map[string]bool{}
	for _, alts := range alternatives {
		if len(alts) == 0 {
			continue
		}
		if k := fmt.Sprint(alts); !seen[k] {
			seen[k] = true
			reqs = append(reqs, alts)
		}
	}
	var best []string
	steps := 0
	var search func(cur []string) bool
	search = func(cur []string) bool {
		if steps++; steps > maxScopeSearch {
			return false
		}
		cur = c.NormalizeScopes(cur)
		if best != nil && len(cur) > len(best) {
			return true
		}
		i := slices.IndexFunc(reqs, func(alts [][]string) bool { return !c.satisfies(cur, alts) })
		if i < 0 {
			if best == nil || c.narrower(cur, best) {
				best = cur
			}
			return true
		}
		// Branch on what covers each alternative of the first unmet
		// requirement: every optimal set is reached by choosing, for
		// each scope needed, the scope of that set that covers it.
		for _, alt := range reqs[i] {
			if !c.coverChoices(cur, alt, search) {
				return false
			}
		}
		return true
	}
	if !search(nil) {
		return c.greedyScopes(reqs)
	}
	if best == nil {
		return nil
	}
	return best
}

// coverChoices calls next with cur plus, for every scope of alt that cur
// does not cover, that scope or one of the scopes that cover it; false
// when next gave up.
func (c *Catalog) coverChoices(cur, alt []string, next func([]string) bool) bool {
	j := slices.IndexFunc(alt, func(n string) bool { return !c.ScopeCovers(cur, n) })
	if j < 0 {
		return next(cur)
	}
	for s, seen := alt[j], 0; s != "" && seen <= len(c.scopes); seen++ {
		if !c.coverChoices(append(slices.Clone(cur), s), alt[j+1:], next) {
			return false
		}
		s = c.scopes[s].Parent
	}
	return true
}

// narrower orders normalised scope sets of one length: fewer scopes
// covered in all first, then sorted order.
func (c *Catalog) narrower(a, b []string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	if wa, wb := c.breadth(a), c.breadth(b); wa != wb {
		return wa < wb
	}
	return slices.Compare(a, b) < 0
}

// breadth is how many scopes the set covers, itself included.
func (c *Catalog) breadth(set []string) int {
	n := 0
	for name := range c.scopes {
		if c.ScopeCovers(set, name) {
			n++
		}
	}
	return n
}

// greedyScopes keeps, for each requirement in turn, an alternative already
// covered, or else adds its first alternative (GitHub's prose names the
// general scope first).
func (c *Catalog) greedyScopes(reqs [][][]string) []string {
	var granted []string
	for _, alts := range reqs {
		if c.satisfies(granted, alts) {
			continue
		}
		for _, s := range alts[0] {
			if !c.ScopeCovers(granted, s) {
				granted = append(granted, s)
			}
		}
	}
	return c.NormalizeScopes(granted)
}

// NormalizeScopes returns scopes without duplicates and without the
// scopes that another one covers, sorted: the normalised list GitHub
// saves on a token ("user,gist,user:email" is "gist,user").
func (c *Catalog) NormalizeScopes(scopes []string) []string {
	uniq := slices.Compact(slices.Sorted(slices.Values(scopes)))
	var out []string
	for i, s := range uniq {
		if !c.ScopeCovers(slices.Delete(slices.Clone(uniq), i, i+1), s) {
			out = append(out, s)
		}
	}
	return out
}
