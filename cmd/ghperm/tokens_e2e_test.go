package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/report"
)

// TestTokenKinds runs ghperm on testdata/apps/tokens.txtar, an app that
// calls GitHub with its JWT, an installation token and a user access
// token, each client built with the real ghinstallation, oauth2 and
// go-github modules: each call is checked against its own client's token
// kind, in both drivers, and needs says who makes each call.
func TestTokenKinds(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("loads ghinstallation, oauth2 and go-github from source, and builds and runs go vet")
	}
	dir := extractModule(t, filepath.Join("testdata", "apps", "tokens.txtar"))
	const want = "cmd/app/main.go:40:3: GET /user/installations (apps/list-installations-for-authenticated-user) cannot be called with an installation access token (user access tokens only (docs endpoint lists))"

	out, stderr, code := runArgs(t, "-C", dir, "-format", "json", "./...")
	var res report.Output
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 1 {
		t.Fatalf("check: exit %d, %v\n%s%s", code, err, out, stderr)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", f.Position.File, f.Position.Line, f.Position.Col, f.Message))
	}
	checkFindings(t, "ghperm -json", got, []string{want})

	out, stderr, code = runArgs(t, "needs", "-C", dir, "-format", "json", "./...")
	var n report.Needs
	if err := json.Unmarshal([]byte(out), &n); err != nil || code != 0 {
		t.Fatalf("needs: exit %d, %v\n%s%s", code, err, out, stderr)
	}
	by := map[string][]string{}
	for _, e := range n.Endpoints {
		by[e.Method+" "+e.Path] = append(by[e.Method+" "+e.Path], e.By+" "+e.Status)
	}
	for key, wantBy := range map[string]string{
		"GET /app/installations":                                    "as the app (JWT) needed",
		"POST /repos/{owner}/{repo}/issues/{issue_number}/comments": "as an installation needed",
		"GET /user/installations":                                   "as an installation unusable, for a user needed",
	} {
		if got := strings.Join(by[key], ", "); got != wantBy {
			t.Errorf("needs: %s made %q, want %q", key, got, wantBy)
		}
	}
	if len(n.Permissions) != 1 || n.Permissions["issues"] != "write" {
		t.Errorf("needs permissions %v, want issues: write only", n.Permissions)
	}

	vet := goVet(t, dir, buildGhperm(t), "./...")
	if len(vet) != 1 || !strings.HasPrefix(vet[0], want) {
		t.Errorf("go vet -vettool=ghperm reports\n%s\nwant\n\t%s", lines(vet), want)
	}
}
