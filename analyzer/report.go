package analyzer

import (
	"fmt"
	"go/token"
	"path"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/report"
	"golang.org/x/tools/go/analysis"
)

// report turns the package's Result into diagnostics, as the flags ask.
func (p *pkgPass) report() error {
	for _, c := range p.res.Unresolved {
		// suppress first: a directive that exempts the call is used even
		// when -unresolved=false reports nothing.
		if p.suppress(c.Pos) || !p.cfg.Unresolved {
			continue
		}
		p.emit(Finding{Diagnostic: analysis.Diagnostic{
			Pos: c.Pos, End: c.End, Category: string(report.Unresolved),
			Message: fmt.Sprintf("%s reaches GitHub, endpoint unknown: %s", c.Callee, c.Reason),
		}})
	}
	for _, c := range p.res.Calls {
		if len(c.Inner) > 0 && !p.suppress(c.Pos) && p.cfg.Unresolved {
			r := c.Inner[0]
			msg := fmt.Sprintf("%s reaches GitHub through a call whose endpoint is unknown: %s", c.Callee, r.Reason)
			if len(r.Chain) > 1 { // not a client method called directly
				msg += " (" + p.chainString(r.Chain[1:]) + ")"
			}
			p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: c.Pos, End: c.End, Category: string(report.Unresolved), Message: msg}, Chain: r.Chain})
		}
	}
	if p.cfg.Endpoints && len(p.res.Calls) > 0 {
		cat, err := theCatalog()
		if err != nil {
			return err
		}
		for _, c := range p.res.Calls {
			for _, e := range c.Endpoints {
				msg, url := describe(cat, e)
				switch c.Style {
				case StyleWrapper, StyleValue, StyleRegistered:
					msg += " via " + e.Chain[0].Label()
				}
				p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: c.Pos, End: c.End, Category: string(report.EndpointCall), Message: msg, URL: url}, Endpoint: e.Key, Chain: e.Chain})
			}
		}
	}
	return nil
}

// emit reports a finding, and keeps it in the Result.
func (p *pkgPass) emit(f Finding) {
	p.pass.Report(f.Diagnostic)
	p.res.Findings = append(p.res.Findings, f)
}

// describe renders an endpoint with its operationId and requirement, and
// returns its docs URL.
func describe(cat *catalog.Catalog, e Endpoint) (msg, url string) {
	op, ok := operation(cat, e.Key)
	if !ok {
		return e.Key + " (not in the endpoint catalog) needs unknown permissions", ""
	}
	if op.IsDeclared() {
		return fmt.Sprintf("%s: declared, %s", e.Key, needs(op.Requirement(catalog.Installation))), ""
	}
	return fmt.Sprintf("%s (%s) %s", e.Key, op.ID, needs(op.Requirement(catalog.Installation))), op.DocsURL
}

// needs phrases what an installation token needs.
func needs(r catalog.Requirement) string {
	switch {
	case !r.Known():
		return "needs unknown permissions (GitHub's data does not say)"
	case !r.Usable:
		return "is not usable with an installation token"
	case len(r.Sets) == 0:
		return "needs no permission"
	}
	sets := make([]string, len(r.Sets))
	for i, s := range r.Sets {
		sets[i] = s.String()
	}
	return "needs " + strings.Join(sets, " or ")
}

func (p *pkgPass) chainString(chain []Step) string {
	parts := make([]string, len(chain))
	for i, s := range chain {
		parts[i] = s.Label() + p.where(s.At, s.Pos)
	}
	return strings.Join(parts, " → ")
}

// where says where a call is, for messages: " at" its position in the
// package analysed, else " in" the function that makes it.
func (p *pkgPass) where(pl Place, pos token.Pos) string {
	if at, ok := p.callPosition(pl, pos); ok {
		return " at " + at
	}
	return " in " + pl.Name
}

// callPosition renders the position of a call of the package analysed
// (pos, or else its place) as "import/path/file.go:L:C"; false for a
// call of another package: go vet shows a package no positions of the
// packages below it (ghperm's own output has them, from each package's
// Result).
func (p *pkgPass) callPosition(pl Place, pos token.Pos) (string, bool) {
	if !pos.IsValid() {
		pos = p.res.Position(pl)
	}
	if !pos.IsValid() {
		return "", false
	}
	q := p.pass.Fset.Position(pos)
	return fmt.Sprintf("%s/%s:%d:%d", p.pass.Pkg.Path(), path.Base(q.Filename), q.Line, q.Column), true
}
