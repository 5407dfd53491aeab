package analyzer

import (
	"maps"
	"slices"
	"testing"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
)

// TestGrantFixtures runs the analyzer as golangci-lint is configured in
// the README (findings at the manifest anchored in Go files, which
// analysistest also requires) on the fixtures about grants, loaded
// together:
//   - grants.txtar: a program compared with its manifest;
//   - pkgview.txtar: with -callsite, a package compared on its own with
//     the module root's grants, its missing grant reported at its call;
//   - workflow.txtar: writing a GitHub Actions workflow file needs
//     workflows: write where the path is known to be in .github/workflows/,
//     nothing more where it is known not to be;
//   - declared.txtar: //ghperm:needs: declared GraphQL calls count in the
//     comparison through a wrapper package's fact, wrong keys and levels get
//     positioned errors with suggestions, and a declaration that disagrees
//     with a resolved call's endpoint is reported.
func TestGrantFixtures(t *testing.T) {
	t.Parallel()
	runWorkspace(t, newTestAnalyzer(t, map[string]string{"excess-at": "go", "unresolved": "false", "callsite": "true"}),
		"grants", "pkgview", "workflow", "declared")
}

// TestWorkflowUses checks what the comparison takes from calls that write
// a workflow file, do not, or may: one use each, and the least privilege
// holds workflows: write (and the workflow scope) for the first, a note
// for the last.
func TestWorkflowUses(t *testing.T) {
	t.Parallel()
	r := runFixture(t, nil)["example.com/workflow/cmd/bot"]
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
