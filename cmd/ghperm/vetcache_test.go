package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The go vet cache must not lie (issue 10): go vet caches a vet tool's
// output by the package's inputs and the tool's -V=full identity, so
// whatever else a cached result depends on must be in that identity.
// These modules call GitHub through net/http only: no dependencies.

const issuesMain = `package main

import "net/http"

func main() { http.Get("https://api.github.com/repos/o/r/issues") }
`

const contentsMain = `package main

import "net/http"

func main() { http.Get("https://api.github.com/repos/o/r/contents/README.md") }
`

// vetLines runs go vet -vettool=bin args in dir with env added and
// returns its diagnostics, sorted, with dir removed from file names.
func vetLines(t *testing.T, dir, bin string, env []string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOFLAGS="), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var out []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		l = strings.ReplaceAll(l, dir+string(filepath.Separator), "")
		if l != "" && !strings.HasPrefix(l, "#") && !strings.Contains(l, ": \t") {
			out = append(out, l)
		}
	}
	if err != nil && len(out) == 0 {
		t.Fatalf("go vet: %v\n%s", err, stderr.String())
	}
	slices.Sort(out)
	return out
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func wantLines(t *testing.T, step string, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: go vet says\n\t%s\nwant\n\t%s", step, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestVetCacheKey(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds ghperm and runs go vet")
	}
	bin := buildGhperm(t)

	// Issue 10, item 1: in a go.work workspace, go vet runs from the
	// workspace root, which has no go.mod; editing a module's manifest
	// must change the next result.
	t.Run("workspace", func(t *testing.T) {
		ws := t.TempDir()
		writeFiles(t, ws, map[string]string{
			"go.work":      "go 1.26\n\nuse (\n\t./a\n\t./b\n)\n",
			"a/go.mod":     "module a\n\ngo 1.26\n",
			"a/app.yml":    "default_permissions:\n  issues: read\n  contents: read\n",
			"a/main.go":    issuesMain,
			"b/go.mod":     "module b\n\ngo 1.26\n",
			"b/lib/lib.go": "package lib\n",
		})
		env := []string{"GOWORK="}
		wantLines(t, "before the edit", vetLines(t, ws, bin, env, "./a/..."),
			"a/app.yml:3:3: contents: read is granted but nothing needs contents")
		writeFiles(t, ws, map[string]string{"a/app.yml": "default_permissions:\n  issues: read\n  pages: read\n"})
		wantLines(t, "after editing a/app.yml", vetLines(t, ws, bin, env, "./a/..."),
			"a/app.yml:3:3: pages: read is granted but nothing needs pages")
	})

	// Item 2: the programs that share a manifest are part of a main
	// package's result (excess grants are reported only for a program
	// with its grants alone).
	t.Run("programs", func(t *testing.T) {
		mod := t.TempDir()
		writeFiles(t, mod, map[string]string{
			"go.mod":        "module m\n\ngo 1.26\n",
			"app.yml":       "default_permissions:\n  issues: read\n  contents: read\n",
			"cmd/a/main.go": issuesMain,
		})
		env := []string{"GOWORK=off"}
		wantLines(t, "cmd/a alone", vetLines(t, mod, bin, env, "./..."),
			"app.yml:3:3: contents: read is granted but nothing needs contents")
		writeFiles(t, mod, map[string]string{"cmd/b/main.go": contentsMain})
		wantLines(t, "after adding cmd/b", vetLines(t, mod, bin, env, "./..."),
			"cmd/a/main.go:1:9: the main packages cmd/a, cmd/b share their grants: excess grants are not reported, as go vet sees each program's needs alone; tie a manifest to each program with //ghperm:manifest")
		if err := os.RemoveAll(filepath.Join(mod, "cmd", "b")); err != nil {
			t.Fatal(err)
		}
		wantLines(t, "after removing cmd/b", vetLines(t, mod, bin, env, "./..."),
			"app.yml:3:3: contents: read is granted but nothing needs contents")
	})
}
