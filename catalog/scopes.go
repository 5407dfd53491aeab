package catalog

import (
	"slices"
)

// Scope returns the OAuth scope named name.
func (c *Catalog) Scope(name string) (Scope, bool) {
	s, ok := c.scopes[name]
	return s, ok
}

// Scopes returns every OAuth scope, sorted by name.
func (c *Catalog) Scopes() []Scope { return c.scopeList }

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

// ScopesSatisfy reports whether the granted scopes suffice for op: some
// alternative of op.Scopes is covered entirely. It is false when the
// scopes op needs are not known, and true when op needs no scope.
func (c *Catalog) ScopesSatisfy(granted []string, op *Operation) bool {
	if !op.ScopesKnown {
		return false
	}
	if len(op.Scopes) == 0 {
		return true
	}
	for _, alt := range op.Scopes {
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

// MinimalScopes returns a normalised set of scopes that satisfies every
// op whose scopes are known: for each op it keeps an alternative already
// covered, or else adds its first alternative (GitHub's prose names the
// general scope first), then drops every scope covered by another one, as
// GitHub normalises a token's scopes. Ops with unknown scopes are skipped;
// the result is sorted.
func (c *Catalog) MinimalScopes(ops []*Operation) []string {
	var granted []string
	for _, op := range ops {
		if !op.ScopesKnown || len(op.Scopes) == 0 || c.ScopesSatisfy(granted, op) {
			continue
		}
		for _, s := range op.Scopes[0] {
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
