package load

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// parseTrimmed returns a packages.Config.ParseFile that parses the
// standard library's files without their function bodies. No GitHub call
// is made inside the standard library (net/http is recognised where the
// program calls it), so the analyzer needs only its declarations, and
// type-checking the bodies of net/http and its dependencies was most of
// a run's time. Every other file is parsed whole.
func parseTrimmed(goroot string) func(*token.FileSet, string, []byte) (*ast.File, error) {
	std := filepath.Join(goroot, "src") + string(filepath.Separator)
	return func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
		if goroot == "" || !strings.HasPrefix(filename, std) {
			return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
		}
		f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
		if err != nil {
			return f, err
		}
		trimBodies(f)
		return f, nil
	}
}

// trimBodies drops the bodies of f's functions (but init functions and
// generic ones, which the type checker requires a body of) and blanks the imports
// that only the bodies used, which the type checker would otherwise
// report as unused.
func trimBodies(f *ast.File) {
	for _, spec := range f.Imports {
		if spec.Name != nil && spec.Name.Name == "." {
			return // whether the bodies alone use it is not known
		}
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && !generic(fd) && !(fd.Recv == nil && fd.Name.Name == "init") {
			fd.Body = nil
		}
	}
	used := make(map[string]bool)
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	for _, spec := range f.Imports {
		if spec.Name != nil && spec.Name.Name == "_" {
			continue
		}
		if !slices.ContainsFunc(importNames(spec), func(n string) bool { return used[n] }) {
			spec.Name = ast.NewIdent("_")
		}
	}
}

// generic reports whether fd is a generic function or a method of a
// generic type, which the type checker requires a body for.
func generic(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil {
		return true
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	t := fd.Recv.List[0].Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// importNames are the names an import may be referred to by: its
// explicit name, or the last element of its path (the one before it for
// a major version suffix, as in math/rand/v2).
func importNames(spec *ast.ImportSpec) []string {
	if spec.Name != nil {
		return []string{spec.Name.Name}
	}
	p, err := strconv.Unquote(spec.Path.Value)
	if err != nil {
		return nil
	}
	names := []string{path.Base(p)}
	if majorVersion.MatchString(names[0]) {
		names = append(names, path.Base(path.Dir(p)))
	}
	return names
}
