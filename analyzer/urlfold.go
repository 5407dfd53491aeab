package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/url"
	"path"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
)

// hole marks a part of a folded string that is unknown at compile time;
// intHole one known to be an integer (a %d verb, an integer argument),
// which as a path segment can only be a parameter.
const (
	hole    = "\x00"
	intHole = "\x01"
)

// hasHole reports whether a folded string has an unknown part.
func hasHole(s string) bool { return strings.ContainsAny(s, hole+intHole) }

// Folding limits: URLs are short expressions, and a bounded search keeps
// pathological code cheap.
const (
	maxFoldDepth = 8
	maxAlts      = 8
)

// A folder evaluates string expressions of one function at compile time,
// as far as they are constant: literals and constants, +, fmt.Sprintf (a
// verb is a hole), path.Join, url.PathEscape/QueryEscape, and local
// variables through their assignments earlier in the function. Unknown
// parts become holes.
type folder struct {
	info    *types.Info
	body    ast.Node                    // the enclosing function's body, or nil
	params  *types.Tuple                // the enclosing function's parameters, or nil
	assigns map[*types.Var][]assignment // built on first use
}

// assignment is one store to a local variable: v = rhs, v := rhs,
// var v = rhs, v += rhs (add), or v, w = rhs (tuple: v gets rhs's first
// result, which folding does not know).
type assignment struct {
	pos    token.Pos
	rhs    ast.Expr
	add    bool
	tuple  bool
	parent ast.Node // the statement list holding it, to tell unconditional stores
}

// fold returns the alternative values of e (at most maxAlts), holes marking
// the unknown parts. It never returns an empty slice.
func (f *folder) fold(e ast.Expr) []string { return f.foldAt(e, e.Pos(), 0) }

func (f *folder) foldAt(e ast.Expr, at token.Pos, depth int) []string {
	unknown := []string{hole}
	if depth > maxFoldDepth {
		return unknown
	}
	if tv, ok := f.info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return []string{constant.StringVal(tv.Value)}
		}
		return unknown
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return f.foldAt(e.X, at, depth+1)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return concat(f.foldAt(e.X, at, depth+1), f.foldAt(e.Y, at, depth+1))
		}
	case *ast.CallExpr:
		return f.foldCall(e, at, depth)
	case *ast.Ident:
		if v, ok := f.info.Uses[e].(*types.Var); ok {
			return f.foldVar(v, at, depth)
		}
	}
	return unknown
}

func (f *folder) foldCall(call *ast.CallExpr, at token.Pos, depth int) []string {
	unknown := []string{hole}
	fn, ok := calleeFunc(f.info, call)
	if !ok || fn.Pkg() == nil {
		return unknown
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "fmt.Sprintf":
		if len(call.Args) == 0 {
			return unknown
		}
		args := make([]string, len(call.Args)-1)
		for i, arg := range call.Args[1:] {
			args[i] = f.foldArg(arg, at, depth+1)
		}
		var out []string
		for _, format := range f.foldAt(call.Args[0], at, depth+1) {
			out = append(out, sprintf(format, args))
		}
		return out
	case "path.Join":
		alts := []string{""}
		for i, arg := range call.Args {
			parts := f.foldAt(arg, at, depth+1)
			if i > 0 {
				parts = concat([]string{"/"}, parts)
			}
			alts = concat(alts, parts)
		}
		for i, a := range alts {
			alts[i] = path.Clean(a)
		}
		return alts
	case "net/url.PathEscape", "net/url.QueryEscape":
		if len(call.Args) != 1 {
			return unknown
		}
		vals := f.foldAt(call.Args[0], at, depth+1)
		for i, v := range vals {
			if hasHole(v) {
				vals[i] = hole
			} else if fn.Name() == "PathEscape" {
				vals[i] = url.PathEscape(v)
			} else {
				vals[i] = url.QueryEscape(v)
			}
		}
		return vals
	}
	return unknown
}

// foldArg folds a fmt.Sprintf argument to its text: a constant string or
// number, or a string with one known value; else a hole (intHole for an
// integer).
func (f *folder) foldArg(e ast.Expr, at token.Pos, depth int) string {
	tv, ok := f.info.Types[e]
	if ok && tv.Value != nil {
		switch tv.Value.Kind() {
		case constant.String:
			return constant.StringVal(tv.Value)
		case constant.Int:
			return tv.Value.ExactString()
		}
		return hole
	}
	if b, isBasic := types.Unalias(tv.Type).Underlying().(*types.Basic); ok && isBasic && b.Info()&types.IsInteger != 0 {
		return intHole
	}
	if vals := f.foldAt(e, at, depth); len(vals) == 1 {
		return vals[0]
	}
	return hole
}

// sprintf formats like fmt.Sprintf for the shapes URLs take: each verb
// becomes its argument's text (a hole if unknown). Explicit argument
// indexes make every verb a hole.
func sprintf(format string, args []string) string {
	indexed := strings.Contains(format, "[")
	var b strings.Builder
	n := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		// Skip flags, width, precision and argument indexes up to the verb.
		for i++; i < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[i]) >= 0; i++ {
		}
		switch {
		case !indexed && n < len(args) && i < len(format) && format[i] == 'd' && args[n] == hole:
			b.WriteString(intHole)
		case !indexed && n < len(args) && i < len(format) && strings.IndexByte("sdv", format[i]) >= 0:
			b.WriteString(args[n])
		default:
			b.WriteString(hole)
		}
		n++
	}
	return b.String()
}

// foldVar folds a local variable at position at from the stores before it.
// A store in the same statement list as the variable's first store replaces
// the value; one nested deeper (under an if, say) may or may not happen, so
// its value is an extra alternative.
func (f *folder) foldVar(v *types.Var, at token.Pos, depth int) []string {
	unknown := []string{hole}
	if f.body == nil || v.Pos() < f.body.Pos() || v.Pos() >= f.body.End() {
		return unknown // a parameter, package variable or field
	}
	if f.assigns == nil {
		f.assigns = collectAssignments(f.info, f.body)
	}
	var alts []string
	var first ast.Node
	for _, a := range f.assigns[v] {
		if a.pos >= at {
			break
		}
		var vals []string
		if a.tuple {
			vals = unknown
		} else if a.add {
			vals = concat(alts, f.foldAt(a.rhs, a.pos, depth+1))
		} else {
			vals = f.foldAt(a.rhs, a.pos, depth+1)
		}
		if first == nil || a.parent == first {
			first = a.parent
			alts = vals
		} else {
			alts = union(alts, vals)
		}
	}
	if len(alts) == 0 {
		return unknown
	}
	return alts
}

// collectAssignments indexes the stores to local variables in body, in
// source order.
func collectAssignments(info *types.Info, body ast.Node) map[*types.Var][]assignment {
	out := make(map[*types.Var][]assignment)
	record := func(id *ast.Ident, a assignment) {
		obj := info.Defs[id]
		if obj == nil {
			obj = info.Uses[id]
		}
		if v, ok := obj.(*types.Var); ok {
			a.pos = id.Pos()
			out[v] = append(out[v], a)
		}
	}
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		var parent ast.Node
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok {
					continue
				}
				a := assignment{parent: parent, add: n.Tok == token.ADD_ASSIGN}
				switch {
				case n.Tok != token.ASSIGN && n.Tok != token.DEFINE && !a.add:
					continue
				case len(n.Lhs) == len(n.Rhs):
					a.rhs = n.Rhs[i]
				case len(n.Rhs) == 1:
					a.rhs, a.tuple = n.Rhs[0], true
					if i > 0 {
						a.rhs = nil // a later result: nothing to trace
					}
				}
				record(id, a)
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				// The statement list holds the DeclStmt, two levels up.
				var list ast.Node
				if len(stack) >= 4 {
					list = stack[len(stack)-4]
				}
				for i, id := range n.Names {
					record(id, assignment{rhs: n.Values[i], parent: list})
				}
			}
		}
		return true
	})
	return out
}

func concat(xs, ys []string) []string {
	out := make([]string, 0, len(xs)*len(ys))
	for _, x := range xs {
		for _, y := range ys {
			out = append(out, x+y)
		}
	}
	if len(out) > maxAlts {
		return []string{hole}
	}
	return out
}

func union(xs, ys []string) []string {
	out := append([]string(nil), xs...)
	for _, y := range ys {
		dup := false
		for _, x := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, y)
		}
	}
	if len(out) > maxAlts {
		return []string{hole}
	}
	return out
}

// urlKind classifies a folded URL.
type urlKind int

const (
	urlOther    urlKind = iota // not known to be GitHub's API
	urlRelative                // relative to a client's API root
	urlAPI                     // an absolute URL of GitHub's API
)

// apiPath turns a folded URL into an API path for catalog.Match: the
// host (api.github.com, uploads.github.com, or a GitHub Enterprise host
// with /api/v3 or /api/uploads), the query and the fragment are dropped, a
// leading slash is added, and each segment holding a hole becomes
// catalog.Unknown. ok is false when the path cannot be told: an unknown
// prefix may span any number of segments.
func apiPath(u string) (p string, kind urlKind, ok bool) {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	kind = urlRelative
	for _, scheme := range []string{"https://", "http://"} {
		if rest, found := strings.CutPrefix(u, scheme); found {
			host, p, _ := strings.Cut(rest, "/")
			switch {
			case host == "api.github.com" || host == "uploads.github.com":
				u, kind = "/"+p, urlAPI
			case strings.HasPrefix("/"+p+"/", "/api/v3/"):
				u, kind = strings.TrimPrefix("/"+p, "/api/v3"), urlAPI
			case strings.HasPrefix("/"+p+"/", "/api/uploads/"):
				u, kind = strings.TrimPrefix("/"+p, "/api/uploads"), urlAPI
			default:
				return "", urlOther, false
			}
		}
	}
	if kind == urlRelative && strings.HasPrefix(u, hole) {
		// An unknown base: only a GitHub Enterprise API root is telling.
		i := strings.Index(u, "/api/v3/")
		if i < 0 {
			return "", urlOther, false
		}
		u, kind = u[i+len("/api/v3"):], urlAPI
	}
	segs := strings.Split(strings.Trim(u, "/"), "/")
	for i, s := range segs {
		switch {
		case s == intHole:
			segs[i] = catalog.UnknownInteger
		case hasHole(s):
			segs[i] = catalog.Unknown
		}
	}
	return "/" + strings.Join(segs, "/"), kind, true
}

// maxMatches bounds the operations a partly known URL may resolve to:
// beyond it the URL says too little, and the call is unresolved.
const maxMatches = 4

// restCall resolves a call that sends method (empty if unknown) to one of
// the folded URLs alts. With requireAPI (net/http), only absolute URLs of
// GitHub's API count, and a call to no such URL is not a GitHub call (nil).
func (p *pkgPass) restCall(call *ast.CallExpr, fn *types.Func, style Style, method string, alts []string, requireAPI bool) (*Call, error) {
	cat, err := theCatalog()
	if err != nil {
		return nil, err
	}
	c := &Call{Pos: call.Pos(), End: call.End(), Callee: funcName(fn), Style: style}
	step := []Step{{Name: c.Callee, Pos: call.Pos()}}
	seen := make(map[string]int) // index in c.Endpoints
	github := false
	for _, u := range alts {
		m := matchURL(cat, method, u)
		if requireAPI && m.kind != urlAPI {
			continue
		}
		github = true
		switch {
		case m.graphQL:
			return graphQLCall(call, fn, "request", nil), nil
		case m.reason != "":
			return unresolvedCall(call, fn, style, m.reason), nil
		}
		for _, op := range m.ops {
			w := compare.NoWorkflow
			if path, _, ok := apiPath(u); ok {
				w = urlWorkflow(op, path)
			}
			c.Workflow = max(c.Workflow, w)
			if i, ok := seen[op.Key()]; ok {
				c.Endpoints[i].Workflow = max(c.Endpoints[i].Workflow, w)
			} else {
				seen[op.Key()] = len(c.Endpoints)
				c.Endpoints = append(c.Endpoints, Endpoint{Key: op.Key(), Chain: step, Workflow: w})
			}
		}
	}
	if !github {
		return nil, nil
	}
	return c, nil
}

// urlMatch is what one folded URL resolves to.
type urlMatch struct {
	kind    urlKind
	graphQL bool                 // the GraphQL endpoint
	ops     []*catalog.Operation // at most maxMatches
	reason  string               // why it resolves to no operation
}

// matchURL resolves one folded URL sent with method (empty if unknown).
func matchURL(cat *catalog.Catalog, method, u string) urlMatch {
	path, kind, ok := apiPath(u)
	m := urlMatch{kind: kind}
	switch {
	case !ok:
		m.reason = "URL not known at compile time"
		return m
	case path == "/graphql":
		m.graphQL = true
		return m
	}
	// The catalog takes multi-segment parameters ({path}, {ref}) across
	// segments: "/repos/o/r/git/refs/heads/{}" is ".../git/refs/{ref}".
	ops := cat.Match(method, path)
	if method == "" {
		method = "(unknown method)"
	}
	switch {
	case len(ops) == 0:
		m.reason = fmt.Sprintf("no REST endpoint matches %s %s", method, path)
	case len(ops) > maxMatches:
		m.reason = fmt.Sprintf("%d REST endpoints match %s %s", len(ops), method, path)
	default:
		m.ops = ops
	}
	return m
}
