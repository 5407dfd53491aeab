package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestLargegen keeps testdata/largegen, the generator of measure.sh's
// large module, honest: the module it writes has the packages and call
// sites it claims, builds and vets on the real go-github, and ghperm
// finds every call site, reaching across the chained wrappers.
func TestLargegen(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("generates and analyses a large package")
	}
	const packages, calls = 12, 7
	mod := filepath.Join(t.TempDir(), "large")
	gocmd(t, "../..", "run", "./testdata/largegen", "-o", mod,
		"-packages", fmt.Sprint(packages), "-calls", fmt.Sprint(calls), "-gosum", "testdata/example/go.sum")

	list, _ := goOutput(t, mod, "list", "./...")
	if got := len(strings.Fields(list)); got != packages+1 {
		t.Errorf("go list ./...: %d packages, want %d\n%s", got, packages+1, list)
	}
	gocmd(t, mod, "vet", "./...")

	res := runJSON(t, 1, "-C", mod, "-endpoints", "-json", "./...") // findings
	sites := map[string]bool{}
	categories := map[string]int{}
	for _, f := range res.Findings {
		categories[f.Category]++
		if f.Category != "excess-grant" {
			sites[fmt.Sprintf("%s:%d:%d", f.Position.File, f.Position.Line, f.Position.Col)] = true
		}
	}
	if want := packages*calls + packages; len(sites) != want {
		t.Errorf("ghperm found %d call sites, want %d", len(sites), want)
	}
	// app.yml misses actions and over-grants deployments.
	for _, c := range []string{"endpoint", "missing-grant", "excess-grant"} {
		if categories[c] == 0 {
			t.Errorf("no %s finding; got %v", c, categories)
		}
	}
}
