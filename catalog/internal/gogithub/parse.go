package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// A method is one method of the github package with what its declaration
// says about the endpoints it calls.
type method struct {
	Name     string   // "RepositoriesService.Get"
	Service  bool     // exported, on a *XService receiver, and makes a request
	Ops      []string // //meta:operation arguments, "GET /repos/{owner}/{repo}"
	Via      []string // for a service method without directives: the methods with directives it calls, whose Ops it has
	DocsURLs []string // "GitHub API docs:" links
}

// requestMakers are the Client methods that build or send a request: a
// function that reaches one of them makes an API call.
var requestMakers = []string{"NewRequest", "NewUploadRequest", "NewFormRequest", "Do", "BareDo"}

// parseGitHubPackage reads the non-test Go files of go-github's github
// package in dir and returns its methods sorted by name.
//
// A service method is an exported method with a pointer receiver whose type
// name ends in "Service" and whose body reaches one of requestMakers through
// calls inside the package. Calls are resolved by name, which is exact for
// go-github's style: v.M() is a method of the type of v (the receiver, a
// parameter, or a local converted from one), v.client.M() a Client method,
// v.client.F.M() a method of the type of Client's field F, and f() a
// package function.
func parseGitHubPackage(dir string) ([]method, error) {
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		if f.Name.Name != "github" {
			continue // generators (package main, build-ignored) live beside the package
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no Go files of package github in %s", dir)
	}

	fields := clientFields(files)
	calls := map[string][]string{} // function key -> keys of the functions it calls
	var ms []method
	for _, f := range files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			recvType := receiverType(fd)
			key := fd.Name.Name
			if recvType != "" {
				key = recvType + "." + key
			}
			calls[key] = append(calls[key], callees(fd.Body, varTypes(fd), fields)...)
			if recvType == "" {
				continue
			}
			m := method{Name: key}
			if fd.Doc != nil {
				for _, c := range fd.Doc.List {
					if d, ok := ast.ParseDirective(c.Slash, c.Text); ok && d.Tool == "meta" && d.Name == "operation" {
						m.Ops = append(m.Ops, strings.Join(strings.Fields(d.Args), " "))
					}
					if u, ok := strings.CutPrefix(c.Text, "// GitHub API docs:"); ok {
						m.DocsURLs = append(m.DocsURLs, strings.TrimSpace(u))
					}
				}
			}
			m.Service = fd.Name.IsExported() && strings.HasSuffix(recvType, "Service") && isPointer(fd)
			ms = append(ms, m)
		}
	}

	reaches := map[string]bool{}
	for _, name := range requestMakers {
		reaches["Client."+name] = true
	}
	for changed := true; changed; {
		changed = false
		for key, cs := range calls {
			if reaches[key] {
				continue
			}
			for _, c := range cs {
				if reaches[c] {
					reaches[key], changed = true, true
					break
				}
			}
		}
	}
	for i := range ms {
		ms[i].Service = ms[i].Service && reaches[ms[i].Name]
	}
	inheritOps(ms, calls)
	sort.Slice(ms, func(i, j int) bool { return ms[i].Name < ms[j].Name })
	return ms, nil
}

// inheritOps gives each service method without directives the operations
// of the methods with directives that it calls directly (v83's *Iter
// methods call the paginated method): the analyzer does not look for calls
// inside go-github.
func inheritOps(ms []method, calls map[string][]string) {
	own := map[string][]string{}
	for _, m := range ms {
		if len(m.Ops) > 0 {
			own[m.Name] = m.Ops
		}
	}
	for i := range ms {
		m := &ms[i]
		if !m.Service || len(m.Ops) > 0 {
			continue
		}
		for _, c := range calls[m.Name] {
			if own[c] != nil && !slices.Contains(m.Via, c) {
				m.Via = append(m.Via, c)
			}
		}
		slices.Sort(m.Via)
		for _, c := range m.Via {
			for _, op := range own[c] {
				if !slices.Contains(m.Ops, op) {
					m.Ops = append(m.Ops, op)
				}
			}
		}
	}
}

// receiverType returns the base type name of fd's receiver, if any.
func receiverType(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	return typeName(fd.Recv.List[0].Type)
}

// typeName names T, *T and T[P].
func typeName(t ast.Expr) string {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if g, ok := t.(*ast.IndexExpr); ok {
		t = g.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// varTypes maps the names of fd's receiver and parameters to their type
// names.
func varTypes(fd *ast.FuncDecl) map[string]string {
	vars := map[string]string{}
	for _, list := range []*ast.FieldList{fd.Recv, fd.Type.Params} {
		if list == nil {
			continue
		}
		for _, f := range list.List {
			if t := typeName(f.Type); t != "" {
				for _, n := range f.Names {
					vars[n.Name] = t
				}
			}
		}
	}
	return vars
}

func isPointer(fd *ast.FuncDecl) bool {
	_, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
	return ok
}

// clientFields maps the fields of the Client struct to their type names
// ("Repositories" -> "RepositoriesService").
func clientFields(files []*ast.File) map[string]string {
	fields := map[string]string{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok || ts.Name.Name != "Client" {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return false
			}
			for _, fl := range st.Fields.List {
				if t := typeName(fl.Type); t != "" {
					for _, n := range fl.Names {
						fields[n.Name] = t
					}
				}
			}
			return false
		})
	}
	return fields
}

// callees returns the keys of the package functions body calls, as far as
// they can be named without type information (see parseGitHubPackage).
func callees(body *ast.BlockStmt, vars, fields map[string]string) []string {
	var keys []string
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
			// s2 := (*ActionsService)(s), as deprecated aliases do
			for i, rhs := range as.Rhs {
				conv, ok := rhs.(*ast.CallExpr)
				id, isIdent := as.Lhs[i].(*ast.Ident)
				if !ok || !isIdent || len(conv.Args) != 1 {
					continue
				}
				if p, ok := conv.Fun.(*ast.ParenExpr); ok {
					if t := typeName(p.X); t != "" {
						vars[id.Name] = t
					}
				}
			}
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fun := call.Fun
		if g, ok := fun.(*ast.IndexExpr); ok { // f[T](...)
			fun = g.X
		}
		switch fun := fun.(type) {
		case *ast.Ident:
			keys = append(keys, fun.Name)
		case *ast.SelectorExpr:
			if t := exprType(fun.X, vars, fields); t != "" {
				keys = append(keys, t+"."+fun.Sel.Name)
			}
		}
		return true
	})
	return keys
}

// exprType names the type of v, v.client and v.client.F, where v is a
// variable of vars.
func exprType(x ast.Expr, vars, fields map[string]string) string {
	switch x := x.(type) {
	case *ast.Ident:
		return vars[x.Name]
	case *ast.SelectorExpr:
		t := exprType(x.X, vars, fields)
		switch {
		case t != "" && x.Sel.Name == "client":
			return "Client"
		case t == "Client":
			return fields[x.Sel.Name]
		}
	}
	return ""
}
