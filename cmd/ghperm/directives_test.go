package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestDirectiveProblems: two conflicting //ghperm:manifest directives in
// one program are an error (not first-wins); a bare directive and one in a
// package other than main are findings that say they are ignored and why.
func TestDirectiveProblems(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":        "module m\n\ngo 1.26\n",
		"app.yml":       "default_permissions:\n  issues: read\n",
		"cmd/a/a.yml":   "default_permissions:\n  issues: read\n",
		"cmd/a/b.yml":   "default_permissions:\n  contents: read\n",
		"cmd/a/main.go": "//ghperm:manifest a.yml\n" + issuesMain,
		"cmd/a/more.go": "//ghperm:manifest b.yml\npackage main\n",
		"cmd/b/main.go": "//ghperm:manifest\n" + issuesMain,
		"lib/lib.go":    "//ghperm:manifest ../app.yml\npackage lib\n",
	})
	out, stderr, code := runArgs(t, "-C", dir, "-json", "./...")
	if code != 2 {
		t.Errorf("exit %d, want 2 (a configuration error)\n%s", code, stderr)
	}
	var v struct {
		Findings []struct {
			Category, Message string
			Position          struct{ File string }
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range v.Findings {
		got = append(got, f.Position.File+": "+f.Category+": "+f.Message)
	}
	slices.Sort(got)
	want := []string{
		"cmd/a/more.go: manifest-error: conflicting //ghperm:manifest directives: b.yml here, a.yml at main.go:1; a program has one manifest",
		"cmd/b/main.go: manifest-error: //ghperm:manifest without a path is ignored: name the manifest, as in //ghperm:manifest app.yml",
		"lib/lib.go: manifest-error: //ghperm:manifest in package lib is ignored: it ties a manifest to a program, so it belongs in a main package",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
