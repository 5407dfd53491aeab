package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func endpointJSONOf(t *testing.T, args ...string) map[string]json.RawMessage {
	t.Helper()
	out, errs, code := runArgs(t, append([]string{"endpoint", "-json"}, args...)...)
	if code != 0 {
		t.Fatalf("ghperm endpoint -json %v: exit %d, stderr %s", args, code, errs)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("ghperm endpoint -json %v: %v\n%s", args, err, out)
	}
	return m
}

// sets decodes a requirement field: nil for JSON null.
func sets(t *testing.T, raw json.RawMessage) [][]string {
	t.Helper()
	var s [][]string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEndpointConcretePath(t *testing.T) {
	t.Parallel()
	m := endpointJSONOf(t, "get", "/repos/octo/hello/pulls/42")
	var path, id string
	json.Unmarshal(m["path"], &path)
	json.Unmarshal(m["operation_id"], &id)
	if path != "/repos/{owner}/{repo}/pulls/{pull_number}" || id != "pulls/get" {
		t.Errorf("path %q operation_id %q, want the pulls/get template", path, id)
	}
	inst := sets(t, m["installation"])
	want := [][]string{{"pull_requests:read"}, {"contents:read"}}
	for _, w := range want {
		if !slices.ContainsFunc(inst, func(s []string) bool { return slices.Equal(s, w) }) || len(inst) != len(want) {
			t.Errorf("installation = %v, want the alternatives %v", inst, want)
		}
	}
	for _, field := range []string{"method", "docs_url", "user", "fine_grained", "scopes"} {
		if _, ok := m[field]; !ok {
			t.Errorf("no %q in output", field)
		}
	}
}

func TestEndpointTemplateWithOtherNames(t *testing.T) {
	t.Parallel()
	m := endpointJSONOf(t, "GET", "/repos/{o}/{r}/pulls/{number}")
	var id string
	if err := json.Unmarshal(m["operation_id"], &id); err != nil || id != "pulls/get" {
		t.Errorf("operation_id %q, want pulls/get", id)
	}
	// Several templates of the same shape stay ambiguous.
	if _, errs, code := runArgs(t, "endpoint", "GET", "/repos/{}/{}/{}"); code != 2 || !strings.Contains(errs, "several endpoints") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestEndpointNothingAndNotUsable(t *testing.T) {
	t.Parallel()
	m := endpointJSONOf(t, "GET", "/rate_limit")
	if s := sets(t, m["installation"]); s == nil || len(s) != 0 {
		t.Errorf("GET /rate_limit installation = %s, want []", m["installation"])
	}
	m = endpointJSONOf(t, "GET", "/app")
	for _, field := range []string{"installation", "user", "fine_grained", "scopes"} {
		if string(m[field]) != "null" {
			t.Errorf("GET /app %s = %s, want null", field, m[field])
		}
	}
	if string(m["app_jwt"]) != "true" {
		t.Errorf("GET /app app_jwt = %s, want true", m["app_jwt"])
	}
	m = endpointJSONOf(t, "GET", "/user/installations")
	if sets(t, m["user"]) == nil || string(m["installation"]) != "null" {
		t.Errorf("GET /user/installations: user %s installation %s, want usable only with user tokens", m["user"], m["installation"])
	}
}

func TestEndpointUnknown(t *testing.T) {
	t.Parallel()
	_, errs, code := runArgs(t, "endpoint", "GET", "/repos/octo/hello/pullz/42")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errs, "GET /repos/{owner}/{repo}/pulls/{pull_number}") {
		t.Errorf("stderr does not name the closest endpoint:\n%s", errs)
	}
}

func TestEndpointPlan(t *testing.T) {
	t.Parallel()
	// Agent tasks exist on api.github.com but not on GHES 3.17.
	if _, _, code := runArgs(t, "endpoint", "GET", "/agents/tasks"); code != 0 {
		t.Errorf("api.github.com: exit %d, want 0", code)
	}
	if _, errs, code := runArgs(t, "endpoint", "-plan", "ghes-3.17", "GET", "/agents/tasks"); code != 2 || !strings.Contains(errs, "is on api.github.com") {
		t.Errorf("ghes-3.17: exit %d, stderr %q; want 2 and the plans that have it", code, errs)
	}
	// Enterprise administration exists only on GHES.
	if out, _, code := runArgs(t, "endpoint", "-plan", "ghes-3.19", "GET", "/admin/hooks"); code != 0 || !strings.Contains(out, "ghes-3.19") {
		t.Errorf("ghes-3.19 GET /admin/hooks: exit %d, output %q", code, out)
	}
	if _, errs, code := runArgs(t, "endpoint", "-plan", "ghes-2.0", "GET", "/rate_limit"); code != 2 || !strings.Contains(errs, "unknown plan") {
		t.Errorf("bad plan: exit %d, stderr %q", code, errs)
	}
}

func TestEndpointText(t *testing.T) {
	t.Parallel()
	out, _, code := runArgs(t, "endpoint", "DELETE", "/repos/{owner}/{repo}")
	if code != 0 || !strings.Contains(out, "delete_repo") || !strings.Contains(out, "administration:write") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// An operation in GitHub's fine-grained endpoint list whose permission the
// permission data lacks: not "nothing needed" (JSON []) but unknown.
func TestEndpointFineGrainedPermissionUnknown(t *testing.T) {
	t.Parallel()
	m := endpointJSONOf(t, "GET", "/repos/{owner}/{repo}/agents/secrets")
	if string(m["fine_grained"]) != "null" || !strings.Contains(string(m["unknown"]), `"fine_grained"`) {
		t.Errorf("fine_grained %s, unknown %s: want null and listed as unknown", m["fine_grained"], m["unknown"])
	}
	out, _, code := runArgs(t, "endpoint", "GET", "/repos/{owner}/{repo}/agents/secrets")
	if code != 0 || !strings.Contains(out, "fine-grained PAT:    usable, permission unknown") {
		t.Errorf("exit %d, text:\n%s", code, out)
	}
}

// Routes by numeric ID resolve to their canonical operation; an alias of a
// removed operation is not found, and the message says what it stands for.
func TestEndpointAlias(t *testing.T) {
	t.Parallel()
	out, errs, code := runArgs(t, "endpoint", "GET", "/repositories/42/issues")
	if code != 0 || !strings.Contains(out, "GET /repos/{owner}/{repo}/issues  (issues/list-for-repo)") || !strings.Contains(out, "alias /repositories/{repository_id}") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	if m := endpointJSONOf(t, "GET", "/organizations/{organization_id}/team/{team_id}/members"); string(m["operation_id"]) != `"teams/list-members-in-org"` {
		t.Errorf("team alias: operation_id %s", m["operation_id"])
	}
	_, errs, code = runArgs(t, "endpoint", "GET", "/organizations/{organization_id}/team/{team_id}/projects")
	if code != 2 || !strings.Contains(errs, "alias of /orgs/{org}/teams/{team_slug}/projects") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
}

// A file path with slashes is the {path} of /contents/{path}
// (x-multi-segment in GitHub's description).
func TestEndpointMultiSegment(t *testing.T) {
	t.Parallel()
	if m := endpointJSONOf(t, "PUT", "/repos/o/r/contents/docs/a/b.md"); string(m["operation_id"]) != `"repos/create-or-update-file-contents"` {
		t.Errorf("operation_id %s, want repos/create-or-update-file-contents", m["operation_id"])
	}
}

// The bars of issue 9: release asset uploads, OAuth scope rules and the
// repositories' visibility.
func TestEndpointIssue9(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args  []string
		field string
		want  string // JSON of the field, compact
	}{
		{[]string{"POST", "/repos/o/r/releases/1/assets"}, "installation", `[["contents:write"]]`},
		{[]string{"GET", "/notifications"}, "scopes", `[["notifications"],["repo"]]`},
		{[]string{"POST", "/repos/{owner}/{repo}/check-runs"}, "scopes", `null`},
		{[]string{"POST", "/repos/{owner}/{repo}/hooks/{hook_id}/pings"}, "scopes", `[["read:repo_hook"]]`},
		{[]string{"-visibility", "public", "POST", "/repos/o/r/issues"}, "scopes", `[["public_repo"]]`},
		{[]string{"-visibility", "public", "GET", "/repos/o/r/issues"}, "scopes", `[]`},
		{[]string{"POST", "/repos/o/r/issues"}, "scopes", `[["repo"]]`},
	}
	// Repositories.CreateFile of .github/workflows/ci.yml.
	var wf struct {
		Installation [][]string `json:"installation"`
		Scopes       [][]string `json:"scopes"`
	}
	if err := json.Unmarshal(endpointJSONOf(t, "PUT", "/repos/o/r/contents/.github/workflows/ci.yml")["workflow_file"], &wf); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(wf.Installation, wf.Scopes) != "[[contents:write workflows:write]] [[repo workflow]]" {
		t.Errorf("writing a workflow file: %v %v, want contents:write & workflows:write, repo & workflow", wf.Installation, wf.Scopes)
	}
	for _, tt := range tests {
		var got bytes.Buffer
		if err := json.Compact(&got, endpointJSONOf(t, tt.args...)[tt.field]); err != nil {
			t.Fatal(err)
		}
		if got.String() != tt.want {
			t.Errorf("ghperm endpoint -json %v: %s %s, want %s", tt.args, tt.field, got.String(), tt.want)
		}
	}
	if _, errs, code := runArgs(t, "endpoint", "-visibility", "internal", "GET", "/notifications"); code != 2 || !strings.Contains(errs, "visibility") {
		t.Errorf("-visibility internal: exit %d, stderr %s", code, errs)
	}
}
