package manifest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestInputs(t *testing.T) {
	root := writeTree(t, map[string]string{
		"go.mod":                  "module x\n",
		"app.yml":                 "",
		"ghperm.yml":              "manifest: app.yml\n",
		"cmd/a/main.go":           "// Command a.\n//\n//ghperm:manifest ../../deploy/a.json\npackage main\n",
		"deploy/a.json":           "{}",
		"deploy/.ghperm.yml":      "token: user\n",
		"cmd/b/main.go":           "//ghperm:manifest ghperm.yml\npackage main\n",
		"cmd/b/ghperm.yml":        "token: actions\nworkflow: ../../.github/workflows/b.yml\n",
		"testdata/x/main.go":      "//ghperm:manifest nope.yml\npackage main\n",
		"sub/go.mod":              "module y\n",
		"sub/main.go":             "//ghperm:manifest other.yml\npackage main\n",
		"cmd/c/unrelated.go":      "package main // ghperm:manifest is not a directive here\n",
		".github/workflows/b.yml": "permissions: {}\n",
		// Past the head that is read of a file: read for package main,
		// ignored (as the analyzer ignores it) elsewhere.
		"cmd/d/main.go": "package main\n" + filler + "//ghperm:manifest d.yml\n",
		"cmd/d/d.yml":   "",
		"lib/lib.go":    "//ghperm:manifest lib.yml\npackage lib\n",
		"lib/lib.yml":   "",
	})
	got := Inputs(filepath.Join(root, "cmd", "a"))
	var rel []string
	for _, p := range got {
		r, err := filepath.Rel(root, p)
		if err != nil {
			t.Fatal(err)
		}
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{".github/workflows/b.yml", "app.yml", "cmd/b/ghperm.yml", "cmd/d/d.yml", "deploy/.ghperm.yml", "deploy/a.json", "ghperm.yml"}
	if !slices.Equal(rel, want) {
		t.Errorf("Inputs = %q\nwant     %q", rel, want)
	}
	if ModuleRoot(filepath.Join(root, "sub")) != filepath.Join(root, "sub") || ModuleRoot(filepath.Join(root, "cmd", "a")) != root {
		t.Error("ModuleRoot: want the nearest directory with a go.mod")
	}
}

// filler is more than the head of a .go file that the walk reads first.
var filler = strings.Repeat("// filler\n", goFileHead/10+1)

// TestReadGoFile: a file is read whole when it is package main or its
// package clause does not end within the head, else only the head.
func TestReadGoFile(t *testing.T) {
	name := strings.Repeat("p", 20)
	straddle := strings.Repeat("/", goFileHead-len("package ")-5) + "\npackage " + name + "\n" // the head ends in the name
	cases := []struct {
		name, src, pkg string
		whole          bool
	}{
		{"small", "package lib\n", "lib", true},
		{"library", "package lib\n" + filler, "lib", false},
		{"main", "package main\n" + filler, "main", true},
		{"long header", filler + "package lib\n", "lib", true},
		{"name across the head's end", straddle + filler, name, true},
		{"no clause", filler, "", true},
	}
	dir := t.TempDir()
	for _, c := range cases {
		path := filepath.Join(dir, "x.go")
		if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		pkg, data, err := readGoFile(path, 0)
		if err != nil || pkg != c.pkg {
			t.Errorf("%s: package %q, %v; want %q", c.name, pkg, err, c.pkg)
		}
		if want := c.src; !c.whole {
			if want = c.src[:goFileHead]; string(data) != want {
				t.Errorf("%s: read %d bytes, want the head (%d)", c.name, len(data), len(want))
			}
		} else if string(data) != want {
			t.Errorf("%s: read %d bytes, want all %d", c.name, len(data), len(want))
		}
	}
}

func TestSharers(t *testing.T) {
	root := writeTree(t, map[string]string{
		"go.mod":              "module x\n",
		"app.yml":             "",
		"cmd/a/main.go":       "package main\n",
		"cmd/a/main_test.go":  "package main_test\n",
		"cmd/b/b.go":          "// Command b.\npackage main\n",
		"cmd/c/main.go":       "//ghperm:manifest app.yml\npackage main\n",
		"cmd/c/app.yml":       "",
		"cmd/d/main.go":       "//ghperm:manifest ../../app.yml\npackage main\n",
		"internal/gen/gen.go": "//go:build ignore\n\npackage main\n",
		"internal/gen/lib.go": "package gen\n",
		"testdata/m/main.go":  "package main\n",
	})
	rel := func(dirs []string) []string {
		var out []string
		for _, d := range dirs {
			r, _ := filepath.Rel(root, d)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	var dirs []string
	for _, p := range programs(root) {
		dirs = append(dirs, p.Dir)
	}
	if got, want := rel(dirs), []string{"cmd/a", "cmd/b", "cmd/c", "cmd/d"}; !slices.Equal(got, want) {
		t.Errorf("Programs = %q, want %q", got, want)
	}
	if got, want := rel(Sharers(root, "")), []string{"cmd/a", "cmd/b", "cmd/d"}; !slices.Equal(got, want) {
		t.Errorf("Sharers of app.yml = %q, want %q", got, want)
	}
	if got, want := rel(Sharers(root, filepath.Join(root, "cmd", "c", "app.yml"))), []string{"cmd/c"}; !slices.Equal(got, want) {
		t.Errorf("Sharers of cmd/c/app.yml = %q, want %q", got, want)
	}
}

// TestGoverns checks when the module root's grants are every program's:
// not when a main package's directive names others.
func TestGoverns(t *testing.T) {
	files := map[string]string{
		"go.mod":        "module x\n",
		"app.yml":       "",
		"cmd/a/main.go": "package main\n",
		"cmd/d/main.go": "//ghperm:manifest ../../app.yml\npackage main\n",
	}
	if root := writeTree(t, files); !Governs(root) {
		t.Errorf("Governs = false with every program on the root's app.yml")
	}
	files["cmd/c/main.go"] = "//ghperm:manifest app.yml\npackage main\n"
	files["cmd/c/app.yml"] = ""
	if root := writeTree(t, files); Governs(root) {
		t.Error("Governs = true while cmd/c names its own app.yml")
	}
}

// TestInputsDiscoveredWorkflows checks that with token: actions and no
// workflow: named, the workflows ghperm may discover are among the vet
// tool's inputs: editing one changes go vet's result.
func TestInputsDiscoveredWorkflows(t *testing.T) {
	root := writeTree(t, map[string]string{
		"go.mod":                     "module x\n",
		"ghperm.yml":                 "token: actions\n",
		".github/workflows/a.yml":    "jobs: {}\n",
		".github/workflows/b.yaml":   "jobs: {}\n",
		".github/workflows/notes.md": "",
	})
	got := Inputs(root)
	for _, want := range []string{"ghperm.yml", ".github/workflows/a.yml", ".github/workflows/b.yaml"} {
		if !slices.Contains(got, filepath.Join(root, filepath.FromSlash(want))) {
			t.Errorf("Inputs = %q, want %s among them", got, want)
		}
	}
	if slices.Contains(got, filepath.Join(root, ".github", "workflows", "notes.md")) {
		t.Errorf("Inputs = %q: notes.md is not a workflow", got)
	}
}
