package analyzer

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/txtar"
)

// newTestAnalyzer returns a fresh Analyzer with flags set.
func newTestAnalyzer(t *testing.T, flags map[string]string) *analysis.Analyzer {
	a := newAnalyzer(loadEndpointData)
	for k, v := range flags {
		if err := a.Flags.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// extract writes the files of a txtar archive under dir.
func extract(t *testing.T, name, dir string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(ar)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
}

// TestFixtures runs the analyzer on fixture modules: a txtar archive of
// the module, with client library stubs (testdata/stubs) extracted where
// the fixture's go.mod replaces them from, or vendors them.
func TestFixtures(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		stubs   map[string]string // stub archive → directory
	}{
		{"gogithub.txtar", map[string]string{"go-github-v92.txtar": "_stubs/go-github-v92"}},
		{"majors.txtar", map[string]string{
			"go-github-v56.txtar": "_stubs/go-github-v56",
			"go-github-v74.txtar": "_stubs/go-github-v74",
			"go-github-v92.txtar": "_stubs/go-github-v92",
		}},
		{"clients.txtar", map[string]string{
			"go-gh-v1.txtar": "_stubs/go-gh-v1",
			"go-gh-v2.txtar": "_stubs/go-gh-v2",
			"githubv4.txtar": "_stubs/githubv4",
		}},
		{"vendored.txtar", map[string]string{"go-github-v92.txtar": "vendor/github.com/google/go-github/v92"}},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			dir := t.TempDir()
			extract(t, tc.fixture, dir)
			for stub, sub := range tc.stubs {
				extract(t, filepath.Join("stubs", stub), filepath.Join(dir, sub))
			}
			analysistest.Run(t, dir, newTestAnalyzer(t, map[string]string{"endpoints": "true"}), "./...")
		})
	}
}
