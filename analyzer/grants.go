package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
	"github.com/ghperm/ghperm/manifest"
	"github.com/ghperm/ghperm/report"
	"golang.org/x/tools/go/analysis"
)

// checkGrants compares what a main package's program needs with the
// grants of its manifest. Only main packages are compared: a manifest
// belongs to a program, and a program's needs are known at its main
// package, whose calls carry what the packages below reach.
func (p *pkgPass) checkGrants() error {
	pass := p.pass
	if len(pass.Files) == 0 || !p.checkDirectives() {
		return nil
	}
	if pass.Pkg.Name() != "main" {
		if p.cfg.CallSites {
			return p.checkPackageGrants()
		}
		return nil
	}
	g := &grantsPass{pkgPass: p, files: map[string]*token.File{}}
	directive, dpos, optOut := manifestDirective(pass)
	g.root = moduleRoot(pass)
	explicit := p.cfg.manifestPath(g.root)
	g.anchor = dpos
	if !g.anchor.IsValid() {
		g.anchor = pass.Files[0].Name.Pos()
	}
	p.res.Program.Anchor = g.anchor
	if optOut && explicit == "" {
		return nil
	}
	// A test binary's main is generated: what it reaches is the tests'.
	testMain := strings.HasSuffix(pass.Pkg.Path(), ".test")
	if !testMain {
		g.reportUnreached()
	}
	loc, err := manifest.Discover(g.root, explicit, directive)
	loc.Program = manifest.ProgramAt(g.root, filepath.Dir(pass.Fset.File(pass.Files[0].FileStart).Name()), pass.Pkg.Path())
	if err != nil {
		p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: g.anchor, Category: string(report.ManifestError), Message: err.Error()}})
		return nil
	}
	if loc.Manifest == "" && loc.Config == "" {
		if !testMain {
			g.reportNoGrants()
		}
		return nil
	}
	cat, err := theCatalog()
	if err != nil {
		return err
	}
	// Several programs may share the grants: then each reports its own
	// missing grants, the first reports the manifest's own problems, and
	// none reports excess, as none sees the programs' needs together.
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].FileStart).Name())
	sharers := []string{dir}
	if explicit == "" {
		sharers = manifest.Sharers(g.root, directive)
	}
	first := len(sharers) == 0 || sharers[0] == dir
	grants, errs := manifest.Load(loc, cat)
	if first && len(sharers) > 1 {
		g.reportShared(sharers)
	}
	if grants != nil && grants.Token == catalog.OAuth {
		scopes := codeScopes(pass)
		errs = append(errs, manifest.CheckScopes(scopes, cat)...)
		grants.Scopes = append(grants.Scopes, scopes...)
	}
	if first {
		g.reportErrors(errs)
	}
	if grants == nil || grants.Manifest == nil && grants.Token != catalog.OAuth && grants.Token != catalog.AppJWT {
		return nil // the errors say why there is nothing to compare with
	}
	p.res.Token = grants.Token
	uses, unresolved := p.res.Uses(cat, pass.Fset, g.root)
	if !p.cfg.Tests {
		uses = withoutTests(uses)
	}
	in := compare.Input{Uses: uses, Grants: grants, Catalog: cat, Unresolved: unresolved, Visibility: grants.Visibility(),
		Handled: p.res.Handled(pass.Fset, g.root)}
	p.markIgnored(in)
	for _, f := range compare.Compare(in) {
		if f.Site == nil && (!first || len(sharers) > 1 && f.Category == report.ExcessGrant) {
			continue
		}
		g.report(f)
	}
	g.flushAnchored()
	return nil
}

// manifestPath is the -manifest flag's path, resolved against the
// module root; "" without the flag.
func (c *Config) manifestPath(root string) string {
	if c.Manifest != "" && !filepath.IsAbs(c.Manifest) {
		return filepath.Join(root, c.Manifest)
	}
	return c.Manifest
}

// checkPackageGrants (-callsite) compares the GitHub calls a package other than main
// makes itself with its module's grants, when they are known without a
// main package: a manifest or config found at the module root (or named
// by -manifest) that every main package of the module uses. It reports
// a missing grant, or a call the token kind cannot make, at the call,
// where an editor that lints the open file's package shows it. The main
// package's finding says the same for the program; the ghperm command,
// which sees both, keeps that one. OAuth grants are left to the main
// package, whose code may add scopes.
func (p *pkgPass) checkPackageGrants() error {
	pass := p.pass
	own := p.res.direct()
	if len(own.Calls) == 0 {
		return nil
	}
	root := moduleRoot(pass)
	explicit := p.cfg.manifestPath(root)
	loc, err := manifest.Discover(root, explicit, "")
	if err != nil || loc.Manifest == "" && loc.Config == "" || explicit == "" && !manifest.Governs(root) {
		return nil // the main packages say what they are compared with
	}
	cat, err := theCatalog()
	if err != nil {
		return err
	}
	grants, _ := manifest.Load(loc, cat) // its errors are the main packages' to report
	if grants == nil || grants.Manifest == nil && grants.Token != catalog.AppJWT || grants.Token == catalog.OAuth {
		return nil
	}
	uses, _ := own.Uses(cat, pass.Fset, root)
	if !p.cfg.Tests {
		uses = withoutTests(uses)
	}
	in := compare.Input{Uses: uses, Grants: grants, Catalog: cat, Visibility: grants.Visibility()}
	p.markIgnored(in)
	g := &grantsPass{pkgPass: p, files: map[string]*token.File{}, root: root, anchor: pass.Files[0].Name.Pos(), packageView: true}
	for _, f := range compare.Compare(in) {
		if f.Site != nil && (f.Category == report.MissingGrant || f.Category == report.UnusableEndpoint) {
			g.report(f)
		}
	}
	return nil
}

// reportUnreached says so when the program reaches none of the GitHub
// calls of its packages: an empty answer is not "needs nothing".
func (g *grantsPass) reportUnreached() {
	prog := g.res.Program
	if len(prog.Reached) > 0 || len(prog.Unreached) == 0 {
		return
	}
	u := prog.Unreached[0]
	g.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: g.anchor, Category: string(report.Unreached), Message: fmt.Sprintf(
		"the program reaches none of the %s in its packages (such as %s in %s%s), so what it needs is unknown: "+
			"ghperm follows calls, functions used as values and types converted to interfaces, from main and every package's initialisation; "+
			"ghperm needs lists the calls not reached", count(len(prog.Unreached), "GitHub call"), u.Callee, u.At.Name, g.at(u.At))}})
}

// at is " at" the position of a place of the package, or "".
func (g *grantsPass) at(pl Place) string {
	if at, ok := g.callPosition(pl, token.NoPos); ok {
		return " at " + at
	}
	return ""
}

// count is "1 call" or "2 calls".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// reportNoGrants reports a program that calls GitHub with nothing to
// compare its needs with.
func (g *grantsPass) reportNoGrants() {
	prog := g.res.Program
	if len(prog.Reached) == 0 {
		return
	}
	r := prog.Reached[0]
	g.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: g.anchor, Category: string(report.NoGrants), Message: fmt.Sprintf(
		"the program calls GitHub (%s, such as %s%s) but no grants are declared to compare them with: "+
			"add the app manifest (app.yml) or a ghperm.yml at the module root, or a //ghperm:manifest <path> directive here "+
			"(//ghperm:manifest none: do not compare)", count(len(prog.Reached), "call"), r.Callee, g.where(r.At, token.NoPos))}})
}

// grantsPass is the comparison of one main package with its grants.
type grantsPass struct {
	*pkgPass
	root   string                 // the module's directory
	anchor token.Pos              // the //ghperm:manifest directive, or the package clause
	files  map[string]*token.File // files outside the package, added to the file set
	// packageView: a package other than main compared on its own (see
	// checkPackageGrants).
	packageView bool
	anchored    []Finding // about manifest lines, at the anchor (see flushAnchored)
}

func (g *grantsPass) reportShared(sharers []string) {
	var rel []string
	for _, d := range sharers {
		r, _ := filepath.Rel(g.root, d)
		rel = append(rel, filepath.ToSlash(r))
	}
	g.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: g.anchor, Category: string(report.SharedManifest), Message: fmt.Sprintf(
		"the main packages %s share their grants: excess grants are not reported, as go vet sees each program's needs alone; "+
			"tie a manifest to each program with //ghperm:manifest", strings.Join(rel, ", "))}})
}

// reportErrors reports problems of the manifest and config at their
// positions, or at the anchor with the file in the message.
func (g *grantsPass) reportErrors(errs manifest.ErrorList) {
	for _, e := range errs {
		d := analysis.Diagnostic{Pos: g.anchor, Category: string(report.ManifestError), Message: e.Msg}
		if rel, err := filepath.Rel(g.root, e.Pos.File); err == nil && e.Pos.File != "" {
			d.Message = filepath.ToSlash(rel) + ": " + e.Msg
		}
		f := Finding{Diagnostic: d}
		if pos, ok := g.position(token.Position{Filename: e.Pos.File, Offset: e.Pos.Offset, Line: e.Pos.Line, Column: e.Pos.Col}); ok {
			f.Pos, f.Message, f.Manifest = pos, e.Msg, pos
		}
		g.emit(f)
	}
}

// report reports a finding: at its call site, at its place in the
// manifest, or (-excess-at=go, or when the manifest's position cannot be
// had) at the anchor with the manifest's line in the message.
func (g *grantsPass) report(f compare.Finding) {
	out := Finding{Diagnostic: analysis.Diagnostic{Category: string(f.Category), Message: f.Message}, Key: f.Key, PackageView: g.packageView}
	if f.Op != nil && !f.Op.IsDeclared() {
		out.URL = f.Op.DocsURL
		out.Endpoint = f.Op.Key()
	}
	for _, r := range f.Related {
		if r.Pos.IsValid() {
			out.Related = append(out.Related, analysis.RelatedInformation{Pos: r.Pos, Message: r.Message})
		} else if pos, ok := g.position(r.Position); ok {
			out.Related = append(out.Related, analysis.RelatedInformation{Pos: pos, Message: r.Message})
			if !out.Manifest.IsValid() {
				out.Manifest = pos
			}
		}
	}
	switch pos, ok := g.position(f.Position); {
	case f.Site != nil:
		out.Pos = f.Site.Pos
		if f.Op != nil {
			out.Chain = g.res.SiteChain(f.Site.Pos, f.Op.Key())
		}
	case ok && g.cfg.ExcessAt != AtGo:
		out.Pos, out.Manifest = pos, pos
	default:
		out.Pos = g.anchor
		out.Message = fmt.Sprintf("%s:%d: %s", filepath.Base(f.Position.Filename), f.Position.Line, f.Message)
		if ok {
			out.Related = append(out.Related, analysis.RelatedInformation{Pos: pos, Message: "granted here"})
			out.Manifest = pos
		}
		g.anchored = append(g.anchored, out)
		return
	}
	g.emit(out)
}

// flushAnchored reports the findings about manifest lines that report
// placed at the anchor: one per category, listing them all, as linters
// that keep one finding per line and category (golangci-lint's
// uniq-by-line) would drop the others.
func (g *grantsPass) flushAnchored() {
	byCat := map[string][]Finding{}
	var cats []string
	for _, f := range g.anchored {
		if byCat[f.Category] == nil {
			cats = append(cats, f.Category)
		}
		byCat[f.Category] = append(byCat[f.Category], f)
	}
	for _, c := range cats {
		fs := byCat[c]
		out := fs[0]
		if len(fs) > 1 {
			var msgs, keys []string
			out.Related = nil
			for _, f := range fs {
				msgs = append(msgs, f.Message)
				keys = append(keys, f.Key)
				out.Related = append(out.Related, f.Related...)
			}
			out.Message = fmt.Sprintf("%d findings: %s", len(fs), strings.Join(msgs, "; "))
			out.Key = strings.Join(keys, ",")
		}
		g.emit(out)
	}
	g.anchored = nil
}

// directive is one //ghperm:name comment of the package.
type directive struct {
	file *ast.File
	c    *ast.Comment
	args string
}

// ghpermDirectives returns the package's //ghperm:name comments.
func ghpermDirectives(pass *analysis.Pass, name string) []directive {
	return filesDirectives(pass.Files, name)
}

func filesDirectives(files []*ast.File, name string) []directive {
	var out []directive
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if d, ok := ast.ParseDirective(c.Slash, c.Text); ok && d.Tool == "ghperm" && d.Name == name {
					out = append(out, directive{f, c, d.Args})
				}
			}
		}
	}
	return out
}

// Uses groups the resolved calls of r by operation, as package compare
// takes them, with file names relative to root in the sites' positions,
// and counts the calls whose endpoint is unknown (including those inside
// wrappers, and endpoints the catalog lacks). In a main package, only the
// calls the program reaches count, and what it reaches only through other
// packages' initialisation is placed at the program's anchor (its
// //ghperm:manifest directive or package clause).
func (r *Result) Uses(cat *catalog.Catalog, fset *token.FileSet, root string) (uses []compare.Use, unresolved int) {
	byUse := map[string]int{}
	add := func(key string, w compare.Workflow, by compare.ClientToken, s compare.Site) {
		op, ok := operation(cat, key)
		if !ok {
			unresolved++
			return
		}
		if rel, err := filepath.Rel(root, s.Position.Filename); err == nil {
			s.Position.Filename = filepath.ToSlash(rel) // for messages
		}
		if !op.WritesWorkflowFiles() {
			w = compare.NoWorkflow // said of the call, another of its endpoints
		}
		u := compare.Use{Op: op, Workflow: w, By: by}
		i, seen := byUse[u.Key()]
		if !seen {
			i = len(uses)
			byUse[u.Key()] = i
			uses = append(uses, u)
		}
		// A use that may write a workflow file says so; one that does
		// has its own key.
		uses[i].Workflow = max(uses[i].Workflow, w)
		uses[i].Sites = append(uses[i].Sites, s)
	}
	covered := map[string]bool{}
	for _, c := range r.Calls {
		if r.Program != nil && !c.Reached {
			continue
		}
		if r.Program == nil {
			unresolved += len(c.Inner)
		}
		for _, e := range c.Endpoints {
			covered[e.Key] = true
			add(e.Key, e.Workflow, e.By, compare.Site{Pos: c.Pos, Position: fset.Position(c.Pos), Chain: labels(e.Chain)})
		}
	}
	if r.Program == nil {
		return uses, unresolved + len(r.Unresolved)
	}
	for _, pc := range r.Program.Reached {
		if pc.Reason != "" {
			unresolved++
		}
		for _, k := range pc.Endpoints {
			if !covered[k] {
				covered[k] = true
				add(k, pc.Workflow, pc.By, compare.Site{Pos: r.Program.Anchor, Position: fset.Position(r.Program.Anchor), Chain: append([]string{pc.Root}, labels(pc.Chain)...)})
			}
		}
	}
	return uses, unresolved
}

// Handled returns the webhook events a main package's program handles,
// for the comparison: each at its handler when the main package declares
// it, else at the program's anchor, with the chain to the handler (file
// names relative to root).
func (r *Result) Handled(fset *token.FileSet, root string) []compare.Handled {
	if r.Program == nil {
		return nil
	}
	var out []compare.Handled
	for _, ev := range r.Program.Events {
		pos := r.Position(ev.At)
		if !pos.IsValid() {
			pos = r.Program.Anchor
		}
		s := compare.Site{Pos: pos, Position: fset.Position(pos), Chain: labels(ev.Chain)}
		if rel, err := filepath.Rel(root, s.Position.Filename); err == nil {
			s.Position.Filename = filepath.ToSlash(rel)
		}
		out = append(out, compare.Handled{Name: ev.Name, Site: s})
	}
	return out
}

// manifestDirective returns the path of the package's //ghperm:manifest
// directive, resolved against its file's directory, its position, and
// whether it says none (the program is not compared).
func manifestDirective(pass *analysis.Pass) (string, token.Pos, bool) {
	return ManifestDirective(pass.Fset, pass.Files)
}

// ManifestDirective returns the path that the first //ghperm:manifest
// directive of a package's files names, resolved against its file's
// directory, and its position; "" and token.NoPos if there is none. A
// directive "//ghperm:manifest none" names no path and opts the program
// out of the comparison (none is true).
func ManifestDirective(fset *token.FileSet, files []*ast.File) (path string, pos token.Pos, none bool) {
	ds := filesDirectives(files, "manifest")
	if len(ds) == 0 {
		return "", token.NoPos, false
	}
	if arg, _, _ := strings.Cut(strings.TrimSpace(ds[0].args), " "); arg == "none" {
		return "", ds[0].c.Slash, true
	}
	dir := filepath.Dir(fset.File(ds[0].file.FileStart).Name())
	return manifest.DirectivePath(dir, ds[0].args), ds[0].c.Slash, false
}

func lineOf(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return lineKey(p.Filename, p.Line)
}

func lineKey(file string, line int) string { return fmt.Sprintf("%s:%d", file, line) }

// labels names the steps of a chain as messages print them.
func labels(chain []Step) []string {
	out := make([]string, len(chain))
	for i, s := range chain {
		out[i] = s.Label()
	}
	return out
}

// moduleRoot returns the module's directory: the driver's, or the first
// directory holding go.mod above the package's files (go vet in Go 1.26
// gives no module directory).
func moduleRoot(pass *analysis.Pass) string {
	if pass.Module != nil && pass.Module.Dir != "" {
		return pass.Module.Dir
	}
	return manifest.ModuleRoot(filepath.Dir(pass.Fset.File(pass.Files[0].FileStart).Name()))
}

// position returns the token.Pos of a position in a file of the package
// or in a manifest, config or workflow. Those lie outside the package and
// are read deliberately with os.ReadFile (Pass.ReadFile serves only the
// package's own files), then added to the pass's file set.
func (g *grantsPass) position(p token.Position) (token.Pos, bool) {
	if p.Line == 0 || p.Filename == "" {
		return token.NoPos, false
	}
	tf, ok := g.file(p.Filename)
	if !ok || p.Offset > tf.Size() {
		return token.NoPos, false
	}
	return tf.Pos(p.Offset), true
}

func (g *grantsPass) file(name string) (*token.File, bool) {
	if tf, ok := g.files[name]; ok {
		return tf, tf != nil
	}
	for _, f := range g.pass.Files { // scopes found in the package's code
		if tf := g.pass.Fset.File(f.FileStart); tf.Name() == name {
			g.files[name] = tf
			return tf, true
		}
	}
	content, err := os.ReadFile(name)
	if err != nil {
		g.files[name] = nil
		return nil, false
	}
	tf := g.pass.Fset.AddFile(name, -1, len(content))
	tf.SetLinesForContent(content)
	g.files[name] = tf
	return tf, true
}

// withoutTests drops the call sites in _test.go files (go vet analyses a
// main package with its internal tests): tests usually run with other
// tokens than the program, so their calls are not the program's needs.
func withoutTests(uses []compare.Use) []compare.Use {
	out := uses[:0]
	for _, u := range uses {
		u.Sites = slices.DeleteFunc(u.Sites, func(s compare.Site) bool { return strings.HasSuffix(s.Position.Filename, "_test.go") })
		if len(u.Sites) > 0 {
			out = append(out, u)
		}
	}
	return out
}

// checkDirectives reports //ghperm:manifest directives that are ignored
// (in a package other than main, or without a path) and conflicting ones
// (two paths in one program: an error, not first-wins). It returns false
// when the grants cannot be compared.
func (p *pkgPass) checkDirectives() bool {
	pass := p.pass
	ds := ghpermDirectives(pass, "manifest")
	report := func(d directive, format string, args ...any) {
		p.emit(Finding{Diagnostic: analysis.Diagnostic{Pos: d.c.Slash, Category: string(report.ManifestError), Message: fmt.Sprintf(format, args...)}})
	}
	first := map[string]directive{}
	var paths []string
	for _, d := range ds {
		dir := filepath.Dir(pass.Fset.File(d.file.FileStart).Name())
		path := manifest.DirectivePath(dir, d.args)
		switch {
		case pass.Pkg.Name() != "main":
			report(d, "//ghperm:manifest in package %s is ignored: it ties a manifest to a program, so it belongs in a main package", pass.Pkg.Name())
		case path == "":
			report(d, "//ghperm:manifest without a path is ignored: name the manifest, as in //ghperm:manifest app.yml")
		case len(paths) > 0 && path != paths[0]:
			f := first[paths[0]]
			at := pass.Fset.Position(f.c.Slash)
			report(d, "conflicting //ghperm:manifest directives: %s here, %s at %s:%d; a program has one manifest",
				strings.TrimSpace(d.args), strings.TrimSpace(f.args), filepath.Base(at.Filename), at.Line)
		}
		if path != "" && first[path].c == nil {
			first[path] = d
			paths = append(paths, path)
		}
	}
	return len(paths) <= 1
}
