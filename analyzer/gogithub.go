package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"golang.org/x/tools/go/analysis"
)

// library is a GitHub client library: calls into it are API calls, and
// calls inside it are not uses (its methods call each other).
type library int

const (
	libNone     library = iota
	libGoGitHub         // github.com/google/go-github[/vN]/github
	libGoGH             // github.com/cli/go-gh[/vN]/...
	libGitHubV4         // github.com/shurcooL/githubv4
)

// libraryOf classifies a package path; vendored copies (GOPATH style
// ".../vendor/<path>") count as the library they copy.
func libraryOf(pkgPath string) library {
	pkgPath = unvendor(pkgPath)
	switch {
	case goGitHubMajor(pkgPath) > 0:
		return libGoGitHub
	case pkgPath == "github.com/cli/go-gh" || strings.HasPrefix(pkgPath, "github.com/cli/go-gh/"):
		return libGoGH
	case pkgPath == "github.com/shurcooL/githubv4":
		return libGitHubV4
	}
	return libNone
}

// unvendor strips a GOPATH-style vendor prefix from a package path.
func unvendor(pkgPath string) string {
	if i := strings.LastIndex(pkgPath, "/vendor/"); i >= 0 {
		return pkgPath[i+len("/vendor/"):]
	}
	return pkgPath
}

// goGitHubMajor returns the major version of a go-github package path
// ("github.com/google/go-github/v74/github" is 74), or 0.
func goGitHubMajor(pkgPath string) int {
	rest, ok := strings.CutPrefix(pkgPath, "github.com/google/go-github/")
	if !ok {
		return 0
	}
	if rest == "github" {
		return 1
	}
	v, ok := strings.CutSuffix(rest, "/github")
	if !ok || !strings.HasPrefix(v, "v") {
		return 0
	}
	n, err := strconv.Atoi(v[1:])
	if err != nil {
		return 0
	}
	return n
}

// firstDirectiveMajor is the first go-github major whose methods carry
// //meta:operation directives.
const firstDirectiveMajor = 57

// exportGoGitHubFacts runs on go-github itself: it exports a MethodsFact
// with the operations of every method that calls the API. They come from
// the method's //meta:operation directives; for versions before v57, from
// the method table (built from the directives of later versions), then
// from the method's "GitHub API docs" link. An Iter method (v83+) reaches
// what the method it paginates reaches.
func exportGoGitHubFacts(pass *analysis.Pass) error {
	major := goGitHubMajor(unvendor(pass.Pkg.Path()))
	pass.ExportPackageFact(&graphFact{Self: pass.Pkg.Path()})
	type method struct {
		obj *types.Func
		ops []string
	}
	var methods []method
	byName := make(map[string][]string) // "RepositoriesService.Get" → ops
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			name := recvName(fn) + "." + fn.Name()
			ops := directives(fd.Doc)
			if len(ops) == 0 && major < firstDirectiveMajor && strings.HasSuffix(recvName(fn), "Service") && fd.Doc != nil {
				var err error
				if ops, err = legacyOperations(name, major, fd.Doc); err != nil {
					return err
				}
			}
			if len(ops) > 0 {
				byName[name] = ops
			}
			methods = append(methods, method{fn, ops})
		}
	}
	fact := new(methodsFact)
	for _, m := range methods {
		ops := m.ops
		if len(ops) == 0 && strings.HasSuffix(m.obj.Name(), "Iter") {
			ops = byName[recvName(m.obj)+"."+strings.TrimSuffix(m.obj.Name(), "Iter")]
		}
		if len(ops) == 0 {
			continue
		}
		cat, err := theCatalog()
		if err != nil {
			return err
		}
		fact.Methods = append(fact.Methods, resolveOps(cat, recvName(m.obj)+"."+m.obj.Name(), ops))
	}
	slices.SortFunc(fact.Methods, func(a, b methodOps) int { return strings.Compare(a.Name, b.Name) })
	pass.ExportPackageFact(fact)
	return nil
}

// resolveOps resolves the operations a go-github method names, once, here,
// so that call sites need not load the catalog: an alias route
// ("GET /repositories/{repository_id}") becomes its canonical operation,
// and an operation GitHub no longer describes (Projects (classic), team
// discussions) a reason why the call is unresolved.
func resolveOps(cat *catalog.Catalog, name string, ops []string) methodOps {
	m := methodOps{Name: name}
	for _, key := range ops {
		method, tmpl, _ := strings.Cut(key, " ")
		op, err := cat.Resolve(method, tmpl)
		switch {
		case err != nil:
			m.Unresolved = append(m.Unresolved, err.Error())
		case !slices.Contains(m.Endpoints, op.Key()):
			m.Endpoints = append(m.Endpoints, op.Key())
		}
	}
	return m
}

// directives returns the operations of a doc comment's //meta:operation
// directives (which CommentGroup.Text drops), in order.
func directives(doc *ast.CommentGroup) []string {
	if doc == nil {
		return nil
	}
	var ops []string
	for _, c := range doc.List {
		if d, ok := ast.ParseDirective(c.Slash, c.Text); ok && d.Tool == "meta" && d.Name == "operation" {
			if op := strings.Join(strings.Fields(d.Args), " "); op != "" {
				ops = append(ops, op)
			}
		}
	}
	return ops
}

// methodOps returns what a go-github method reaches, from go-github's
// methodsFact. Where the package reaches go-github only through another
// package's types (a field of type *github.Client), go vet gives it no
// go-github package fact (only direct imports' facts), and the method
// table says.
func (p *pkgPass) methodOps(fn *types.Func) (*methodOps, bool, error) {
	if fn.Signature().Recv() == nil {
		return nil, false, nil
	}
	name := recvName(fn) + "." + fn.Name()
	var methods methodsFact
	if p.pass.ImportPackageFact(fn.Pkg(), &methods) {
		f, ok := methods.method(name)
		return f, ok, nil
	}
	table, err := loadTable()
	if err != nil {
		return nil, false, fmt.Errorf("ghperm: loading the go-github method table: %w", err)
	}
	ops := table.Operations(name, goGitHubMajor(unvendor(fn.Pkg().Path())))
	if len(ops) == 0 {
		return nil, false, nil
	}
	cat, err := theCatalog()
	if err != nil {
		return nil, false, err
	}
	m := resolveOps(cat, name, ops)
	return &m, true, nil
}

// legacyOperations resolves a method of go-github before v57: by the method
// table, else by the docs links in its comment.
func legacyOperations(name string, major int, doc *ast.CommentGroup) ([]string, error) {
	table, err := loadTable()
	if err != nil {
		return nil, fmt.Errorf("ghperm: loading the go-github method table: %w", err)
	}
	if ops := table.Operations(name, major); len(ops) > 0 {
		return ops, nil
	}
	cat, err := theCatalog()
	if err != nil {
		return nil, err
	}
	var ops []string
	for _, line := range strings.Split(doc.Text(), "\n") {
		if u, ok := strings.CutPrefix(strings.TrimSpace(line), "GitHub API docs:"); ok {
			for _, op := range cat.ByDocsURL(strings.TrimSpace(u)) {
				ops = append(ops, op.Key())
			}
		}
	}
	return ops, nil
}

// recvName is the name of a method's receiver type ("RepositoriesService").
func recvName(fn *types.Func) string {
	t := fn.Signature().Recv().Type()
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// goGitHubCall resolves a call into go-github.
func (p *pkgPass) goGitHubCall(call *ast.CallExpr, fn *types.Func, f *folder) (*Call, error) {
	if fn.Signature().Recv() == nil {
		return nil, nil
	}
	if recvName(fn) == "Client" {
		switch fn.Name() {
		case "NewRequest", "NewUploadRequest", "NewFormRequest":
			return p.escapeHatch(call, fn, f)
		case "Do", "BareDo":
			return p.doCall(call, fn, f), nil
		}
	}
	ops, ok, err := p.methodOps(fn)
	if err != nil || !ok {
		if err == nil && strings.HasSuffix(recvName(fn), "Service") && fn.Exported() {
			return unresolvedCall(call, fn, StyleGoGitHub, "no REST operation known for this go-github method"), nil
		}
		return nil, err
	}
	c := p.methodCall(call, fn, StyleGoGitHub, ops, narrow(p.pass.TypesInfo, fn, call, slices.Clone(ops.Endpoints)))
	if c != nil {
		c.Workflow = p.goGitHubWorkflow(call, fn, c)
		c.By, c.param = p.clients.call(call, f)
		for i := range c.Endpoints {
			c.Endpoints[i].Workflow, c.Endpoints[i].By = c.Workflow, c.By
		}
	}
	return c, nil
}

// escapeHatch resolves go-github's NewRequest, NewUploadRequest and
// NewFormRequest (before and after v86 moved ctx into them) from their
// constant-folded method and URL arguments.
func (p *pkgPass) escapeHatch(call *ast.CallExpr, fn *types.Func, f *folder) (*Call, error) {
	urlArg := argNamed(fn, call, "urlStr")
	if urlArg == nil {
		return nil, nil
	}
	method := "POST" // uploads and forms
	if fn.Name() == "NewRequest" {
		method = constString(p.pass.TypesInfo, argNamed(fn, call, "method"))
	}
	c, err := p.restCall(call, fn, StyleEscape, method, f.fold(urlArg), false)
	if c != nil {
		c.By, c.param = p.clients.call(call, f)
		for i := range c.Endpoints {
			c.Endpoints[i].By = c.By
		}
	}
	return c, err
}

// doCall checks the request handed to go-github's Do or BareDo. The
// endpoint is counted where the request is built (NewRequest, or
// http.NewRequest to the API's URL); a request of another origin made in
// this function is unresolved. A request received as a parameter was
// built, and counted, by the caller.
func (p *pkgPass) doCall(call *ast.CallExpr, fn *types.Func, f *folder) *Call {
	req := argNamed(fn, call, "req")
	id, ok := ast.Unparen(req).(*ast.Ident)
	if !ok {
		return unresolvedCall(call, fn, StyleEscape, "request not built in this function")
	}
	v, ok := p.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return unresolvedCall(call, fn, StyleEscape, "request not built in this function")
	}
	if f.body == nil || v.Pos() < f.body.Pos() || v.Pos() >= f.body.End() {
		return nil // a parameter (or package variable): counted where built
	}
	if f.assigns == nil {
		f.assigns = collectAssignments(p.pass.TypesInfo, f.body)
	}
	for _, a := range f.assigns[v] {
		if a.pos >= call.Pos() {
			break
		}
		if built, ok := ast.Unparen(a.rhs).(*ast.CallExpr); ok {
			if bfn, ok := calleeFunc(p.pass.TypesInfo, built); ok && bfn.Pkg() != nil {
				switch {
				case libraryOf(bfn.Pkg().Path()) == libGoGitHub:
					return nil
				case bfn.Pkg().Path() == "net/http" && p.isGitHubRequest(built, bfn, f):
					return nil
				}
			}
		}
	}
	return unresolvedCall(call, fn, StyleEscape, "request not built by NewRequest or for a GitHub API URL in this function")
}

// argNamed returns the argument passed for the parameter called name, or
// nil. Matching by name survives signature changes across versions.
func argNamed(fn *types.Func, call *ast.CallExpr, name string) ast.Expr {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i).Name() == name && i < len(call.Args) {
			return call.Args[i]
		}
	}
	return nil
}

// constString returns a constant string expression's value, or "".
func constString(info *types.Info, e ast.Expr) string {
	if e == nil {
		return ""
	}
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value)
	}
	return ""
}

// narrow picks, among the operations of a go-github method with several
// (Users.Get: GET /user, GET /users/{username}), those that constant
// arguments select; keys unchanged if none does.
//
//   - An empty or zero argument for a parameter named like a path parameter
//     of the operations selects the operations with the fewest path
//     parameters (Users.Get(ctx, "") is GET /user); another constant, those
//     with the most (Users.Get(ctx, "octocat") is GET /users/{username}).
//   - A string constant equal to a literal path segment of some operations
//     selects them (GetArchiveLink with github.Tarball).
//   - A boolean parameter whose name starts with a literal segment of some
//     operations (publicOnly, "public") selects them when true, the others
//     when false.
func narrow(info *types.Info, fn *types.Func, call *ast.CallExpr, keys []string) []string {
	if len(keys) < 2 {
		return keys
	}
	params := fn.Signature().Params()
	for i := range min(params.Len(), len(call.Args)) {
		tv, ok := info.Types[call.Args[i]]
		if !ok || tv.Value == nil {
			continue
		}
		name := normalize(params.At(i).Name())
		switch v := tv.Value; v.Kind() {
		case constant.String, constant.Int:
			zero := constant.Compare(v, token.EQL, constant.MakeString(""))
			if v.Kind() == constant.Int {
				zero = constant.Sign(v) == 0
			}
			if namesPathParam(keys, name) {
				keys = keepBy(keys, func(k string) int { return strings.Count(k, "{") }, zero)
			}
			if v.Kind() == constant.String {
				seg := constant.StringVal(v)
				keys = keepIf(keys, func(k string) bool { return hasSegment(k, seg) })
			}
		case constant.Bool:
			for _, k := range keys {
				for _, seg := range strings.Split(k, "/") {
					if seg != "" && !strings.HasPrefix(seg, "{") && strings.HasPrefix(name, seg) && !allHave(keys, seg) {
						want := constant.BoolVal(v)
						keys = keepIf(keys, func(k string) bool { return hasSegment(k, seg) == want })
					}
				}
			}
		}
	}
	return keys
}

// normalize lower-cases a name and drops underscores ("app_slug" and
// "appSlug" are both "appslug").
func normalize(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// namesPathParam reports whether a Go parameter name matches a path
// parameter of some key: equal, or one containing the other ("user" and
// "username", "number" and "issue_number").
func namesPathParam(keys []string, name string) bool {
	for _, k := range keys {
		for _, seg := range strings.Split(k, "/") {
			if p, ok := strings.CutPrefix(seg, "{"); ok {
				p = normalize(strings.TrimSuffix(p, "}"))
				if strings.Contains(p, name) || strings.Contains(name, p) {
					return true
				}
			}
		}
	}
	return false
}

// keepBy keeps the keys with the least (least true) or greatest score.
func keepBy(keys []string, score func(string) int, least bool) []string {
	best := score(keys[0])
	for _, k := range keys[1:] {
		if s := score(k); (least && s < best) || (!least && s > best) {
			best = s
		}
	}
	return keepIf(keys, func(k string) bool { return score(k) == best })
}

// keepIf keeps the keys satisfying ok, or all if none does.
func keepIf(keys []string, ok func(string) bool) []string {
	var out []string
	for _, k := range keys {
		if ok(k) {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return keys
	}
	return out
}

func hasSegment(key, seg string) bool {
	_, p, _ := strings.Cut(key, " ")
	for _, s := range strings.Split(p, "/") {
		if s == seg {
			return true
		}
	}
	return false
}

func allHave(keys []string, seg string) bool {
	for _, k := range keys {
		if !hasSegment(k, seg) {
			return false
		}
	}
	return true
}
