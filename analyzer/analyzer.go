package analyzer

import (
	_ "embed"
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

//go:embed doc.go
var doc string

// Analyzer finds the GitHub API calls of a package and the REST endpoints
// they reach. Its result is a *Result; its facts are *FuncFact and
// *PackageFact. See the package documentation for the checks and flags.
var Analyzer = newAnalyzer()

// config holds one Analyzer's flags.
type config struct {
	unresolved bool
	endpoints  bool
	grants     grantFlags
}

func newAnalyzer() *analysis.Analyzer {
	c := &config{unresolved: true}
	a := &analysis.Analyzer{
		Name:       "ghperm",
		Doc:        extractDoc(doc, "ghperm"),
		URL:        "https://pkg.go.dev/github.com/ghperm/ghperm/analyzer",
		Run:        c.run,
		ResultType: reflect.TypeFor[*Result](),
		FactTypes:  []analysis.Fact{new(FuncFact), new(PackageFact)},
	}
	a.Flags.BoolVar(&c.unresolved, "unresolved", true, "report GitHub calls whose endpoint cannot be determined (category unresolved)")
	a.Flags.BoolVar(&c.endpoints, "endpoints", false, "report every resolved GitHub call with its endpoints (category endpoint)")
	c.grants.register(a)
	return a
}

// extractDoc returns the text of the package doc from the "# Analyzer
// name" heading on, as x/tools passes present their documentation.
func extractDoc(src, name string) string {
	var lines []string
	in := false
	for _, line := range strings.Split(src, "\n") {
		if !strings.HasPrefix(line, "//") {
			if in {
				break
			}
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ")
		if text == "# Analyzer "+name {
			in = true
			continue
		}
		if in {
			lines = append(lines, text)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func (c *config) run(pass *analysis.Pass) (any, error) {
	res := new(Result)
	switch libraryOf(pass.Pkg.Path()) {
	case libGoGitHub:
		return res, exportGoGitHubFacts(pass)
	case libGoGH, libGitHubV4:
		pass.ExportPackageFact(new(PackageFact))
		return res, nil
	}
	if isStd(pass) {
		return res, nil
	}
	// Only packages that import a GitHub client (directly or through a
	// package that does) or net/http can call GitHub.
	var imported []*PackageFact
	usesHTTP := false
	for _, imp := range pass.Pkg.Imports() {
		f := new(PackageFact)
		if pass.ImportPackageFact(imp, f) {
			imported = append(imported, f)
		}
		usesHTTP = usesHTTP || imp.Path() == "net/http"
	}
	if len(imported) == 0 && !usesHTTP {
		// A program that calls nothing still has grants to compare.
		return res, (&pkgPass{pass: pass, cfg: c, res: res}).checkGrants()
	}
	p := &pkgPass{pass: pass, cfg: c, res: res, local: make(map[*types.Func]*localFunc)}
	if err := p.analyze(); err != nil {
		return nil, err
	}
	p.exportFacts(imported)
	if err := p.report(); err != nil {
		return nil, err
	}
	return res, p.checkGrants()
}

// isStd reports whether the package belongs to the standard library.
func isStd(pass *analysis.Pass) bool {
	first, _, _ := strings.Cut(pass.Pkg.Path(), "/")
	return pass.Module == nil && !strings.Contains(first, ".")
}

// pkgPass is the analysis of one package outside the client libraries.
type pkgPass struct {
	pass *analysis.Pass
	cfg  *config
	res  *Result

	local map[*types.Func]*localFunc
	order []*localFunc // declaration order, for deterministic facts
	impls []types.Type // concrete types of the package, built on first need
}

// localFunc is a function declared in the package being analysed.
type localFunc struct {
	obj    *types.Func
	direct reachSet // what its body reaches itself
	calls  []edge   // calls and references to functions of this package
	all    reachSet // direct plus callees', after propagate
}

type edge struct {
	callee *types.Func
	step   Step
}

func (p *pkgPass) analyze() error {
	info := p.pass.TypesInfo
	for _, file := range p.pass.Files {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					lf := &localFunc{obj: fn}
					p.local[fn] = lf
					p.order = append(p.order, lf)
				}
			}
		}
	}
	for _, file := range p.pass.Files {
		for _, decl := range file.Decls {
			var err error
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Body != nil {
					fn, _ := info.Defs[decl.Name].(*types.Func)
					err = p.walk(p.local[fn], decl.Body)
				}
			case *ast.GenDecl:
				err = p.walk(nil, decl)
			}
			if err != nil {
				return err
			}
		}
	}
	p.propagate()
	return nil
}

// walk visits the calls and function references of one function body
// (owner nil: a package-level declaration). Calls inside function literals
// count for the enclosing function: a closure handed to a helper runs on
// its behalf.
func (p *pkgPass) walk(owner *localFunc, body ast.Node) error {
	f := &folder{info: p.pass.TypesInfo, body: body}
	called := make(map[ast.Expr]bool)
	var err error
	ast.Inspect(body, func(n ast.Node) bool {
		if err != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			fun := ast.Unparen(n.Fun)
			called[fun] = true
			switch ix := fun.(type) {
			case *ast.IndexExpr:
				called[ast.Unparen(ix.X)] = true
			case *ast.IndexListExpr:
				called[ast.Unparen(ix.X)] = true
			}
			if sel, ok := fun.(*ast.SelectorExpr); ok {
				called[sel.Sel] = true
			}
			err = p.call(owner, n, f)
		case *ast.SelectorExpr:
			if !called[n] {
				err = p.ref(owner, n, n.Sel)
			}
			called[n.Sel] = true // not a reference of its own
		case *ast.Ident:
			if !called[n] {
				err = p.ref(owner, n, n)
			}
		}
		return true
	})
	return err
}

// call resolves one call expression.
func (p *pkgPass) call(owner *localFunc, call *ast.CallExpr, f *folder) error {
	fn, ok := calleeFunc(p.pass.TypesInfo, call)
	if !ok || fn.Pkg() == nil {
		return nil // a call of a func value, builtin or conversion
	}
	var c *Call
	var err error
	switch lib := libraryOf(fn.Pkg().Path()); {
	case lib == libGoGitHub:
		c, err = p.goGitHubCall(call, fn, f)
	case lib == libGoGH:
		c, err = p.goGHCall(call, fn, f)
	case lib == libGitHubV4:
		c = p.gitHubV4Call(call, fn)
	case fn.Pkg().Path() == "net/http":
		c, err = p.netHTTPCall(call, fn, f)
	case isInterfaceMethod(fn):
		c, err = p.ifaceCall(owner, call, fn)
	case fn.Pkg() == p.pass.Pkg:
		p.localEdge(owner, fn, call)
	default:
		c = p.wrapperCall(call, fn)
	}
	if c != nil {
		p.record(owner, c)
	}
	return err
}

// ref handles a function or method mentioned without being called: a
// method value (f := s.Get), a function passed to a helper (retry(fetch)).
func (p *pkgPass) ref(owner *localFunc, expr ast.Expr, id *ast.Ident) error {
	fn, ok := p.pass.TypesInfo.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == p.pass.Pkg {
		p.localEdge(owner, fn, expr)
		return nil
	}
	fact := new(FuncFact)
	if isInterfaceMethod(fn) || !p.pass.ImportObjectFact(fn, fact) {
		return nil
	}
	style := StyleWrapper
	if libraryOf(fn.Pkg().Path()) == libGoGitHub {
		style = StyleGoGitHub
	}
	if c := p.factCall(expr, fn, style, fact, nil); c != nil {
		p.record(owner, c)
	}
	return nil
}

func (p *pkgPass) localEdge(owner *localFunc, fn *types.Func, pos ast.Node) {
	if owner == nil {
		return
	}
	if _, ok := p.local[fn]; ok {
		owner.calls = append(owner.calls, edge{callee: fn, step: Step{Pos: posString(p.pass, pos.Pos()), Name: funcName(fn)}})
	}
}

// wrapperCall resolves a call of a function of another package through its
// FuncFact; nil if the function reaches no endpoint.
func (p *pkgPass) wrapperCall(call *ast.CallExpr, fn *types.Func) *Call {
	fact := new(FuncFact)
	if !p.pass.ImportObjectFact(fn, fact) {
		return nil
	}
	return p.factCall(call, fn, StyleWrapper, fact, nil)
}

// factCall builds the Call of a site that reaches what fact says; keys,
// if not nil, narrows fact's endpoints (alternatives of a go-github method).
func (p *pkgPass) factCall(site ast.Node, fn *types.Func, style Style, fact *FuncFact, keys []string) *Call {
	c := &Call{Pos: site.Pos(), End: site.End(), Callee: funcName(fn), Style: style}
	step := Step{Pos: posString(p.pass, site.Pos()), Name: c.Callee}
	keep := make(map[string]bool, len(keys))
	for _, k := range keys {
		keep[k] = true
	}
	for _, r := range fact.Endpoints {
		if keys != nil && !keep[r.Endpoint] {
			continue
		}
		c.Endpoints = append(c.Endpoints, Endpoint{Key: r.Endpoint, Chain: prepend(step, r).Chain})
	}
	for _, r := range fact.Unresolved {
		c.Inner = append(c.Inner, prepend(step, r))
	}
	if len(c.Endpoints) == 0 && len(c.Inner) == 0 {
		return nil
	}
	return c
}

// record files a call site in the result and in its owner's reach
// (owner nil: a package-level initialiser, counted in the package fact).
func (p *pkgPass) record(owner *localFunc, c *Call) {
	if c.Reason != "" {
		p.res.Unresolved = append(p.res.Unresolved, *c)
	} else {
		p.res.Calls = append(p.res.Calls, *c)
	}
	if owner != nil {
		for _, r := range p.reaches(c) {
			owner.direct.add(r)
		}
	}
}

// reaches lists what a call site reaches, each with its chain.
func (p *pkgPass) reaches(c *Call) []Reach {
	if c.Reason != "" {
		return []Reach{{Reason: c.Reason, Chain: []Step{{Pos: posString(p.pass, c.Pos), Name: c.Callee}}}}
	}
	var out []Reach
	for _, e := range c.Endpoints {
		out = append(out, Reach{Endpoint: e.Key, Chain: e.Chain})
	}
	return append(out, c.Inner...)
}

// unresolved builds an unresolved Call.
func unresolvedCall(call ast.Node, fn *types.Func, style Style, reason string) *Call {
	return &Call{Pos: call.Pos(), End: call.End(), Callee: funcName(fn), Style: style, Reason: reason}
}

// propagate computes each local function's reach from its own calls and
// its callees', to a fixed point (calls within a package form any graph).
func (p *pkgPass) propagate() {
	for _, lf := range p.order {
		for _, r := range lf.direct.endpoints {
			lf.all.add(r)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, lf := range p.order {
			for _, e := range lf.calls {
				for _, r := range p.local[e.callee].all.endpoints {
					if lf.all.add(prepend(e.step, r)) {
						changed = true
					}
				}
			}
		}
	}
	// Unresolved calls: every function reachable through local calls
	// contributes its own, once.
	for _, lf := range p.order {
		seen := map[*localFunc]bool{lf: true}
		stack := []*localFunc{lf}
		steps := map[*localFunc][]Step{lf: nil}
		for len(stack) > 0 {
			cur := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, r := range cur.direct.unresolved {
				chain := append(append([]Step(nil), steps[cur]...), r.Chain...)
				if len(lf.all.unresolved) < maxExamples {
					lf.all.unresolved = append(lf.all.unresolved, Reach{Reason: r.Reason, Chain: chain})
				}
			}
			lf.all.count += cur.direct.count
			for _, e := range cur.calls {
				next := p.local[e.callee]
				if !seen[next] {
					seen[next] = true
					steps[next] = append(append([]Step(nil), steps[cur]...), e.step)
					stack = append(stack, next)
				}
			}
		}
	}
}

// exportFacts exports the functions' and the package's facts.
func (p *pkgPass) exportFacts(imported []*PackageFact) {
	var pkg reachSet
	for _, calls := range [][]Call{p.res.Calls, p.res.Unresolved} {
		for i := range calls {
			for _, r := range p.reaches(&calls[i]) {
				pkg.add(r)
			}
		}
	}
	for _, f := range imported {
		for _, r := range f.Endpoints {
			pkg.add(r)
		}
		pkg.count += f.UnresolvedCount
		for _, r := range f.Unresolved {
			if len(pkg.unresolved) < maxExamples {
				pkg.unresolved = append(pkg.unresolved, r)
			}
		}
	}
	for _, lf := range p.order {
		if !lf.all.empty() {
			p.pass.ExportObjectFact(lf.obj, lf.all.funcFact())
		}
	}
	if len(imported) > 0 || !pkg.empty() {
		p.pass.ExportPackageFact(pkg.packageFact())
	}
}

// calleeFunc returns the function or method a call invokes (the generic
// origin for instantiations), including interface methods.
func calleeFunc(info *types.Info, call *ast.CallExpr) (*types.Func, bool) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok {
		return nil, false
	}
	return fn.Origin(), true
}

func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// funcName names a function for people: "ghwrap.Fetch",
// "(*github.PullRequestsService).Get".
func funcName(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		t := types.TypeString(recv.Type(), func(p *types.Package) string { return p.Name() })
		return "(" + t + ")." + fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}
