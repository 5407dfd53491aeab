package main

import (
	"fmt"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

// answer is the catalog's answer for one operation, one line per token
// kind, as AUDIT.md records it.
func answer(o *catalog.Operation) string {
	var b strings.Builder
	for _, t := range []struct {
		name string
		r    catalog.Requirement
	}{{"installation", o.Installation}, {"user", o.User}, {"fine_grained", o.FineGrained}} {
		fmt.Fprintf(&b, "%s=%s [%s]; ", t.name, t.r.String(), t.r.Basis)
	}
	if o.ScopesKnown {
		fmt.Fprintf(&b, "scopes=%v public=%v [%s]", o.Scopes, o.PublicScopes, o.ScopeSource())
	} else {
		fmt.Fprintf(&b, "scopes=? [%s]", o.ScopeSource())
	}
	return b.String()
}
