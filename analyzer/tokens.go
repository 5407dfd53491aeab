package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
)

// Which token a go-github call is made with, from how its client was
// built: ghinstallation's app transport signs a JWT, its installation
// transport (or a token from Apps.CreateInstallationToken) is an
// installation token, an oauth2.Config's client (the web flow) a user
// access token; go-githubapp's ClientCreator names each in its methods.
// The client is followed through local variables, http.Client literals,
// the results of functions (across packages, by a fact on the function)
// and struct fields the package stores one kind of client in. A client
// that is a parameter of the function is resolved where the program's
// graph is known: the call edges carry the kinds of the clients they
// pass (tree.paramKind). Anything else (a token from the environment,
// github.NewClient(nil)) is unknown: the grants' token kind applies.

// A clientFact says which token kind the client (or transport, or
// http.Client) a function returns, or a struct field holds, is built with.
type clientFact struct{ Token compare.ClientToken }

func (*clientFact) AFact()           {}
func (f *clientFact) String() string { return "client " + f.Token.String() }

// constructors maps the functions that make a credential, by package
// path (major version suffix dropped) and name, to its token kind.
var constructors = map[string]compare.ClientToken{
	"github.com/bradleyfalzon/ghinstallation.NewAppsTransport":               compare.ClientOf(catalog.AppJWT),
	"github.com/bradleyfalzon/ghinstallation.NewAppsTransportKeyFromFile":    compare.ClientOf(catalog.AppJWT),
	"github.com/bradleyfalzon/ghinstallation.NewAppsTransportFromPrivateKey": compare.ClientOf(catalog.AppJWT),
	"github.com/bradleyfalzon/ghinstallation.NewAppsTransportWithOptions":    compare.ClientOf(catalog.AppJWT),
	"github.com/bradleyfalzon/ghinstallation.New":                            compare.ClientOf(catalog.Installation),
	"github.com/bradleyfalzon/ghinstallation.NewKeyFromFile":                 compare.ClientOf(catalog.Installation),
	"github.com/bradleyfalzon/ghinstallation.NewFromAppsTransport":           compare.ClientOf(catalog.Installation),
	"github.com/palantir/go-githubapp/githubapp.NewAppClient":                compare.ClientOf(catalog.AppJWT),
	"github.com/palantir/go-githubapp/githubapp.NewAppV4Client":              compare.ClientOf(catalog.AppJWT),
	"github.com/palantir/go-githubapp/githubapp.NewInstallationClient":       compare.ClientOf(catalog.Installation),
	"github.com/palantir/go-githubapp/githubapp.NewInstallationV4Client":     compare.ClientOf(catalog.Installation),
	"github.com/palantir/go-githubapp/githubapp.NewTokenClient":              compare.WebFlowClient,
	"github.com/palantir/go-githubapp/githubapp.NewTokenSourceClient":        compare.WebFlowClient,
	"github.com/palantir/go-githubapp/githubapp.NewTokenV4Client":            compare.WebFlowClient,
	"github.com/palantir/go-githubapp/githubapp.NewTokenSourceV4Client":      compare.WebFlowClient,
	// The web (or device) flow's token: a user access token of a GitHub
	// App, an OAuth app's token when the grants are an OAuth app's.
	"golang.org/x/oauth2.Client":                          compare.WebFlowClient,
	"golang.org/x/oauth2.TokenSource":                     compare.WebFlowClient,
	"golang.org/x/oauth2.Exchange":                        compare.WebFlowClient,
	"golang.org/x/oauth2.DeviceAccessToken":               compare.WebFlowClient,
	"github.com/google/go-github.CreateInstallationToken": compare.ClientOf(catalog.Installation),
}

// passThrough are the functions whose result carries the token of one of
// their arguments (-1: the receiver).
var passThrough = map[string]int{
	"github.com/google/go-github.NewClient":          0,
	"github.com/google/go-github.WithAuthToken":      0,
	"github.com/google/go-github.WithEnterpriseURLs": -1,
	"golang.org/x/oauth2.NewClient":                  1,
	"golang.org/x/oauth2.ReuseTokenSource":           1,
}

// funcID names fn as the tables do: its package path without a major
// version suffix (or go-github's own), and its name.
func funcID(fn *types.Func) string {
	path := fn.Pkg().Path()
	if libraryOf(path) == libGoGitHub {
		path = "github.com/google/go-github"
	} else if i := strings.LastIndex(path, "/v"); i > 0 && strings.Trim(path[i+2:], "0123456789") == "" {
		path = path[:i]
	}
	return path + "." + fn.Name()
}

// clients finds the token kinds of client values in one package.
type clients struct {
	pass   *analysis.Pass
	decls  map[*types.Func]*ast.FuncDecl       // built on first use
	funcs  map[*types.Func]compare.ClientToken // what functions return (in progress: unknown)
	fields map[*types.Var]compare.ClientToken  // built on first use
	// fieldParams are the fields that hold what a function of the
	// package was given as a parameter (a constructor's), built with
	// fields.
	fieldParams map[*types.Var]paramRef
}

// maxClientDepth bounds how far a client is traced back.
const maxClientDepth = 8

// call returns the token kind of the client a go-github call is made on,
// or, when the code does not show it, the parameter that holds the
// client, if one does: of the enclosing function, or of the function
// that stored it in a field.
func (c *clients) call(call *ast.CallExpr, f *folder) (compare.ClientToken, paramRef) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return compare.UnknownClient, paramRef{}
	}
	recv := ast.Unparen(sel.X)
	// c.Issues.CreateComment: the client is the service's.
	if svc, ok := recv.(*ast.SelectorExpr); ok && strings.HasSuffix(typeName(c.pass.TypesInfo.TypeOf(svc)), "Service") {
		// s.Apps of a struct that embeds the client: the embedded field.
		if v := embeddedClient(c.pass.TypesInfo.Selections[svc]); v != nil {
			return c.fieldClient(v)
		}
		recv = svc.X
	}
	if fs, ok := recv.(*ast.SelectorExpr); ok {
		if v, ok := c.pass.TypesInfo.Uses[fs.Sel].(*types.Var); ok && v.IsField() {
			return c.fieldClient(v)
		}
	}
	k, p := c.kindOrParam(recv, f)
	return k, paramRef{param: p}
}

// fieldClient is the token kind of the client a field holds or, for a
// field of the package that a constructor stores its parameter in, that
// parameter.
func (c *clients) fieldClient(v *types.Var) (compare.ClientToken, paramRef) {
	if k := c.field(v); k.Known() || v.Pkg() != c.pass.Pkg {
		return k, paramRef{}
	}
	return compare.UnknownClient, c.fieldParams[v]
}

// embeddedClient returns the embedded field through which a selection
// (s.Apps) reaches a service of a client, if it does.
func embeddedClient(sel *types.Selection) *types.Var {
	if sel == nil || sel.Kind() != types.FieldVal || len(sel.Index()) != 2 {
		return nil
	}
	t := sel.Recv()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || sel.Index()[0] >= st.NumFields() {
		return nil
	}
	v := st.Field(sel.Index()[0])
	if !v.Embedded() || !mayHoldCredential(v.Type()) {
		return nil
	}
	return v
}

// kindOrParam returns the token kind e is built with, or the parameter
// (1-based) of the enclosing function that e is.
func (c *clients) kindOrParam(e ast.Expr, f *folder) (compare.ClientToken, uint8) {
	if k := c.expr(e, f, 0); k.Known() {
		return k, 0
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || f == nil || f.params == nil {
		return compare.UnknownClient, 0
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if f.assigns == nil {
		f.assigns = collectAssignments(c.pass.TypesInfo, f.body)
	}
	if v == nil || len(f.assigns[v]) > 0 {
		return compare.UnknownClient, 0 // not a parameter, or one the body changes
	}
	for i := range min(f.params.Len(), 255) {
		if f.params.At(i) == v {
			return compare.UnknownClient, uint8(i + 1)
		}
	}
	return compare.UnknownClient, 0
}

// args returns the token kinds of the clients a call of fn passes, by
// parameter: nil when it passes none whose kind, or parameter, is known.
func (c *clients) args(call *ast.CallExpr, fn *types.Func, f *folder) []argKind {
	params := fn.Signature().Params()
	var out []argKind
	for i, arg := range call.Args {
		if i >= params.Len() || fn.Signature().Variadic() && i == params.Len()-1 {
			break
		}
		if !mayHoldCredential(params.At(i).Type()) {
			continue
		}
		if k, p := c.kindOrParam(arg, f); k.Known() || p > 0 {
			if out == nil {
				out = make([]argKind, len(call.Args))
			}
			out[i] = argKind{By: k, Param: p}
		}
	}
	return out
}

// typeName is the name of a (pointer to a) named type, or "".
func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// expr returns the token kind e (a client, transport, http.Client, token
// source or token) is built with.
func (c *clients) expr(e ast.Expr, f *folder, depth int) compare.ClientToken {
	if depth > maxClientDepth {
		return compare.UnknownClient
	}
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		return c.expr(e.X, f, depth+1)
	case *ast.StarExpr:
		return c.expr(e.X, f, depth+1)
	case *ast.CompositeLit: // http.Client{Transport: t}, struct literals
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Transport" {
					return c.expr(kv.Value, f, depth+1)
				}
			}
		}
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			return c.local(v, e, f, depth)
		}
	case *ast.SelectorExpr:
		if v, ok := info.Uses[e.Sel].(*types.Var); ok && v.IsField() {
			return c.field(v)
		}
		// inst.GetToken(), tok.AccessToken: the token's own origin.
		return c.expr(e.X, f, depth+1)
	case *ast.CallExpr:
		return c.callResult(e, f, depth)
	}
	return compare.UnknownClient
}

// local is the token kind of a local variable at id: that of every value
// stored in it before, if they agree.
func (c *clients) local(v *types.Var, id *ast.Ident, f *folder, depth int) compare.ClientToken {
	if f == nil || f.body == nil || v.Pos() < f.body.Pos() || v.Pos() >= f.body.End() {
		return compare.UnknownClient // a parameter or package variable
	}
	if f.assigns == nil {
		f.assigns = collectAssignments(c.pass.TypesInfo, f.body)
	}
	kind := compare.UnknownClient
	for i, a := range f.assigns[v] {
		if a.pos >= id.Pos() {
			break
		}
		k := compare.UnknownClient
		if a.rhs != nil {
			k = c.expr(a.rhs, f, depth+1)
		}
		if i == 0 {
			kind = k
		} else if k != kind {
			return compare.UnknownClient
		}
	}
	return kind
}

// callResult is the token kind of what a call returns.
func (c *clients) callResult(call *ast.CallExpr, f *folder, depth int) compare.ClientToken {
	fn, ok := calleeFunc(c.pass.TypesInfo, call)
	if !ok || fn.Pkg() == nil {
		return compare.UnknownClient
	}
	id := funcID(fn)
	if k, ok := constructors[id]; ok {
		return k
	}
	if i, ok := passThrough[id]; ok {
		switch sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); {
		case i < 0 && isSel:
			return c.expr(sel.X, f, depth+1)
		case i >= 0 && i < len(call.Args):
			return c.expr(call.Args[i], f, depth+1)
		}
		return compare.UnknownClient
	}
	// A getter of the credential (inst.GetToken()): its receiver's.
	if strings.HasPrefix(fn.Name(), "Get") && len(call.Args) == 0 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil && libraryOf(fn.Pkg().Path()) == libGoGitHub {
			return c.expr(sel.X, f, depth+1)
		}
	}
	if fn.Pkg() == c.pass.Pkg {
		return c.returns(fn, depth)
	}
	var fact clientFact
	if c.pass.ImportObjectFact(fn, &fact) {
		return fact.Token
	}
	return compare.UnknownClient
}

// returns is the token kind of the first result of a function of the
// package: that of every return statement, if they agree.
func (c *clients) returns(fn *types.Func, depth int) compare.ClientToken {
	if k, ok := c.funcs[fn]; ok {
		return k
	}
	c.funcs[fn] = compare.UnknownClient // recursion
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, file := range c.pass.Files {
			for _, d := range file.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	fd := c.decls[fn.Origin()]
	if fd == nil {
		return compare.UnknownClient
	}
	f := &folder{info: c.pass.TypesInfo, body: fd.Body}
	kind, first := compare.UnknownClient, true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // a closure's returns are its own
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				return true
			}
			k := c.expr(n.Results[0], f, depth+1)
			if isNil(c.pass.TypesInfo, n.Results[0]) {
				return true // an error path
			}
			if first {
				kind, first = k, false
			} else if k != kind {
				kind = compare.UnknownClient
			}
		}
		return true
	})
	c.funcs[fn] = kind
	return kind
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// field is the token kind of a struct field: that of every value the
// package stores in it, if they agree, or its fact.
func (c *clients) field(v *types.Var) compare.ClientToken {
	if v.Pkg() != c.pass.Pkg {
		var fact clientFact
		if c.pass.ImportObjectFact(v, &fact) {
			return fact.Token
		}
		return compare.UnknownClient
	}
	return c.fieldKinds()[v]
}

// fieldKinds returns the token kinds of the package's fields, found on
// first use.
func (c *clients) fieldKinds() map[*types.Var]compare.ClientToken {
	if c.fields == nil {
		c.fields = make(map[*types.Var]compare.ClientToken) // a field stored from a field: unknown
		c.fields, c.fieldParams = c.storedFields()
	}
	return c.fields
}

// mayHoldCredential reports whether a value of type t can be, or carry,
// a credential: a string (a token), or a type of go-github, net/http,
// oauth2, ghinstallation or go-githubapp. Only such functions and fields
// are traced, as every package that takes part pays for it.
func mayHoldCredential(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.String {
		return true
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	switch path := n.Obj().Pkg().Path(); {
	case libraryOf(path) == libGoGitHub, path == "net/http", path == "golang.org/x/oauth2",
		strings.HasPrefix(path, "github.com/bradleyfalzon/ghinstallation"),
		path == "github.com/palantir/go-githubapp/githubapp":
		return true
	}
	return false
}

// storedFields finds the token kind of every field the package stores a
// client of one kind in (x.f = v, T{f: v}, T{v}), and the fields it
// stores one parameter of one function in (a constructor's: their kind
// is that of the constructor's argument).
func (c *clients) storedFields() (map[*types.Var]compare.ClientToken, map[*types.Var]paramRef) {
	info := c.pass.TypesInfo
	type stored struct {
		kind compare.ClientToken
		ref  paramRef
	}
	seen := make(map[*types.Var][]stored)
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			var f *folder
			var fnKey string
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				f = &folder{info: info, body: fd.Body}
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					f.params, fnKey = fn.Signature().Params(), funcKey(fn)
				}
			}
			store := func(v *types.Var, value ast.Expr) {
				if v.IsField() && v.Pkg() == c.pass.Pkg && mayHoldCredential(v.Type()) {
					k, p := c.kindOrParam(value, f)
					s := stored{kind: k}
					if p > 0 {
						s.ref = paramRef{fnKey, p}
					}
					seen[v] = append(seen[v], s)
				}
			}
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					if len(n.Lhs) != len(n.Rhs) {
						return true
					}
					for i, lhs := range n.Lhs {
						if sel, ok := lhs.(*ast.SelectorExpr); ok {
							if v, ok := info.Uses[sel.Sel].(*types.Var); ok {
								store(v, n.Rhs[i])
							}
						}
					}
				case *ast.KeyValueExpr:
					if id, ok := n.Key.(*ast.Ident); ok {
						if v, ok := info.Uses[id].(*types.Var); ok {
							store(v, n.Value)
						}
					}
				case *ast.CompositeLit:
					st, ok := info.TypeOf(n).Underlying().(*types.Struct)
					if !ok || len(n.Elts) != st.NumFields() {
						return true
					}
					for i, elt := range n.Elts {
						if _, kv := elt.(*ast.KeyValueExpr); !kv {
							store(st.Field(i), elt)
						}
					}
				}
				return true
			})
		}
	}
	kinds, refs := make(map[*types.Var]compare.ClientToken), make(map[*types.Var]paramRef)
	for v, ss := range seen {
		if slices.ContainsFunc(ss[1:], func(s stored) bool { return s != ss[0] }) {
			continue // stored with two kinds, or from two parameters
		}
		if ss[0].kind.Known() {
			kinds[v] = ss[0].kind
		} else if ss[0].ref.param > 0 {
			refs[v] = ss[0].ref
		}
	}
	return kinds, refs
}

// export records the token kinds of the package's functions and fields
// for the packages that import it.
func (c *clients) export() {
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Type.Results != nil {
				if fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && fn.Signature().Results().Len() > 0 && mayHoldCredential(fn.Signature().Results().At(0).Type()) {
					if k := c.returns(fn, 0); k != compare.UnknownClient {
						c.pass.ExportObjectFact(fn, &clientFact{k})
					}
				}
			}
		}
	}
	for v, k := range c.fieldKinds() {
		c.pass.ExportObjectFact(v, &clientFact{k})
	}
}
