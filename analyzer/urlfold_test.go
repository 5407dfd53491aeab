package analyzer

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// foldInput type-checks src (a file of package p) and returns function
// F's body with the arguments of its calls of use(...).
func foldInput(t testing.TB, src string) (*types.Info, *ast.BlockStmt, []ast.Expr) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "F" {
			var args []ast.Expr
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "use" {
						args = append(args, call.Args[0])
					}
				}
				return true
			})
			return info, fd.Body, args
		}
	}
	t.Fatal("no func F")
	return nil, nil, nil
}

// foldAll folds args with a new folder, holes shown as "?", integer
// holes as "#".
func foldAll(info *types.Info, body *ast.BlockStmt, args []ast.Expr) [][]string {
	fo := &folder{info: info, body: body}
	var out [][]string
	for _, arg := range args {
		var alts []string
		for _, a := range fo.fold(arg) {
			alts = append(alts, strings.NewReplacer(hole, "?", intHole, "#").Replace(a))
		}
		out = append(out, alts)
	}
	return out
}

func TestFold(t *testing.T) {
	got := foldAll(foldInput(t, `package p

import (
	"fmt"
	"net/url"
	"path"
)

const base = "repos/"

func use(string) {}

func F(owner string, n int, cond bool) {
	use(base + owner + "/x")
	use(fmt.Sprintf("repos/%s/%s/issues/%d?page=%d", owner, "r", 7, n))
	use(fmt.Sprintf("%[1]s/%[1]s", owner))
	use(path.Join("repos", url.PathEscape(owner), "a b", "..", "pulls"))
	use(url.PathEscape("a b"))
	u := "user"
	if cond {
		u = "users/" + owner
	}
	use(u)
	v := "repos/o/r"
	v += "/labels"
	use(v)
	w, err := fmt.Println()
	_, _ = w, err
	use(fmt.Sprint(w))
	use(fmt.Sprintf("repos/%s/%s/issues/%d/semantically_similar", owner, "r", n))
	use(fmt.Sprintf("repos/o/r/issues/%v/%d", n, w))
}
`))
	want := [][]string{
		{"repos/?/x"},
		{"repos/?/r/issues/7?page=#"},
		{"?/?"},
		{"repos/?/pulls"},
		{"a%20b"},
		{"user", "users/?"},
		{"repos/o/r/labels"},
		{"?"},
		{"repos/?/r/issues/#/semantically_similar"},
		{"repos/o/r/issues/#/#"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("fold:\n got %q\nwant %q", got, want)
	}
}

func TestAPIPath(t *testing.T) {
	for _, tc := range []struct {
		in   string
		path string
		kind urlKind
		ok   bool
	}{
		{"repos/o/r", "/repos/o/r", urlRelative, true},
		{"/user?x=1", "/user", urlRelative, true},
		{"https://api.github.com/repos/" + hole + "/r/", "/repos/{}/r", urlAPI, true},
		{"https://uploads.github.com/repos/o/r/releases/1/assets?name=" + hole, "/repos/o/r/releases/1/assets", urlAPI, true},
		{"https://" + hole + "/api/v3/user", "/user", urlAPI, true},
		{"https://ghe.example.com/api/uploads/repos/o/r/releases/1/assets", "/repos/o/r/releases/1/assets", urlAPI, true},
		{hole + "/api/v3/orgs/" + hole, "/orgs/{}", urlAPI, true},
		{"https://example.com/repos/o/r", "", urlOther, false},
		{hole + "/repos/o/r", "", urlOther, false},
		{"repos/" + hole + "x/r", "/repos/{}/r", urlRelative, true},
		{"repos/o/r/issues/" + intHole + "/x" + intHole, "/repos/o/r/issues/{%d}/{}", urlRelative, true},
	} {
		p, kind, ok := apiPath(tc.in)
		if p != tc.path || kind != tc.kind || ok != tc.ok {
			t.Errorf("apiPath(%q) = %q, %d, %v; want %q, %d, %v", tc.in, p, kind, ok, tc.path, tc.kind, tc.ok)
		}
	}
}

func TestQueryFields(t *testing.T) {
	for _, tc := range []struct {
		q      string
		kind   string
		fields []string
	}{
		{`query { viewer { login } rateLimit { remaining } }`, "query", []string{"viewer", "rateLimit"}},
		{`query Q($o: String!) { r: repository(owner: $o, name: "x") { issues(first: 1) { nodes { id } } } }`, "query", []string{"repository"}},
		{`mutation($i: AddStarInput!) { addStar(input: $i) { clientMutationId } }`, "mutation", []string{"addStar"}},
		{`no selection`, "request", nil},
	} {
		kind, fields := queryFields(tc.q)
		if kind != tc.kind || !slices.Equal(fields, tc.fields) {
			t.Errorf("queryFields(%q) = %s %q; want %s %q", tc.q, kind, fields, tc.kind, tc.fields)
		}
	}
}

func TestLibraryOf(t *testing.T) {
	for path, want := range map[string]library{
		"github.com/google/go-github/v92/github":                        libGoGitHub,
		"github.com/google/go-github/github":                            libGoGitHub,
		"example.com/app/vendor/github.com/google/go-github/v74/github": libGoGitHub,
		"github.com/google/go-github/v92/test/integration":              libNone,
		"github.com/google/go-github/vx/github":                         libNone,
		"github.com/cli/go-gh/v2/pkg/api":                               libGoGH,
		"github.com/cli/go-gh":                                          libGoGH,
		"github.com/cli/go-ghx":                                         libNone,
		"github.com/shurcooL/githubv4":                                  libGitHubV4,
		"code.gitea.io/sdk/gitea":                                       libNone,
	} {
		if got := libraryOf(path); got != want {
			t.Errorf("libraryOf(%q) = %d, want %d", path, got, want)
		}
	}
}

// TestMatchIntegerHole checks that an integer unknown at compile time
// takes only a parameter's place: a path whose literal segments fit no
// template is unresolved, not matched to a template near it.
func TestMatchIntegerHole(t *testing.T) {
	cat, err := theCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		url, want string // want "" for unresolved
	}{
		{"repos/o/r/issues/" + intHole + "/semantically_similar", ""},
		{"repos/o/r/issues/" + intHole + "/comments", "GET /repos/{owner}/{repo}/issues/{issue_number}/comments"},
		{"repos/o/r/issues/" + intHole, "GET /repos/{owner}/{repo}/issues/{issue_number}"},
	} {
		m := matchURL(cat, "GET", tc.url)
		var got string
		if len(m.ops) == 1 {
			got = m.ops[0].Key()
		}
		if got != tc.want || (tc.want == "") != (m.reason != "") {
			t.Errorf("matchURL(GET %q) = %v (reason %q), want %q", tc.url, m.ops, m.reason, tc.want)
		}
	}
}
