package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/manifest"
	"github.com/ghperm/ghperm/report"
)

// A //ghperm:needs directive declares what the GitHub calls it covers
// need, for calls ghperm cannot resolve (GraphQL, URLs built at run
// time):
//
//	//ghperm:needs pull_requests:read checks:read -- GraphQL: PR status rollup
//	//ghperm:needs scopes=repo,read:org -- GraphQL: the viewer's organisations
//	//ghperm:needs none -- a public endpoint, read without a token
//
// Items are permission grants (key:level, as an app manifest writes
// them), one scopes=a,b item (the OAuth scopes, all needed) and none;
// after " -- ", the reason, which is required; " //" ends the
// directive (a comment after it). On a line with a GitHub
// call it covers that line's calls; on a line of its own, the next
// line's; in a function's doc comment, the function's calls (closures
// included) that no line directive covers.

// declaration is one //ghperm:needs directive, parsed.
type declaration struct {
	pos    token.Pos // the directive's //
	grants catalog.Set
	scopes []string
	none   bool
	reason string
	used   bool // it covers a call
}

// text is the declaration's canonical form, grants sorted by key: what
// the graph's facts carry and the key of its use.
func (d *declaration) text() string {
	var items []string
	if d.none {
		items = append(items, "none")
	}
	for _, g := range d.grants {
		items = append(items, g.String())
	}
	if len(d.scopes) > 0 {
		items = append(items, "scopes="+strings.Join(d.scopes, ","))
	}
	return strings.Join(items, " ") + " -- " + d.reason
}

// declaredKey is the endpoint key that stands for a declaration's text:
// the key of its catalog.Declared operation.
func declaredKey(text string) string { return catalog.DeclaredMethod + " " + text }

// declaredOp returns the operation of an endpoint key made by
// declaredKey, and false for other keys.
func declaredOp(key string) (*catalog.Operation, bool) {
	text, ok := strings.CutPrefix(key, catalog.DeclaredMethod+" ")
	if !ok {
		return nil, false
	}
	d, _ := parseDeclaration(text, 0)
	return catalog.Declared(text, d.grants, d.scopes, d.none), true
}

// item is one word of a directive and its offset in the directive's text.
type item struct {
	text string
	off  int
}

// parseDeclaration reads the text after "//ghperm:needs", which starts at
// offset base of the comment, into a declaration, and returns the words
// it could not read: the keys and levels are checked against the catalog
// by checkDeclaration.
func parseDeclaration(text string, base int) (*declaration, []item) {
	d := new(declaration)
	text, _, _ = strings.Cut(text, " //") // a comment after the directive
	body, reason, _ := strings.Cut(text, " -- ")
	if r, ok := strings.CutSuffix(strings.TrimRight(body, " \t"), " --"); ok && reason == "" {
		body = r // "//ghperm:needs x:read --" has an empty reason
	}
	d.reason = strings.TrimSpace(reason)
	var bad []item
	for _, it := range fields(body, base) {
		switch {
		case it.text == "none":
			d.none = true
		case strings.HasPrefix(it.text, "scopes="):
			for _, s := range strings.Split(strings.TrimPrefix(it.text, "scopes="), ",") {
				if s != "" && !slices.Contains(d.scopes, s) {
					d.scopes = append(d.scopes, s)
				}
			}
		default:
			key, level, ok := strings.Cut(it.text, ":")
			l, err := catalog.ParseLevel(level)
			if !ok || err != nil || l == catalog.None {
				bad = append(bad, it)
				continue
			}
			d.grants = append(d.grants, catalog.Grant{Key: key, Level: l})
		}
	}
	slices.SortStableFunc(d.grants, func(a, b catalog.Grant) int { return strings.Compare(a.Key, b.Key) })
	return d, bad
}

// fields splits s at blanks, with each word's offset plus base.
func fields(s string, base int) []item {
	var out []item
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\t' {
			if start >= 0 {
				out = append(out, item{s[start:i], base + start})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

var levelWords = []string{"read", "write", "admin"}

// declarations reads the package's //ghperm:needs directives and
// reports the invalid ones (manifest-error, at the word concerned, with
// the closest known key, level or scope): the line directives by file
// and line, and the doc comments' by function.
func (p *pkgPass) declarations() (lines map[string]*declaration, funcs map[*localFunc]*declaration, err error) {
	ds := ghpermDirectives(p.pass, "needs")
	if len(ds) == 0 {
		return nil, nil, nil
	}
	cat, err := theCatalog()
	if err != nil {
		return nil, nil, err
	}
	docs := p.docDirectives()
	lines, funcs = map[string]*declaration{}, map[*localFunc]*declaration{}
	for _, dir := range ds {
		d, ok := p.declaration(dir.c, cat)
		if !ok {
			continue
		}
		if lf := docs[dir.c]; lf != nil {
			funcs[lf] = d
		} else {
			lines[lineOf(p.pass.Fset, dir.c.Slash)] = d
		}
	}
	return lines, funcs, nil
}

// docDirectives maps the comments of functions' doc comments to their
// functions.
func (p *pkgPass) docDirectives() map[*ast.Comment]*localFunc {
	out := map[*ast.Comment]*localFunc{}
	for _, f := range p.pass.Files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Doc == nil || fd.Body == nil {
				continue
			}
			lf := p.init
			if fn, ok := p.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && !isInit(fd) {
				lf = p.funcs[fn]
			}
			for _, c := range fd.Doc.List {
				out[c] = lf
			}
		}
	}
	return out
}

// declaration parses and checks one directive; false if it is invalid
// (reported).
func (p *pkgPass) declaration(c *ast.Comment, cat *catalog.Catalog) (*declaration, bool) {
	const name = "//ghperm:needs"
	d, bad := parseDeclaration(strings.TrimPrefix(c.Text, name), len(name))
	d.pos = c.Slash
	report := func(off int, format string, args ...any) {
		p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: c.Slash + token.Pos(off), Category: string(report.ManifestError),
			Message: "//ghperm:needs: " + fmt.Sprintf(format, args...)}})
	}
	for _, it := range bad {
		key, level, ok := strings.Cut(it.text, ":")
		switch l, err := catalog.ParseLevel(level); {
		case !ok:
			report(it.off, "%q is not key:level, scopes=a,b or none%s", it.text, manifest.DidYouMean(it.text, []string{"none"}))
		case err != nil:
			hint := manifest.DidYouMean(level, levelWords)
			if hint == "" {
				hint = "; want read, write or admin"
			}
			report(it.off+len(key)+1, "invalid level %q for %s%s", level, key, hint)
		case l == catalog.None:
			report(it.off+len(key)+1, "%s: none declares no need; leave the key out", key)
		}
	}
	errs := p.checkDeclared(c, d, cat)
	for _, e := range errs {
		report(e.Pos.Offset, "%s", e.Msg)
	}
	switch {
	case d.reason == "":
		report(0, "a declaration needs a reason: //ghperm:needs pull_requests:read -- <why: the query, the URL>")
	case len(d.grants) == 0 && len(d.scopes) == 0 && !d.none && len(bad) == 0:
		report(0, "declare what the call needs: permissions (pull_requests:read), scopes=repo,read:org, or none")
	case d.none && (len(d.grants) > 0 || len(d.scopes) > 0):
		report(0, "none with other needs: declare one or the other")
	default:
		return d, len(bad) == 0 && len(errs) == 0
	}
	return d, false
}

// checkDeclared checks a declaration's keys, levels and scopes against
// the catalog, as manifest.Check and CheckScopes check a manifest's:
// the errors' offsets are within the comment.
func (p *pkgPass) checkDeclared(c *ast.Comment, d *declaration, cat *catalog.Catalog) manifest.ErrorList {
	at := func(word string) manifest.Pos { // the words are in the comment
		return manifest.Pos{Offset: strings.Index(c.Text, word), Line: 1, Col: 1}
	}
	m := &manifest.Manifest{Format: manifest.AppYAML}
	seen := map[string]bool{}
	var errs manifest.ErrorList
	for _, g := range d.grants {
		pos := at(g.Key + ":")
		if seen[g.Key] {
			errs = append(errs, &manifest.Error{Pos: pos, Msg: fmt.Sprintf("%s is declared twice", g.Key)})
		}
		seen[g.Key] = true
		m.Permissions = append(m.Permissions, manifest.Permission{Key: g.Key, Written: g.Key, Level: g.Level,
			Pos: pos, LevelPos: manifest.Pos{Offset: pos.Offset + len(g.Key) + 1, Line: 1, Col: 1}})
	}
	errs = append(errs, manifest.Check(m, cat)...)
	var scopes []manifest.Scope
	from := strings.Index(c.Text, "scopes=")
	for _, s := range d.scopes {
		off := from + strings.Index(c.Text[from:], s)
		scopes = append(scopes, manifest.Scope{Name: s, Pos: manifest.Pos{Offset: off, Line: 1, Col: 1}})
	}
	return append(errs, manifest.CheckScopes(scopes, cat)...)
}

// applyDeclarations gives the package's GitHub calls that directives
// cover their declared needs. An unresolved call becomes a call of its
// declaration's operation (catalog.Declared): it counts in the needs and
// the comparison, and is no longer unresolved. A resolved call that a
// line directive covers keeps its endpoints, and the declaration is
// compared with what the catalog says they need.
func (p *pkgPass) applyDeclarations() error {
	lines, funcs, err := p.declarations()
	if err != nil || lines == nil {
		return err
	}
	cat, err := theCatalog()
	if err != nil {
		return err
	}
	covering := func(c *Call) *declaration {
		l := lineOf(p.pass.Fset, c.Pos)
		if d := lines[l]; d != nil {
			return d
		}
		pos := p.pass.Fset.Position(c.Pos)
		return lines[fmt.Sprintf("%s:%d", pos.Filename, pos.Line-1)]
	}
	for _, lf := range p.order {
		for _, c := range lf.calls {
			d, onLine := covering(c), true
			if d == nil {
				d, onLine = funcs[lf], false
			}
			switch {
			case d == nil:
			case c.Reason != "":
				d.used = true
				declare(c, d)
			case onLine:
				d.used = true
				p.compareDeclared(c, d, cat)
			}
		}
	}
	p.reportUnused(lines, funcs)
	return nil
}

// declare makes c a call of its declared needs.
func declare(c *Call, d *declaration) {
	c.Reason, c.Inner = "", nil
	c.Declared = d.text()
	c.Endpoints = []Endpoint{{Key: declaredKey(c.Declared), Chain: []Step{{Name: c.Callee, Pos: c.Pos}}}}
}

// reportUnused reports the directives that cover no call they can
// declare the needs of.
func (p *pkgPass) reportUnused(lines map[string]*declaration, funcs map[*localFunc]*declaration) {
	var unused []*declaration
	for _, d := range lines {
		if !d.used {
			unused = append(unused, d)
		}
	}
	for lf, d := range funcs {
		if !d.used {
			msg := "//ghperm:needs on " + lf.name + ": the function makes no GitHub call whose endpoint is unknown"
			if len(lf.calls) == 0 {
				msg = "//ghperm:needs on " + lf.name + ": the function makes no GitHub call (declare the needs where the call is made)"
			}
			p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: d.pos, Category: string(report.DeclaredNeeds), Message: msg}})
		}
	}
	slices.SortFunc(unused, func(a, b *declaration) int { return int(a.pos - b.pos) })
	for _, d := range unused {
		p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: d.pos, Category: string(report.DeclaredNeeds),
			Message: "//ghperm:needs covers no GitHub call: put it on the call's line, on the line above it, or in the doc comment of the function that makes the call"}})
	}
}

// compareDeclared reports a declaration on a call that ghperm resolves
// when it disagrees with the catalog: its permissions are not one of the
// alternatives an installation token needs for the call's endpoints, or
// its scopes not one of the scope alternatives. The catalog's
// requirement stays what the call needs.
func (p *pkgPass) compareDeclared(c *Call, d *declaration, cat *catalog.Catalog) {
	var want []string
	agree := false
	for _, e := range c.Endpoints {
		op, ok := operation(cat, e.Key)
		if !ok {
			continue
		}
		req := op.Requirement(catalog.Installation)
		if req.Known() && req.Usable && (len(d.grants) > 0 || d.none) {
			want = append(want, e.Key+" "+needs(req))
			agree = agree || slices.ContainsFunc(req.Sets, func(s catalog.Set) bool { return sameGrants(s, d.grants) }) ||
				len(req.Sets) == 0 && len(d.grants) == 0
		}
		if op.ScopesKnown && len(d.scopes) > 0 {
			want = append(want, fmt.Sprintf("%s needs the scopes %v", e.Key, op.Scopes))
			agree = agree || slices.ContainsFunc(op.Scopes, func(s []string) bool { return sameScopes(s, d.scopes) }) ||
				len(op.Scopes) == 0 && len(d.scopes) == 0
		}
	}
	if agree || len(want) == 0 {
		return
	}
	p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: d.pos, Category: string(report.DeclaredNeeds), Message: fmt.Sprintf(
		"//ghperm:needs declares %s, but ghperm resolves the call to %s: the catalog's requirement counts; correct or remove the declaration",
		strings.TrimSuffix(d.text(), " -- "+d.reason), strings.Join(want, "; "))}})
}

// sameGrants reports whether a requirement's set and declared grants are
// the same, metadata:read (which every app holds) aside.
func sameGrants(s, declared catalog.Set) bool {
	strip := func(s catalog.Set) []string {
		var out []string
		for _, g := range s {
			if g != (catalog.Grant{Key: catalog.Metadata, Level: catalog.Read}) {
				out = append(out, g.String())
			}
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(strip(s), strip(declared))
}

func sameScopes(a, b []string) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(a, b)
}
