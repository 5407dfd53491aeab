package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/report"
)

// TestNeedsExample computes the least privilege of the bundled example
// from its real calls and the real catalog.
func TestNeedsExample(t *testing.T) {
	t.Parallel()
	out, stderr, code := runArgs(t, "needs", "-C", exampleDir, "-format", "json", "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var n report.Needs
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	if n.Token != "installation" || n.Ghperm.Catalog == "" {
		t.Errorf("token %q, catalog %q", n.Token, n.Ghperm.Catalog)
	}
	// Labels and comments take issues:write or pull_requests:write;
	// listing pull requests needs pull_requests:read: issues:write is the
	// least addition, so pull_requests stays at read.
	got, _ := json.Marshal(n.Permissions)
	if want := `{"issues":"write","pull_requests":"read"}`; string(got) != want {
		t.Errorf("permissions %s, want %s", got, want)
	}
	if len(n.Events) != 1 || n.Events[0].Name != "issues" || n.Events[0].Permission != "issues:read" {
		t.Errorf("events %+v", n.Events)
	}
	var ops []string
	for _, e := range n.Endpoints {
		ops = append(ops, e.OperationID+"="+strings.Join(e.Chosen, "&"))
		if e.Status != report.StatusNeeded || len(e.Calls) != 1 || len(e.Calls[0].Chain) != 3 || e.Calls[0].Chain[0].Function != "main.main" || e.Calls[0].Position.File != "cmd/labelbot/main.go" {
			t.Errorf("endpoint %+v", e)
		}
	}
	if got, want := strings.Join(ops, " "), "issues/add-labels=issues:write issues/create-comment=issues:write pulls/list=pull_requests:read"; got != want {
		t.Errorf("endpoints %s, want %s", got, want)
	}
	if len(n.Unresolved) != 1 || n.Unresolved[0].Position.File != "internal/gh/gh.go" || len(n.Unresolved[0].Chain) != 3 {
		t.Errorf("unresolved %+v", n.Unresolved)
	}
}

func TestNeedsActionsYAML(t *testing.T) {
	t.Parallel()
	out, stderr, code := runArgs(t, "needs", "-C", exampleDir, "-token", "actions", "-format", "yaml", "./...")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"\npermissions:\n", "\n  issues: write", "\n  pull-requests: read"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "default_events") {
		t.Errorf("a workflow block has no events:\n%s", out)
	}
}

// TestNeedsDirective: needs reads the events of the manifest that a
// program's //ghperm:manifest directive names, not the module root's.
func TestNeedsDirective(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := extractModule(t, "../../testdata/bot.txtar")
	out, stderr, code := runArgs(t, "needs", "-C", dir, "-format", "json", "./cmd/events")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var n report.Needs
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	var events []string
	for _, e := range n.Events {
		events = append(events, e.Name+"="+e.Permission)
	}
	if got, want := strings.Join(events, " "), "pull_request=pull_requests:read issues=issues:read"; got != want {
		t.Errorf("events %s, want %s (from cmd/events/app.json)", got, want)
	}
}

// TestNeedsReachesNothing runs needs and check on a program whose only
// GitHub call is in a handler it never registers: needs lists the call
// as not reached and does not say "none", check reports it.
func TestNeedsReachesNothing(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := extractModule(t, filepath.Join("testdata", "idle.txtar"))
	out, stderr, code := runArgs(t, "needs", "-C", dir, "-format", "json", "./...")
	if code != 0 {
		t.Fatalf("needs: exit %d: %s", code, stderr)
	}
	var n report.Needs
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	if len(n.Endpoints) != 0 || len(n.Unreached) != 1 || n.Unreached[0].Position.File != "handler/handler.go" ||
		!strings.Contains(n.Unreached[0].Message, "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge") {
		t.Errorf("endpoints %+v, unreached %+v; want none, and the merge in handler/handler.go", n.Endpoints, n.Unreached)
	}
	text, _, _ := runArgs(t, "needs", "-C", dir, "./...")
	if !strings.Contains(text, "permissions: unknown: the program reaches none of the 1 GitHub call") || strings.Contains(text, "permissions: none") {
		t.Errorf("needs text:\n%s", text)
	}
	check, _, code := runArgs(t, "-C", dir, "./...")
	if code != 1 || !strings.Contains(check, "cmd/idle/main.go:2:9: the program reaches none of the 1 GitHub call in its packages") {
		t.Errorf("check: exit %d\n%s", code, check)
	}
}
