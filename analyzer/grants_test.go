package analyzer

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
)

// TestGrantsAnalysistest compares a program with its manifest under
// analysistest, which drops diagnostics in non-Go files: the findings at
// the manifest are anchored at the //ghperm:manifest directive.
func TestGrantsAnalysistest(t *testing.T) { grantsFixture(t, "grants.txtar") }

// TestPackageView checks that a package that makes a GitHub call is
// compared on its own with the grants of its module's root, which every
// main package uses: the missing grant is reported at its call too.
func TestPackageView(t *testing.T) { grantsFixture(t, "pkgview.txtar") }

// grantsFixture runs the analyzer on a fixture with go-github v92's stub,
// findings at the manifest anchored in Go files.
func grantsFixture(t *testing.T, fixture string) {
	t.Parallel()
	a := newTestAnalyzer(t, map[string]string{"excess-at": "go", "unresolved": "false"})
	dir := t.TempDir()
	extract(t, fixture, dir)
	extract(t, filepath.Join("stubs", "go-github-v92.txtar"), filepath.Join(dir, "_stubs", "go-github-v92"))
	analysistest.Run(t, dir, a, "./...")
}

// TestWorkflowFiles checks the conditional requirement of writing a
// GitHub Actions workflow file: workflows: write where the path is known
// to be in .github/workflows/, nothing more where it is known not to be.
func TestWorkflowFiles(t *testing.T) { grantsFixture(t, "workflow.txtar") }

// TestWorkflowUses checks what the comparison takes from calls that write
// a workflow file, do not, or may: one use each, and the least privilege
// holds workflows: write (and the workflow scope) for the first, a note
// for the last.
func TestWorkflowUses(t *testing.T) {
	t.Parallel()
	r := runFixture(t, "workflow.txtar", map[string]string{"go-github-v92.txtar": "_stubs/go-github-v92"}, nil)["example.com/app/cmd/bot"]
	cat, err := theCatalog()
	if err != nil {
		t.Fatal(err)
	}
	uses, _ := r.Result.(*Result).Uses(cat, r.Package.Fset, "")
	got := make(map[string]compare.Workflow)
	for _, u := range uses {
		got[u.Key()] = u.Workflow
	}
	want := map[string]compare.Workflow{
		"PUT /repos/{owner}/{repo}/contents/{path} (.github/workflows/)":    compare.WritesWorkflow,
		"PUT /repos/{owner}/{repo}/contents/{path}":                         compare.NoWorkflow,
		"DELETE /repos/{owner}/{repo}/contents/{path}":                      compare.MaybeWorkflow,
		"DELETE /repos/{owner}/{repo}/contents/{path} (.github/workflows/)": compare.WritesWorkflow,
	}
	if !maps.Equal(got, want) {
		t.Errorf("uses %v, want %v", got, want)
	}
	least := compare.LeastPrivilege(uses, nil, catalog.Installation, cat)
	var perms []string
	for _, n := range least.Permissions {
		perms = append(perms, n.Grant.String())
	}
	if !slices.Contains(perms, "workflows:write") || !slices.Contains(perms, "contents:write") {
		t.Errorf("least privilege %v, want contents:write and workflows:write", perms)
	}
	if !slices.Contains(least.Scopes, "workflow") {
		t.Errorf("scopes %v, want the workflow scope among them", least.Scopes)
	}
	for _, u := range uses {
		if note := u.Note(); (note != "") != (u.Workflow == compare.MaybeWorkflow) {
			t.Errorf("%s: note %q", u.Key(), note)
		}
	}
}

// TestDeclaredNeeds checks //ghperm:needs: declared GraphQL calls count
// in the comparison through a wrapper package's fact, wrong keys and
// levels get positioned errors with suggestions, and a declaration that
// disagrees with a resolved call's endpoint is reported.
func TestDeclaredNeeds(t *testing.T) {
	t.Parallel()
	a := newTestAnalyzer(t, map[string]string{"excess-at": "go", "unresolved": "false"})
	dir := t.TempDir()
	extract(t, "declared.txtar", dir)
	extract(t, filepath.Join("stubs", "go-github-v92.txtar"), filepath.Join(dir, "_stubs", "go-github-v92"))
	extract(t, filepath.Join("stubs", "githubv4.txtar"), filepath.Join(dir, "_stubs", "githubv4"))
	analysistest.Run(t, dir, a, "./...")
}
