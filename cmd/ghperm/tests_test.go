package main

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"strings"
	"testing"
)

// TestTestCode: issue 10, item 4. check counted the calls of _test.go
// files as the program's needs by default, and positioned findings in
// the test binaries' main packages, which the go command generates in its
// build cache. Tests are now left out unless -test asks for them (as for
// needs and go vet), and no position outside the module is printed.
func TestTestCode(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("loads net/http from source four times")
	}
	dir := t.TempDir()
	files := testCodeModule()
	maps.Copy(files, map[string]string{
		"lib/lib.go": "package lib\n",
		"lib/lib_test.go": `package lib_test

import (
	"net/http"
	"testing"
)

func TestMembers(t *testing.T) { http.Get("https://api.github.com/orgs/o/members") }
`,
	})
	writeFiles(t, dir, files)
	out, stderr, code := runArgs(t, "-C", dir, "./...")
	if code != 0 || !strings.Contains(out, "no findings") {
		t.Errorf("tests are counted by default: exit %d\n%s%s", code, out, stderr)
	}
	for _, format := range []string{"text", "json", "sarif"} {
		out, stderr, code := runArgs(t, "-C", dir, "-test", "-format", format, "./...")
		if code != 1 {
			t.Errorf("-test -format %s: exit %d, want 1\n%s", format, code, stderr)
		}
		for _, want := range []string{"cmd/a/main_test.go", "lib/lib_test.go", "contents", "members"} {
			if !strings.Contains(out, want) {
				t.Errorf("-test -format %s: no %q in\n%s", format, want, out)
			}
		}
		// SARIF states the module's directory as %SRCROOT%; nothing else
		// may be absolute.
		outside := strings.Contains(out, "go-build") || format != "sarif" && strings.Contains(out, filepath.ToSlash(filepath.Dir(dir)))
		if outside {
			t.Errorf("-test -format %s prints a position outside the module:\n%s", format, out)
		}
		if format == "json" {
			var v struct{ Findings []struct{ Category string } }
			if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Findings) != 2 {
				t.Errorf("-test -json: %d findings (%v), want 2 (one per test call)\n%s", len(v.Findings), err, out)
			}
		}
	}
}

// TestVetTestCode: under go vet, a main package is vetted with its
// _test.go files; their calls are compared with the grants only with
// -ghperm.test, as in the standalone check.
func TestVetTestCode(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds ghperm and runs go vet")
	}
	bin := buildGhperm(t)
	dir := t.TempDir()
	writeFiles(t, dir, testCodeModule())
	env := []string{"GOWORK=off"}
	wantLines(t, "go vet", vetLines(t, dir, bin, env, "./..."))
	wantLines(t, "go vet -ghperm.test", vetLines(t, dir, bin, env, "-ghperm.test", "./..."),
		"cmd/a/main_test.go:8:35: GET /repos/{owner}/{repo}/contents/{path} (repos/get-content) needs contents: read; app.yml grants no contents")
}

// testCodeModule is a program whose test calls an endpoint that the
// manifest does not grant.
func testCodeModule() map[string]string {
	return map[string]string{
		"go.mod":        "module m\n\ngo 1.26\n",
		"app.yml":       "default_permissions:\n  issues: read\n",
		"cmd/a/main.go": issuesMain,
		"cmd/a/main_test.go": `package main

import (
	"net/http"
	"testing"
)

func TestContents(t *testing.T) { http.Get("https://api.github.com/repos/o/r/contents/x") }
`,
	}
}
