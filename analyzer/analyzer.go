package analyzer

import (
	"cmp"
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/ghperm/ghperm/compare"
)

//go:embed doc.go
var doc string

// Analyzer finds the GitHub API calls of a package and the REST endpoints
// they reach, configured by its flags (DefaultConfig); its result is a
// *Result. See the package documentation for the checks and flags.
// Drivers other than go vet build their own with New.
var Analyzer = New(DefaultConfig())

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

func (c *Config) run(pass *analysis.Pass) (any, error) {
	res := new(Result)
	switch libraryOf(pass.Pkg.Path()) {
	case libGoGitHub:
		return res, exportGoGitHubFacts(pass)
	case libGoGH, libGitHubV4:
		pass.ExportPackageFact(&graphFact{Self: pass.Pkg.Path()})
		return res, nil
	}
	if isStd(pass) {
		return res, nil
	}
	// Only packages that import a GitHub client (directly or through a
	// package that does) or net/http can call GitHub.
	var imported []*pkgGraph
	takesPart, usesHTTP := false, false
	for _, imp := range pass.Pkg.Imports() {
		f := new(graphFact)
		if pass.ImportPackageFact(imp, f) {
			takesPart = true
			imported = append(imported, f.Pkgs...)
		}
		usesHTTP = usesHTTP || imp.Path() == "net/http"
	}
	p := &pkgPass{pass: pass, cfg: c, res: res, funcs: make(map[*types.Func]*localFunc), impls: make(map[string]bool),
		clients: &clients{pass: pass, funcs: make(map[*types.Func]compare.ClientToken)}}
	p.ix = newIndex(imported, false)
	if takesPart || usesHTTP && p.callsGitHubOverHTTP() {
		if err := p.analyze(); err != nil {
			return nil, err
		}
		p.clients.export()
		own := p.graph()
		if len(own.Funcs) > 0 || len(own.Impls) > 0 {
			p.ix = newIndex(append(imported, own), false)
		}
		if takesPart || len(own.Funcs) > 0 || len(own.Impls) > 0 {
			pass.ExportPackageFact(&graphFact{Self: pass.Pkg.Path(), Pkgs: p.ix.pkgs})
		}
	}
	if pass.Pkg.Name() == "main" {
		// Every conversion of the program is known here.
		p.ix.complete = true
	}
	p.entries()
	if pass.Pkg.Name() == "main" && len(pass.Files) > 0 {
		res.Program = p.program()
	}
	if err := p.report(); err != nil {
		return nil, err
	}
	if err := p.checkGrants(); err != nil {
		return nil, err
	}
	p.reportUnusedIgnores()
	return res, nil
}

// isStd reports whether the package belongs to the standard library.
func isStd(pass *analysis.Pass) bool {
	return Std(pass.Pkg.Path(), pass.Module != nil)
}

// Std reports whether the package of the import path, in a module or not,
// belongs to the standard library. The analyzer exports no facts for such
// a package and reports nothing in it.
func Std(path string, inModule bool) bool {
	first, _, _ := strings.Cut(path, "/")
	return !inModule && !strings.Contains(first, ".")
}

// pkgPass is the analysis of one package outside the client libraries.
type pkgPass struct {
	pass *analysis.Pass
	cfg  *Config
	res  *Result
	ix   *index // the imports' graphs, then the package's own too

	funcs   map[*types.Func]*localFunc
	clients *clients     // the token kinds of client values
	ignores *ignores     // the //ghperm:ignore directives, parsed once
	init    *localFunc   // the package's initialisation
	order   []*localFunc // declaration order, for deterministic facts
	impls   map[string]bool
	msets   typeutil.MethodSetCache
}

// localFunc is a function of the package being analysed, or its
// initialisation.
type localFunc struct {
	key, name string
	pos       token.Pos
	calls     []*Call     // the GitHub calls of its body
	ifaces    []ifaceCall // its calls through interfaces that mention client types
	edges     []localEdge
	relevant  bool     // it reaches GitHub
	edgeN     []int    // the index in its node's Edges of each of edges (-1: none)
	events    []string // the webhook events its body handles
}

// localEdge is a call, reference or registration of another function.
type localEdge struct {
	to       string
	local    *localFunc // the callee, if of this package
	kind     Kind
	pos, end token.Pos
	name     string
	args     []argKind
}

func (p *pkgPass) analyze() error {
	info := p.pass.TypesInfo
	path := p.pass.Pkg.Path()
	p.init = &localFunc{key: initKey(path), name: p.pass.Pkg.Name() + ".init", pos: p.pass.Files[0].Name.Pos()}
	p.order = append(p.order, p.init)
	for _, file := range p.pass.Files {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok && !isInit(fd) {
					lf := &localFunc{key: funcKey(fn), name: funcName(fn), pos: fd.Name.Pos()}
					p.funcs[fn] = lf
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
					owner := p.init
					if fn, ok := info.Defs[decl.Name].(*types.Func); ok && !isInit(decl) {
						owner = p.funcs[fn]
					}
					owner.addEvents(p.events(decl))
					err = p.walk(owner, decl, decl.Body)
				}
			case *ast.GenDecl:
				err = p.walk(p.init, nil, decl)
			}
			if err != nil {
				return err
			}
		}
	}
	if err := p.applyDeclarations(); err != nil {
		return err
	}
	p.prune()
	return nil
}

// callsGitHubOverHTTP reports whether a package that imports no GitHub
// client, only net/http, sends a request to GitHub's API: most such
// packages (HTTP servers, other APIs' clients) do not, and need no more
// analysis.
func (p *pkgPass) callsGitHubOverHTTP() bool {
	found := false
	for _, file := range p.pass.Files {
		for _, decl := range file.Decls {
			body := ast.Node(decl)
			if fd, ok := decl.(*ast.FuncDecl); ok {
				if fd.Body == nil {
					continue
				}
				body = fd.Body
			}
			f := &folder{info: p.pass.TypesInfo, body: body}
			ast.Inspect(body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || found {
					return !found
				}
				if fn, ok := calleeFunc(p.pass.TypesInfo, call); ok && fn.Pkg() != nil && fn.Pkg().Path() == "net/http" {
					c, err := p.netHTTPCall(call, fn, f)
					found = c != nil || err != nil
				}
				return true
			})
		}
	}
	return found
}

func isInit(fd *ast.FuncDecl) bool { return fd.Recv == nil && fd.Name.Name == "init" }

// walk visits the calls, function references and conversions to
// interfaces of one function body (decl nil: a package-level
// declaration, part of the initialisation). Closures count for the
// enclosing function: a closure handed to a helper runs on its behalf.
func (p *pkgPass) walk(owner *localFunc, decl *ast.FuncDecl, body ast.Node) error {
	f := &folder{info: p.pass.TypesInfo, body: body}
	called := make(map[ast.Expr]bool)
	var stack []ast.Node
	if decl != nil {
		stack = []ast.Node{decl}
		if fn, ok := p.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
			f.params = fn.Signature().Params()
		}
	}
	var err error
	ast.PreorderStack(body, stack, func(n ast.Node, stack []ast.Node) bool {
		if err != nil {
			return false
		}
		p.conversions(owner, n, stack)
		owner.addEvents(p.events(n))
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
			p.instance(owner, n)
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
		p.ifaceCall(owner, call, fn)
	default:
		if p.edge(owner, fn, call, KindCall) {
			owner.edges[len(owner.edges)-1].args = p.clients.args(call, fn, f)
		}
	}
	if c != nil {
		owner.calls = append(owner.calls, c)
	}
	return err
}

// ref handles a function or method mentioned without being called: a
// method value (f := s.Get), a function passed to a helper or stored
// (retry(fetch), RunE: run, http.HandleFunc("/", serve)).
func (p *pkgPass) ref(owner *localFunc, expr ast.Expr, id *ast.Ident) error {
	fn, ok := p.pass.TypesInfo.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil || isInterfaceMethod(fn) {
		return nil
	}
	fn = fn.Origin()
	switch libraryOf(fn.Pkg().Path()) {
	case libNone:
		p.edge(owner, fn, expr, KindValue)
	case libGoGitHub:
		ops, ok, err := p.methodOps(fn)
		if err != nil || !ok {
			return err
		}
		if c := p.methodCall(expr, fn, StyleGoGitHub, ops, nil); c != nil {
			owner.calls = append(owner.calls, c)
		}
	}
	return nil
}

// edge records that owner reaches fn: a function of this package, or of
// another that reaches GitHub (one that does not is of no interest). It
// reports whether it did.
func (p *pkgPass) edge(owner *localFunc, fn *types.Func, at ast.Node, kind Kind) bool {
	fn = fn.Origin()
	e := localEdge{kind: kind, pos: at.Pos(), end: at.End()}
	if fn.Pkg() == p.pass.Pkg {
		if e.local = p.funcs[fn]; e.local == nil {
			return false // declared without a body
		}
		e.to = e.local.key
	} else {
		// Most calls go to packages that do not reach GitHub: ask before
		// building the key.
		if !p.ix.paths[fn.Pkg().Path()] {
			return false
		}
		if e.to = funcKey(fn); p.ix.funcs[e.to] == nil {
			return false
		}
	}
	e.name = funcName(fn)
	owner.edges = append(owner.edges, e)
	return true
}

// prune marks the functions that reach GitHub: those that make a GitHub
// call or reach one of another package, and their callers here; and the
// constructors whose parameters hold the clients of GitHub calls (see
// site.From), whose callers pass the clients' kinds.
func (p *pkgPass) prune() {
	callers := make(map[*localFunc][]*localFunc)
	byKey := make(map[string]*localFunc, len(p.order))
	for _, lf := range p.order {
		byKey[lf.key] = lf
	}
	for _, lf := range p.order {
		for _, c := range lf.calls {
			if from := byKey[c.param.fn]; from != nil {
				from.relevant = true
			}
		}
	}
	var work []*localFunc
	for _, lf := range p.order {
		for _, e := range lf.edges {
			if e.local != nil {
				callers[e.local] = append(callers[e.local], lf)
			} else {
				lf.relevant = true
			}
		}
		if len(lf.calls) > 0 || len(lf.ifaces) > 0 || len(lf.events) > 0 {
			lf.relevant = true
		}
		if lf.relevant {
			work = append(work, lf)
		}
	}
	for len(work) > 0 {
		lf := work[len(work)-1]
		work = work[:len(work)-1]
		for _, c := range callers[lf] {
			if !c.relevant {
				c.relevant = true
				work = append(work, c)
			}
		}
	}
}

// graph returns the package's part of the graph: its functions that reach
// GitHub. The positions of their sites and edges go to the Result.
func (p *pkgPass) graph() *pkgGraph {
	g := &pkgGraph{Path: p.pass.Pkg.Path()}
	p.res.places = make(map[string]*funcPlaces)
	type placed struct {
		s   site
		pos token.Pos
	}
	for _, lf := range p.order {
		if !lf.relevant {
			continue
		}
		n := &funcNode{Key: lf.key, Name: lf.name, pkg: g.Path, Events: slices.Sorted(slices.Values(lf.events))}
		var sites []placed
		for _, c := range lf.calls {
			for _, s := range p.sites(c) {
				sites = append(sites, placed{s, c.Pos})
			}
		}
		for _, c := range lf.ifaces {
			sites = append(sites, placed{site{Callee: c.callee, Style: StyleIface, Iface: c.iface}, c.pos})
		}
		slices.SortStableFunc(sites, func(a, b placed) int { return cmp.Compare(a.pos, b.pos) })
		fp := &funcPlaces{decl: lf.pos}
		for _, s := range sites {
			n.Sites = append(n.Sites, s.s)
			fp.sites = append(fp.sites, s.pos)
		}
		lf.edgeN = make([]int, len(lf.edges))
		for i, e := range lf.edges {
			lf.edgeN[i] = -1
			if e.local == nil || e.local.relevant {
				lf.edgeN[i] = len(n.Edges)
				n.Edges = append(n.Edges, edge{To: e.to, Kind: e.kind, Args: e.args})
				fp.edges = append(fp.edges, e.pos)
			}
		}
		p.res.places[n.Key] = fp
		g.Funcs = append(g.Funcs, n)
	}
	slices.SortFunc(g.Funcs, func(a, b *funcNode) int { return strings.Compare(a.Key, b.Key) })
	for k := range p.impls {
		g.Impls = append(g.Impls, k)
	}
	slices.Sort(g.Impls)
	return g
}

// sites turns a client call into the graph's sites: one for its
// endpoints, one for each reason some of them are unknown.
func (p *pkgPass) sites(c *Call) []site {
	s := site{Callee: c.Callee, Style: c.Style, Reason: c.Reason, Workflow: c.Workflow, By: c.By, Param: c.param.param, From: c.param.fn, Declared: c.Declared}
	for _, e := range c.Endpoints {
		if c.Declared == "" {
			s.Endpoints = append(s.Endpoints, e.Key)
		}
	}
	out := []site{s}
	for _, in := range c.Inner {
		out = append(out, site{Callee: c.Callee, Style: c.Style, Reason: in.Reason})
	}
	if len(s.Endpoints) == 0 && s.Reason == "" && s.Declared == "" {
		out = out[1:]
	}
	return out
}

// entries lists the package's call sites in its Result: its client calls,
// and its calls, references and registrations of functions of other
// packages that reach GitHub, each with what it reaches.
func (p *pkgPass) entries() {
	for _, lf := range p.order {
		if !lf.relevant {
			continue
		}
		for _, c := range lf.calls {
			c.owner = lf
			p.file(c)
		}
		for _, ic := range lf.ifaces {
			if reason, ok := p.ix.unresolved(&site{Iface: ic.iface}); ok {
				p.file(&Call{Pos: ic.pos, End: ic.end, Callee: ic.callee, Style: StyleIface, Reason: reason, owner: lf})
			}
		}
		for i, e := range lf.edges {
			if e.local == nil {
				if c := p.entry(lf, e, lf.edgeN[i]); c != nil {
					p.file(c)
				}
			}
		}
	}
	byPos := func(a, b Call) int { return cmp.Compare(a.Pos, b.Pos) }
	slices.SortStableFunc(p.res.Calls, byPos)
	slices.SortStableFunc(p.res.Unresolved, byPos)
}

// file adds a call to the Result.
func (p *pkgPass) file(c *Call) {
	if c.Reason != "" {
		p.res.Unresolved = append(p.res.Unresolved, *c)
	} else {
		p.res.Calls = append(p.res.Calls, *c)
	}
}

var edgeStyle = [...]Style{KindCall: StyleWrapper, KindValue: StyleValue, KindRegistered: StyleRegistered}

// entry is the call site of an edge to another package, the n-th of its
// owner's node: what the function reached reaches, with chains from the
// site.
func (p *pkgPass) entry(owner *localFunc, e localEdge, n int) *Call {
	c := &Call{Pos: e.pos, End: e.end, Callee: e.name, Style: edgeStyle[e.kind], owner: owner}
	first := Step{Name: e.name, At: owner.place(p.pass.Pkg.Path(), PlaceEdge, n), Kind: e.kind}
	seen := make(map[string]int) // index in c.Endpoints
	for _, r := range p.ix.from(e.to) {
		if reason, ok := p.ix.unresolved(r.site); ok {
			c.Inner = append(c.Inner, Inner{Reason: reason, Chain: append([]Step{first}, r.chain()...)})
			continue
		}
		by := r.tree.clientKind(p.ix, r.node, r.site.By, paramRef{r.site.From, r.site.Param}, e.args)
		var chain []Step
		for _, k := range r.site.keys() {
			i, ok := seen[k]
			if ok && c.Endpoints[i].By != by {
				c.Endpoints[i].By = compare.UnknownClient // reached with two kinds of client
			}
			if ok && c.Endpoints[i].Workflow >= r.site.Workflow {
				continue
			}
			if chain == nil {
				chain = append([]Step{first}, r.chain()...)
			}
			ep := Endpoint{Key: k, Chain: chain, Workflow: r.site.Workflow, By: by}
			if ok { // a path that writes a workflow file (or may) says more
				ep.By = c.Endpoints[i].By
				c.Endpoints[i] = ep
				continue
			}
			seen[k] = len(c.Endpoints)
			c.Endpoints = append(c.Endpoints, ep)
		}
	}
	if len(c.Endpoints) == 0 && len(c.Inner) == 0 {
		return nil
	}
	return c
}

// program walks the program's graph from its roots: main.main, the
// initialisation of every package, and with -test the functions of the
// package's _test.go files.
func (p *pkgPass) program() *Program {
	path := p.pass.Pkg.Path()
	starts := []string{path + ".main", initKey(path)}
	if p.cfg.Tests {
		// The package's own tests run too (go vet sees a main package with
		// its _test.go files; the test binary calls them).
		for _, lf := range p.order {
			if strings.HasSuffix(p.pass.Fset.Position(lf.pos).Filename, "_test.go") {
				starts = append(starts, lf.key)
			}
		}
	}
	for _, g := range p.ix.pkgs {
		if g.Path != path {
			starts = append(starts, initKey(g.Path))
		}
	}
	t := p.ix.walk(starts...)
	prog := new(Program)
	seen := map[string]bool{}
	for _, n := range t.order {
		for _, ev := range n.Events {
			if !seen[ev] {
				seen[ev] = true
				root := t.root(n)
				chain := append([]Step{{Name: root.Name, At: root.place(PlaceDecl, 0)}}, t.path(n)...)
				prog.Events = append(prog.Events, HandledEvent{Name: ev, At: n.place(PlaceDecl, 0), Chain: chain})
			}
		}
	}
	slices.SortFunc(prog.Events, func(a, b HandledEvent) int { return strings.Compare(a.Name, b.Name) })
	for _, r := range p.ix.sites(t) {
		pc := p.ix.programCall(r.node, r.i)
		pc.By = t.clientKind(p.ix, r.node, pc.By, paramRef{r.site.From, r.site.Param}, nil)
		root := t.root(r.node)
		pc.Root, pc.RootAt, pc.Chain = root.Name, root.place(PlaceDecl, 0), r.chain()
		prog.Reached = append(prog.Reached, pc)
	}
	for _, g := range p.ix.pkgs {
		for _, n := range g.Funcs {
			if t.has(n.Key) {
				continue
			}
			for i := range n.Sites {
				if n.Sites[i].Iface == "" {
					prog.Unreached = append(prog.Unreached, p.ix.programCall(n, i))
				}
			}
		}
	}
	for _, cs := range [][]Call{p.res.Calls, p.res.Unresolved} {
		for i := range cs {
			if n := p.ix.funcs[cs[i].owner.key]; n != nil && t.has(n.Key) {
				root := t.root(n)
				cs[i].Reached = true
				cs[i].Path = append([]Step{{Name: root.Name, At: root.place(PlaceDecl, 0)}}, t.path(n)...)
				if by := t.clientKind(p.ix, n, cs[i].By, cs[i].param, nil); by != cs[i].By {
					cs[i].By = by
					for j := range cs[i].Endpoints {
						cs[i].Endpoints[j].By = by
					}
				}
			}
		}
	}
	return prog
}

// programCall is the i-th site of n as a ProgramCall.
func (ix *index) programCall(n *funcNode, i int) ProgramCall {
	s := &n.Sites[i]
	pc := ProgramCall{At: n.place(PlaceSite, i), Callee: s.Callee, Endpoints: s.keys(), Workflow: s.Workflow, By: s.By}
	if reason, ok := ix.unresolved(s); ok {
		pc.Endpoints, pc.Reason = nil, reason
	}
	return pc
}

// methodCall builds the Call of a site that reaches a go-github method's
// operations; keys, if not nil, narrows them (the alternatives that the
// call's arguments select).
func (p *pkgPass) methodCall(at ast.Node, fn *types.Func, style Style, ops *methodOps, keys []string) *Call {
	c := &Call{Pos: at.Pos(), End: at.End(), Callee: funcName(fn), Style: style}
	chain := []Step{{Name: c.Callee, Pos: at.Pos()}}
	if style == StyleRegistered {
		chain[0].Kind = KindRegistered
	}
	for _, k := range ops.Endpoints {
		if keys == nil || slices.Contains(keys, k) {
			c.Endpoints = append(c.Endpoints, Endpoint{Key: k, Chain: chain})
		}
	}
	for _, r := range ops.Unresolved {
		c.Inner = append(c.Inner, Inner{Reason: r, Chain: chain})
	}
	switch {
	case len(c.Endpoints) == 0 && len(c.Inner) == 0:
		return nil
	case len(c.Endpoints) == 0:
		// A go-github method whose operations the catalog lacks: the
		// call itself is unresolved, for the reasons of its operations.
		reasons := make([]string, len(c.Inner))
		for i, r := range c.Inner {
			reasons[i] = r.Reason
		}
		c.Reason, c.Inner = strings.Join(reasons, "; "), nil
	}
	return c
}

// unresolvedCall builds an unresolved Call.
func unresolvedCall(call ast.Node, fn *types.Func, style Style, reason string) *Call {
	return &Call{Pos: call.Pos(), End: call.End(), Callee: funcName(fn), Style: style, Reason: reason}
}

// place is the Place of the n-th site or edge of the function (kind
// PlaceDecl: its declaration).
func (lf *localFunc) place(pkg string, kind PlaceKind, n int) Place {
	return Place{Pkg: pkg, Func: lf.key, Name: lf.name, Kind: kind, N: n}
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

// funcKey identifies a function across packages: "import/path.Func",
// "import/path.(*T).M" (type arguments dropped: a generic function is
// one node).
func funcKey(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	t, ptr := recv.Type(), ""
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), "*"
	}
	name := ""
	if n, ok := types.Unalias(t).(*types.Named); ok {
		name = n.Obj().Name()
	}
	return fn.Pkg().Path() + ".(" + ptr + name + ")." + fn.Name()
}
