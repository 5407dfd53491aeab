package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGolden with what ghperm prints")

// TestGolden compares what every output format of check and needs prints
// for the bundled example with testdata/golden, byte for byte (the
// absolute directory of the run written $ROOT, the repository's $REPO).
// After a change of output, `go test ./cmd/ghperm -run TestGolden
// -update` rewrites the files; review their diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs(exampleDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		golden string
		args   []string
		code   int
	}{
		{"check.txt", []string{"./..."}, 1},
		{"check.json", []string{"-format", "json", "./..."}, 1},
		{"check.sarif", []string{"-format", "sarif", "./..."}, 1},
		// The wrapper package alone, with -callsite: its own call
		// compared with the module's app.yml, as an editor linting that
		// package sees it.
		{"check-wrapper.json", []string{"-callsite", "-format", "json", "./internal/gh"}, 1},
		{"needs.txt", []string{"needs", "./..."}, 0},
		{"needs.json", []string{"needs", "-format", "json", "./..."}, 0},
		{"needs.yaml", []string{"needs", "-format", "yaml", "./..."}, 0},
		{"needs-oauth.txt", []string{"needs", "-token", "oauth", "./..."}, 0},
		{"needs-actions.yaml", []string{"needs", "-token", "actions", "-format", "yaml", "./..."}, 0},
		{"needs-actions.json", []string{"needs", "-token", "actions", "-format", "json", "./..."}, 0},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			args := tc.args
			if args[0] == "needs" {
				args = append([]string{"needs", "-C", exampleDir}, args[1:]...)
			} else {
				args = append([]string{"-C", exampleDir}, args...)
			}
			out, stderr, code := runArgs(t, args...)
			if code != tc.code {
				t.Fatalf("ghperm %s: exit %d, want %d\n%s", strings.Join(args, " "), code, tc.code, stderr)
			}
			got := strings.ReplaceAll(out, filepath.ToSlash(root), "$ROOT")
			// SARIF's %SRCROOT% is the repository's root (the directory
			// with .git above the example).
			got = strings.ReplaceAll(got, "file://"+filepath.ToSlash(filepath.Dir(filepath.Dir(root)))+"/", "file://$REPO/")
			file := filepath.Join("testdata", "golden", tc.golden)
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (go test -run TestGolden -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("ghperm %s differs from %s (go test -run TestGolden -update rewrites it):\n%s", strings.Join(args, " "), file, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, wl, gl)
		}
	}
	return "(same lines)"
}
