package report_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/ghperm/ghperm/report"
)

func needs(token string) *report.Needs {
	main := report.Step{Function: "main.main", Position: report.Position{File: "cmd/bot/main.go", Line: 20, Col: 12}}
	n := &report.Needs{
		Ghperm:      report.Config{Version: "v0.1.0", Catalog: "fpt-2026-03-10"},
		Token:       token,
		Permissions: map[string]string{"issues": "write", "pull_requests": "read"},
		Scopes:      []string{"repo"},
		Events:      []report.NeededEvent{{Name: "installation", Permission: "nothing", Default: true}, {Name: "issues", Permission: "issues:read"}},
		EventsFrom:  "manifest",
		Endpoints: []report.NeededEndpoint{
			{
				Endpoint:    report.Endpoint{Method: "POST", Path: "/repos/{owner}/{repo}/issues/{issue_number}/labels", OperationID: "issues/add-labels"},
				Status:      report.StatusNeeded,
				Requirement: [][]string{{"issues:write"}, {"pull_requests:write"}},
				Chosen:      []string{"issues:write"},
				Calls: []report.Call{{
					Position: report.Position{File: "internal/gh/gh.go", Line: 13, Col: 26},
					Chain:    []report.Step{main, {Function: "gh.Welcome", Position: report.Position{File: "internal/gh/gh.go", Line: 13, Col: 26}}},
				}},
			},
			{
				Endpoint:    report.Endpoint{Method: "GET", Path: "/repos/{owner}/{repo}/pulls", OperationID: "pulls/list"},
				Status:      report.StatusNeeded,
				Requirement: [][]string{{"pull_requests:read"}},
				Chosen:      []string{"pull_requests:read"},
				Calls:       []report.Call{{Position: report.Position{File: "internal/gh/gh.go", Line: 25, Col: 33}}},
			},
			{
				Endpoint: report.Endpoint{Method: "GET", Path: "/user", OperationID: "users/get-authenticated"},
				Status:   report.StatusUnusable,
				Calls:    []report.Call{{Position: report.Position{File: "internal/gh/gh.go", Line: 40, Col: 2}}},
			},
		},
		Unresolved: []report.Call{{
			Position: report.Position{File: "internal/gh/gh.go", Line: 32, Col: 14},
			Message:  "URL built at run time",
		}},
	}
	if token == "actions" {
		n.Permissions = map[string]string{"issues": "write", "pull-requests": "read"}
		n.Endpoints[1].Chosen = []string{"pull-requests:read"}
	}
	return n
}

func TestNeedsText(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteNeedsText(&buf, needs("installation")); err != nil {
		t.Fatal(err)
	}
	want := `ghperm v0.1.0 needs (installation token; catalog fpt-2026-03-10)

permissions:
  issues: write
      POST /repos/{owner}/{repo}/issues/{issue_number}/labels (issues/add-labels) needs issues:write | pull_requests:write
        called at internal/gh/gh.go:13:26 via main.main → gh.Welcome
  pull_requests: read
      GET /repos/{owner}/{repo}/pulls (pulls/list) needs pull_requests:read
        called at internal/gh/gh.go:25:33

endpoints the installation token cannot call:
  GET /user (users/get-authenticated)
    called at internal/gh/gh.go:40:2

OAuth scopes: repo

events (from the manifest):
  installation needs nothing (every GitHub App receives it without subscribing)
  issues needs issues:read

1 unresolved call: the permissions above may be incomplete
  internal/gh/gh.go:32:14: URL built at run time
`
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestNeedsYAML(t *testing.T) {
	for _, tc := range []struct{ token, want string }{
		{"installation", `# ghperm v0.1.0, least privilege for the installation token (catalog fpt-2026-03-10)
# incomplete: 1 unresolved call (run ghperm needs for the list)
default_permissions:
  issues: write # issues/add-labels
  pull_requests: read # pulls/list
default_events:
  - issues
`},
		{"actions", `# ghperm v0.1.0, least privilege for the actions token (catalog fpt-2026-03-10)
# incomplete: 1 unresolved call (run ghperm needs for the list)
permissions:
  issues: write # issues/add-labels
  pull-requests: read # pulls/list
`},
		{"oauth", `# ghperm v0.1.0, least privilege for the oauth token (catalog fpt-2026-03-10)
# incomplete: 1 unresolved call (run ghperm needs for the list)
scopes:
  - repo
`},
	} {
		var buf bytes.Buffer
		if err := report.WriteNeedsYAML(&buf, needs(tc.token)); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != tc.want {
			t.Errorf("%s: got:\n%s\nwant:\n%s", tc.token, got, tc.want)
		}
	}
}

func TestNeedsJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteNeedsJSON(&buf, needs("installation")); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"permissions": `{"issues":"write","pull_requests":"read"}`,
		"scopes":      `["repo"]`,
		"token":       `"installation"`,
		"ghperm":      `{"catalog":"fpt-2026-03-10","version":"v0.1.0"}`,
	} {
		var v any
		json.Unmarshal(doc[k], &v)
		got, _ := json.Marshal(v)
		if string(got) != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
	var eps []map[string]any
	json.Unmarshal(doc["endpoints"], &eps)
	if len(eps) != 3 || eps[0]["status"] != "needed" || eps[2]["status"] != "unusable" || eps[0]["method"] != "POST" || eps[0]["operation_id"] != "issues/add-labels" || eps[0]["calls"] == nil || eps[0]["requirement"] == nil {
		t.Errorf("endpoints = %v", eps)
	}

	// Nothing needed: empty arrays and objects, not null.
	buf.Reset()
	if err := report.WriteNeedsJSON(&buf, &report.Needs{Token: "installation"}); err != nil {
		t.Fatal(err)
	}
	var empty map[string]any
	json.Unmarshal(buf.Bytes(), &empty)
	for _, k := range []string{"permissions", "scopes", "endpoints", "unresolved"} {
		if empty[k] == nil {
			t.Errorf("%s is null or missing in\n%s", k, buf.String())
		}
	}
}

// TestNeedsReachesNothing: a program whose packages call GitHub but that
// reaches none of the calls is not said to need nothing, in any format.
func TestNeedsReachesNothing(t *testing.T) {
	n := &report.Needs{
		Ghperm: report.Config{Version: "v0.1.0", Catalog: "fpt-2026-03-10"},
		Token:  "installation",
		Unreached: []report.Call{{
			Position: report.Position{File: "internal/handler/pr.go", Line: 30, Col: 9},
			Message:  "(*github.PullRequestsService).Merge in (*handler.PR).Handle: PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge",
		}},
	}
	var text, yaml, js bytes.Buffer
	if err := report.WriteNeedsText(&text, n); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"permissions: unknown: the program reaches none of the 1 GitHub call in its packages (below)",
		"1 call not reached from main or any package's initialisation",
		"  internal/handler/pr.go:30:9: (*github.PullRequestsService).Merge in (*handler.PR).Handle: PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge",
	} {
		if !bytes.Contains(text.Bytes(), []byte(want)) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	if bytes.Contains(text.Bytes(), []byte("permissions: none")) {
		t.Errorf("text says none:\n%s", text.String())
	}
	if err := report.WriteNeedsYAML(&yaml, n); err != nil {
		t.Fatal(err)
	}
	if want := "# unknown: the program reaches none of the 1 GitHub call in its packages"; !bytes.Contains(yaml.Bytes(), []byte(want)) {
		t.Errorf("yaml lacks %q:\n%s", want, yaml.String())
	}
	if err := report.WriteNeedsJSON(&js, n); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Unreached []report.Call `json:"unreached"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil || len(got.Unreached) != 1 || got.Unreached[0].Position.Line != 30 {
		t.Errorf("json unreached %+v (%v):\n%s", got.Unreached, err, js.String())
	}
}
