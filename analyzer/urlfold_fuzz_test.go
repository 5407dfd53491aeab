package analyzer

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// FuzzFoldURL folds a URL built as analysed code builds them (a constant
// base, fmt.Sprintf with a fuzzed format, path.Join, +=) and resolves each
// alternative with the catalog. Folding must stay within its limits and
// the path matcher must not panic on what comes out.
func FuzzFoldURL(f *testing.F) {
	for _, s := range [][3]string{
		{"https://api.github.com/", "repos/%s/%s/issues", "GET"},
		{"", "/repos/%[2]s/%[1]s/pulls/%d", "POST"},
		{"https://ghe.example.com/api/v3", "/orgs/%v/members/%%s", ""},
		{"http://x/", "%s%s%s%s%s%s%s%s%s", "PATCH"},
		{"https://uploads.github.com", "/repos/o/r/releases/%d/assets?name=%s", "post"},
		{"\x00", "/graphql", ""},
		{"https://api.github.com", "/repos/o/r/contents/%s/../..", "DELETE"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	cat, err := theCatalog()
	if err != nil {
		f.Fatal(err)
	}
	imp := importer.Default()
	f.Fuzz(func(t *testing.T, base, format, method string) {
		src := fmt.Sprintf(`package p

import (
	"fmt"
	"path"
)

func use(string) {}

const base = %q

func F(owner string, n int, cond bool) {
	u := base + fmt.Sprintf(%q, owner, "r", n)
	if cond {
		u = path.Join(base, fmt.Sprintf(%q, n))
	}
	u += "/" + owner
	use(u)
	use(fmt.Sprintf(base+%q, owner, owner))
}
`, base, format, format, format)
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "p.go", src, 0)
		if err != nil {
			t.Fatalf("generated source does not parse: %v", err)
		}
		info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check("p", fset, []*ast.File{file}, info); err != nil {
			// The inputs are quoted into string literals: any source
			// type-checks, so an error is the harness's (or the importer's).
			t.Fatalf("generated source does not type-check: %v", err)
		}
		var body *ast.BlockStmt
		var args []ast.Expr
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "F" {
				body = fd.Body
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if call, ok := n.(*ast.CallExpr); ok {
						if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "use" {
							args = append(args, call.Args[0])
						}
					}
					return true
				})
			}
		}
		fo := &folder{info: info, body: body}
		for _, arg := range args {
			alts := fo.fold(arg)
			if len(alts) == 0 || len(alts) > maxAlts {
				t.Fatalf("fold gave %d alternatives", len(alts))
			}
			for _, u := range alts {
				if p, _, ok := apiPath(u); ok && !strings.HasPrefix(p, "/") {
					t.Fatalf("apiPath(%q) = %q", u, p)
				}
				m := matchURL(cat, method, u)
				if len(m.ops) > maxMatches || len(m.ops) > 0 && m.reason != "" {
					t.Fatalf("matchURL(%q, %q) = %d operations, reason %q", method, u, len(m.ops), m.reason)
				}
			}
		}
	})
}
