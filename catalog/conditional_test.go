package catalog_test

import (
	"fmt"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

func TestWorkflowFiles(t *testing.T) {
	c := load(t)
	put := lookup(t, c, "PUT", "/repos/{owner}/{repo}/contents/{path}")
	for _, op := range []*catalog.Operation{put,
		lookup(t, c, "DELETE", "/repos/{owner}/{repo}/contents/{path}"),
		lookup(t, c, "POST", "/repos/{owner}/{repo}/git/refs"),
		lookup(t, c, "PATCH", "/repos/{owner}/{repo}/git/refs/{ref}"),
	} {
		if !op.WritesWorkflowFiles() {
			t.Errorf("%s: WritesWorkflowFiles false", op.Key())
		}
	}
	for _, key := range [][2]string{{"GET", "/repos/{owner}/{repo}/contents/{path}"}, {"POST", "/repos/{owner}/{repo}/issues"}} {
		if op := lookup(t, c, key[0], key[1]); op.WritesWorkflowFiles() {
			t.Errorf("%s: WritesWorkflowFiles true", op.Key())
		}
	}
	// A go-github Repositories.CreateFile of .github/workflows/ci.yml.
	if !catalog.IsWorkflowPath(".github/workflows/ci.yml") || catalog.IsWorkflowPath("docs/.github/workflows/ci.yml") || catalog.IsWorkflowPath(".github/workflows") {
		t.Error("IsWorkflowPath: wrong answer")
	}
	r := put.RequirementWritingWorkflow(catalog.Installation)
	if r.String() != "contents:write & workflows:write" || r.Evidence == "" {
		t.Errorf("PUT contents writing a workflow file: %q (evidence %q), want contents:write & workflows:write", r, r.Evidence)
	}
	if r := put.Requirement(catalog.Installation); !r.SatisfiedBy(map[string]catalog.Level{"contents": catalog.Write}) {
		t.Errorf("PUT contents of another file: %q should be satisfied by contents:write", r)
	}
	if got := fmt.Sprint(put.ScopesWritingWorkflow(catalog.AnyVisibility)); got != "[[repo workflow]]" {
		t.Errorf("PUT contents writing a workflow file, classic token: %s, want [[repo workflow]]", got)
	}
}

// "To receive the `rerequested` and `requested_action` event types, the
// app must have at least write-level access for the "Checks" permission."
func TestEventActionNeeds(t *testing.T) {
	c := load(t)
	for _, name := range []string{"check_run", "check_suite"} {
		ev, ok := c.Event(name)
		if !ok || len(ev.ActionNeeds) == 0 {
			t.Fatalf("%s: no action needs (%v)", name, ev)
		}
		got := fmt.Sprint(ev.ActionNeeds[0].Actions, ev.ActionNeeds[0].Needs)
		want := map[string]string{"check_run": "[rerequested requested_action] [checks:write]", "check_suite": "[requested rerequested] [checks:write]"}[name]
		if got != want || ev.ActionNeeds[0].Basis == "" {
			t.Errorf("%s: action needs %s (basis %q), want %s", name, got, ev.ActionNeeds[0].Basis, want)
		}
	}
}
