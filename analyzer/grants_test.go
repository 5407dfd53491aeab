package analyzer

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestGrantsAnalysistest compares a program with its manifest under
// analysistest, which drops diagnostics in non-Go files: the findings at
// the manifest are anchored at the //ghperm:manifest directive.
func TestGrantsAnalysistest(t *testing.T) {
	a := newTestAnalyzer(t, map[string]string{"excess-at": "go", "unresolved": "false"})
	dir := t.TempDir()
	extract(t, "grants.txtar", dir)
	extract(t, filepath.Join("stubs", "go-github-v92.txtar"), filepath.Join(dir, "_stubs", "go-github-v92"))
	analysistest.Run(t, dir, a, "./...")
}
