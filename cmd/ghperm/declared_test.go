package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/report"
)

// graphQLMain posts a GraphQL query (unresolved: GitHub publishes no
// permission map for GraphQL) and lists a repository's issues.
const graphQLMain = `package main

import (
	"net/http"
	"strings"
)

func main() {
	http.Get("https://api.github.com/repos/o/r/issues")
	%s
	http.Post("https://api.github.com/graphql", "application/json", strings.NewReader("{}"))
}
`

// TestDeclaredNeeds: issue 12, part 3. A GraphQL call with
// //ghperm:needs moves from the unresolved calls to the needs (basis
// declared), and check compares it with the grants; a wrong key in the
// directive is a manifest-error at the key, with a suggestion.
func TestDeclaredNeeds(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":        "module m\n\ngo 1.26\n",
		"app.yml":       "default_permissions:\n  issues: read\n",
		"cmd/a/main.go": strings.Replace(graphQLMain, "%s", "//ghperm:needs pull_requests:read -- GraphQL: review state", 1),
		"cmd/b/main.go": strings.Replace(graphQLMain, "%s", "//ghperm:needs pull_request:read -- GraphQL: review state", 1),
	})
	out, stderr, code := runArgs(t, "needs", "-C", dir, "-format", "json", "./cmd/a")
	if code != 0 {
		t.Fatalf("needs: exit %d: %s", code, stderr)
	}
	var n report.Needs
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(n.Permissions)
	if want := `{"issues":"read","pull_requests":"read"}`; string(got) != want || len(n.Unresolved) != 0 {
		t.Errorf("permissions %s, unresolved %+v; want %s and none", got, n.Unresolved, want)
	}
	i := slices.IndexFunc(n.Endpoints, func(e report.NeededEndpoint) bool { return e.Method == "//ghperm:needs" })
	if i < 0 || n.Endpoints[i].Path != "pull_requests:read -- GraphQL: review state" || n.Endpoints[i].Calls[0].Position.Line != 11 {
		t.Errorf("endpoints %+v, want the declaration called at cmd/a/main.go:11", n.Endpoints)
	}

	out, stderr, code = runArgs(t, "-C", dir, "-json", "./...")
	if code != 2 {
		t.Errorf("check: exit %d, want 2 (a wrong key is a configuration error)\n%s", code, stderr)
	}
	var v struct{ Findings []*report.Finding }
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range v.Findings {
		lines = append(lines, f.Position.String()+": "+string(f.Category)+": "+f.Message)
	}
	want := []string{
		`cmd/a/main.go:1:9: shared-manifest: the main packages cmd/a, cmd/b share their grants: excess grants are not reported, as go vet sees each program's needs alone; tie a manifest to each program with //ghperm:manifest`,
		`cmd/a/main.go:11:2: missing-grant: //ghperm:needs pull_requests:read -- GraphQL: review state needs pull_requests: read; app.yml grants no pull_requests`,
		`cmd/b/main.go:10:17: manifest-error: //ghperm:needs: unknown permission "pull_request"; did you mean "pull_requests"?`,
		`cmd/b/main.go:11:2: unresolved: http.Post reaches GitHub, endpoint unknown: GraphQL request (fields unknown): GitHub publishes no permission map for GraphQL`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("findings:\n\t%s\nwant\n\t%s", strings.Join(lines, "\n\t"), strings.Join(want, "\n\t"))
	}
}
