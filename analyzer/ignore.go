package analyzer

import (
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/ghperm/ghperm/compare"
	"github.com/ghperm/ghperm/report"
)

// ignores are a package's //ghperm:ignore directives. Each exempts the
// call on its line or the next from the findings about the call, and says
// why; one that exempts nothing is reported, as staticcheck reports its
// unused lint:ignore directives, so that none outlives its call.
type ignores struct {
	reasons  map[string]string    // by "file:line" of each line a directive covers
	by       map[string]token.Pos // the directive that covers "file:line"
	dirs     []token.Pos          // the directives with a reason, in source order
	used     map[token.Pos]bool
	compared bool // the package's calls were compared with grants
}

// ignoreDirectives returns the package's //ghperm:ignore directives,
// parsed once; one without a reason is a manifest-error.
func (p *pkgPass) ignoreDirectives() *ignores {
	if p.ignores != nil {
		return p.ignores
	}
	ig := &ignores{reasons: map[string]string{}, by: map[string]token.Pos{}, used: map[token.Pos]bool{}}
	p.ignores = ig
	for _, d := range ghpermDirectives(p.pass, "ignore") {
		reason := strings.TrimSpace(d.args)
		if reason == "" {
			p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: d.c.Slash, Category: string(report.ManifestError),
				Message: "//ghperm:ignore needs a reason: //ghperm:ignore <why the call is fine>"}})
			continue
		}
		ig.dirs = append(ig.dirs, d.c.Slash)
		pos := p.pass.Fset.Position(d.c.Slash)
		for _, line := range []int{pos.Line, pos.Line + 1} {
			key := lineKey(pos.Filename, line)
			ig.reasons[key] = reason
			ig.by[key] = d.c.Slash
		}
	}
	return ig
}

// suppress reports whether a directive exempts the call at pos from a
// finding, and notes that it did.
func (p *pkgPass) suppress(pos token.Pos) bool {
	ig := p.ignoreDirectives()
	d, ok := ig.by[lineOf(p.pass.Fset, pos)]
	if ok {
		ig.used[d] = true
	}
	return ok
}

// markIgnored gives the sites under a directive its reason, and notes
// the directives that exempt a site from a finding of the comparison of
// in: those it reports when the sites have no reason.
func (p *pkgPass) markIgnored(in compare.Input) {
	ig := p.ignoreDirectives()
	ig.compared = true
	for _, u := range in.Uses {
		for i := range u.Sites {
			u.Sites[i].Ignore = ig.reasons[lineOf(p.pass.Fset, u.Sites[i].Pos)]
		}
	}
	if len(ig.dirs) == 0 {
		return
	}
	bare := in
	bare.Uses = make([]compare.Use, len(in.Uses))
	for i, u := range in.Uses {
		u.Sites = slices.Clone(u.Sites)
		for j := range u.Sites {
			u.Sites[j].Ignore = ""
		}
		bare.Uses[i] = u
	}
	for _, f := range compare.Compare(bare) {
		if f.Site != nil {
			p.suppress(f.Site.Pos)
		}
	}
}

// reportUnusedIgnores reports the directives that exempted nothing:
// those on a line without a GitHub call of the package, and, when the
// calls were compared with grants, those whose call had no finding.
func (p *pkgPass) reportUnusedIgnores() {
	ig := p.ignoreDirectives()
	for _, d := range ig.dirs {
		if ig.used[d] || !p.cfg.Tests && strings.HasSuffix(p.pass.Fset.Position(d).Filename, "_test.go") {
			continue
		}
		onCall := slices.ContainsFunc(append(slices.Clip(p.res.Calls), p.res.Unresolved...), func(c Call) bool {
			return ig.by[lineOf(p.pass.Fset, c.Pos)] == d
		})
		msg := "//ghperm:ignore exempts nothing: no GitHub call of this package is on its line or the next"
		switch {
		case onCall && !ig.compared:
			continue // whether it exempts a missing grant is known where the call is compared
		case onCall:
			msg = "//ghperm:ignore exempts nothing: the call it covers has no finding (its endpoint is known, and the grants allow it)"
		}
		p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: d, Category: string(report.UnusedIgnore), Message: msg}})
	}
}
