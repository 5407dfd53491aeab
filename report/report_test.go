package report_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/internal/sariftest"
	"github.com/ghperm/ghperm/report"
)

var config = report.Config{Version: "v0.1.0", Catalog: "fpt-2026-03-10", Root: "/src/app"}

// findings is a fixed stream as a driver sends it: unsorted, with a
// duplicate (the same diagnostic from a package and its test variant).
func findings() []*report.Finding {
	missing := &report.Finding{
		Category:    "missing-grant",
		Message:     "POST /repos/{owner}/{repo}/issues needs issues:write, not granted by app.yml",
		Position:    report.Position{File: "internal/gh/issues.go", Line: 14, Col: 9, EndLine: 14, EndCol: 40},
		URL:         "https://pkg.go.dev/github.com/ghperm/ghperm/analyzer#missing-grant",
		Endpoint:    &report.Endpoint{Method: "POST", Path: "/repos/{owner}/{repo}/issues", OperationID: "issues/create"},
		Requirement: [][]string{{"issues:write"}},
		Manifest:    &report.Position{File: "app.yml", Line: 4, Col: 1},
		Chain: []report.Step{
			{Function: "main.main", Position: report.Position{File: "cmd/bot/main.go", Line: 20, Col: 12}},
			{Function: "gh.OpenIssue", Position: report.Position{File: "internal/gh/issues.go", Line: 14, Col: 9}},
		},
	}
	dup := *missing
	return []*report.Finding{
		{
			Category: "excess-grant",
			Message:  "administration:write is granted but no call needs it",
			Position: report.Position{File: "app.yml", Line: 6, Col: 3},
			Manifest: &report.Position{File: "app.yml", Line: 6, Col: 3}, // not repeated in text and SARIF
			Related: []report.Related{
				{Message: "manifest of main package example.com/bot/cmd/bot", Position: report.Position{File: "cmd/bot/main.go", Line: 1, Col: 1}},
			},
		},
		missing,
		{
			Category: "unresolved",
			Message:  "cannot resolve the URL of this request: it is built at run time",
			Position: report.Position{File: "internal/gh/raw.go", Line: 30, Col: 2},
		},
		&dup,
	}
}

func render(t *testing.T, h report.Handler, fs []*report.Finding) {
	t.Helper()
	if err := h.Config(&config); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if err := h.Finding(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Flush(); err != nil {
		t.Fatal(err)
	}
}

func TestText(t *testing.T) {
	var buf bytes.Buffer
	render(t, report.NewTextHandler(&buf), findings())
	want := `== missing-grant (1): A GitHub API call needs a permission that the manifest does not grant
internal/gh/issues.go:14:9: POST /repos/{owner}/{repo}/issues needs issues:write, not granted by app.yml [missing-grant]
	endpoint: POST /repos/{owner}/{repo}/issues (issues/create)
	needs: issues:write
	manifest: app.yml:4:1
	call chain:
		main.main @ cmd/bot/main.go:20:12
		gh.OpenIssue @ internal/gh/issues.go:14:9

== excess-grant (1): The manifest grants a permission that no GitHub API call needs
app.yml:6:3: administration:write is granted but no call needs it [excess-grant]
	cmd/bot/main.go:1:1: manifest of main package example.com/bot/cmd/bot

== unresolved (1): A GitHub API call whose endpoint cannot be determined statically
internal/gh/raw.go:30:2: cannot resolve the URL of this request: it is built at run time [unresolved]

ghperm v0.1.0: 3 findings: 1 missing-grant, 1 excess-grant, 1 unresolved (catalog fpt-2026-03-10)
`
	if got := buf.String(); got != want {
		t.Errorf("text output:\n%s\nwant:\n%s", got, want)
	}
}

func TestTextNoFindings(t *testing.T) {
	var buf bytes.Buffer
	render(t, report.NewTextHandler(&buf), nil)
	if got, want := buf.String(), "ghperm v0.1.0: no findings (catalog fpt-2026-03-10)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	render(t, report.NewJSONHandler(&buf), findings())

	// The field names are a stable interface: decode generically.
	var doc struct {
		Ghperm   map[string]string `json:"ghperm"`
		Findings []map[string]any  `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if doc.Ghperm["version"] != "v0.1.0" || doc.Ghperm["catalog"] != "fpt-2026-03-10" || len(doc.Ghperm) != 2 {
		t.Errorf("ghperm = %v", doc.Ghperm)
	}
	var cats []string
	for _, f := range doc.Findings {
		cats = append(cats, f["category"].(string))
	}
	// Sorted by file, line and column; the duplicate is gone.
	if got, want := strings.Join(cats, ","), "excess-grant,missing-grant,unresolved"; got != want {
		t.Errorf("categories = %s, want %s", got, want)
	}
	m := doc.Findings[1]
	wantJSON := map[string]string{
		"position":    `{"col":9,"end_col":40,"end_line":14,"file":"internal/gh/issues.go","line":14}`,
		"endpoint":    `{"method":"POST","operation_id":"issues/create","path":"/repos/{owner}/{repo}/issues"}`,
		"requirement": `[["issues:write"]]`,
		"manifest":    `{"col":1,"file":"app.yml","line":4}`,
		"chain":       `[{"function":"main.main","position":{"col":12,"file":"cmd/bot/main.go","line":20}},{"function":"gh.OpenIssue","position":{"col":9,"file":"internal/gh/issues.go","line":14}}]`,
		"url":         `"https://pkg.go.dev/github.com/ghperm/ghperm/analyzer#missing-grant"`,
	}
	for k, want := range wantJSON {
		got, _ := json.Marshal(m[k])
		if string(got) != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
}

func TestJSONNoFindings(t *testing.T) {
	var buf bytes.Buffer
	render(t, report.NewJSONHandler(&buf), nil)
	if !strings.Contains(buf.String(), `"findings": []`) {
		t.Errorf("want an empty findings array, got\n%s", buf.String())
	}
}

func TestSARIFSchema(t *testing.T) {
	for _, tc := range []struct {
		name string
		fs   []*report.Finding
	}{{"findings", findings()}, {"empty", nil}} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			render(t, report.NewSARIFHandler(&buf), tc.fs)
			if err := sariftest.Validate(buf.Bytes()); err != nil {
				t.Errorf("SARIF output does not validate: %v\n%s", err, buf.String())
			}
		})
	}
}

// TestSARIFSchemaRejects shows the schema check can fail: a log whose
// result lacks a message is invalid.
func TestSARIFSchemaRejects(t *testing.T) {
	bad := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"ghperm"}},"results":[{"ruleId":"x"}]}]}`
	if err := sariftest.Validate([]byte(bad)); err == nil {
		t.Error("invalid SARIF validated")
	}
}

func TestSARIF(t *testing.T) {
	var buf bytes.Buffer
	render(t, report.NewSARIFHandler(&buf), findings())
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID      string
						HelpURI string
					}
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Properties         map[string]string
			Results            []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
				Message             struct{ Text string }
				PartialFingerprints map[string]string
				RelatedLocations    []struct {
					ID      int
					Message struct{ Text string }
				}
				CodeFlows []struct {
					ThreadFlows []struct {
						Locations []struct {
							Location struct{ Message struct{ Text string } }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "ghperm" || run.Tool.Driver.Version != "v0.1.0" || run.Properties["catalog"] != "fpt-2026-03-10" {
		t.Errorf("driver %+v, properties %v", run.Tool.Driver, run.Properties)
	}
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///src/app/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
		if !strings.HasSuffix(r.HelpURI, "#"+r.ID) {
			t.Errorf("rule %s helpUri %s", r.ID, r.HelpURI)
		}
	}
	// Every rule, results or not.
	if got, want := strings.Join(ids, ","), "missing-grant,excess-grant,unusable-endpoint,missing-event,excess-event,unknown-requirement,manifest-error,shared-manifest,unreached,no-grants,declared-needs,unused-ignore,unresolved,endpoint"; got != want {
		t.Errorf("rules = %s, want %s", got, want)
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	excess, missing := run.Results[0], run.Results[1]
	if excess.RuleID != "excess-grant" || excess.Level != "warning" || ids[excess.RuleIndex] != "excess-grant" {
		t.Errorf("excess result %+v", excess)
	}
	loc := excess.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "app.yml" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine != 6 {
		t.Errorf("excess location %+v", loc)
	}
	if missing.Level != "error" || len(missing.RelatedLocations) != 1 || missing.RelatedLocations[0].Message.Text != "manifest" ||
		missing.RelatedLocations[0].ID != 1 || !strings.HasSuffix(missing.Message.Text, "; see [manifest](1)") {
		t.Errorf("missing result %+v", missing)
	}
	for _, r := range run.Results {
		if !regexp.MustCompile(`^[0-9a-f]{32}:1$`).MatchString(r.PartialFingerprints["ghperm/v1"]) {
			t.Errorf("%s: partialFingerprints %v", r.RuleID, r.PartialFingerprints)
		}
	}
	if len(missing.CodeFlows) != 1 || len(missing.CodeFlows[0].ThreadFlows[0].Locations) != 2 ||
		missing.CodeFlows[0].ThreadFlows[0].Locations[0].Location.Message.Text != "main.main" {
		t.Errorf("missing code flow %+v", missing.CodeFlows)
	}
}

func TestRelPath(t *testing.T) {
	for _, tc := range []struct{ root, file, want string }{
		{"/src/app", "/src/app/cmd/bot/main.go", "cmd/bot/main.go"},
		{"/src/app", "/src/application/x.go", "/src/application/x.go"},
		{"/src/app", "/go/pkg/mod/x.go", "/go/pkg/mod/x.go"},
		{"", "/src/app/x.go", "/src/app/x.go"},
	} {
		if got := report.RelPath(tc.root, tc.file); got != tc.want {
			t.Errorf("RelPath(%q, %q) = %q, want %q", tc.root, tc.file, got, tc.want)
		}
	}
}

// sarifRun renders fs with cfg as SARIF and returns the run's driver
// and results.
func sarifRun(t *testing.T, cfg report.Config, fs []*report.Finding) (driver map[string]any, results []map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	h := report.NewSARIFHandler(&buf)
	h.Config(&cfg)
	for _, f := range fs {
		h.Finding(f)
	}
	if err := h.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := sariftest.Validate(buf.Bytes()); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	var log struct {
		Runs []struct {
			Tool    struct{ Driver map[string]any }
			Results []map[string]any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return log.Runs[0].Tool.Driver, log.Runs[0].Results
}

// TestSARIFFingerprints: a result keeps its fingerprint when lines move;
// two results with the same subject in a file get distinct ones.
func TestSARIFFingerprints(t *testing.T) {
	fingerprints := func(shift int) []string {
		fs := findings()
		fs = append(fs, &report.Finding{
			Category: "unresolved",
			Message:  "cannot resolve the URL of this request: it is built at run time",
			Position: report.Position{File: "internal/gh/raw.go", Line: 40, Col: 2},
		})
		for _, f := range fs {
			f.Position.Line += shift
		}
		_, results := sarifRun(t, config, fs)
		var out []string
		for _, r := range results {
			out = append(out, r["partialFingerprints"].(map[string]any)["ghperm/v1"].(string))
		}
		return out
	}
	before, after := fingerprints(0), fingerprints(7)
	if strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("fingerprints change when lines move:\n%v\n%v", before, after)
	}
	if len(before) != 4 || before[2] == before[3] || !strings.HasSuffix(before[3], ":2") {
		t.Errorf("fingerprints %v: want 4, the last two distinct", before)
	}
}

// TestSARIFRepoRoot: with the module in a subfolder of its repository,
// URIs are relative to the repository (%SRCROOT%), and files outside it
// are absolute.
func TestSARIFRepoRoot(t *testing.T) {
	cfg := config
	cfg.Root, cfg.SrcRoot, cfg.Version = "/src/repo/bot", "/src/repo", "v1.2.3"
	driver, results := sarifRun(t, cfg, []*report.Finding{
		{Category: "excess-grant", Message: "m", Position: report.Position{File: "app.yml", Line: 2, Col: 3}},
		{Category: "unresolved", Message: "m", Position: report.Position{File: "/elsewhere/x.go", Line: 2, Col: 3}},
	})
	if driver["semanticVersion"] != "1.2.3" {
		t.Errorf("semanticVersion %v, want 1.2.3", driver["semanticVersion"])
	}
	var uris []string
	for _, r := range results {
		loc, _ := json.Marshal(r["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["artifactLocation"])
		uris = append(uris, string(loc))
	}
	if got, want := strings.Join(uris, " "), `{"uri":"file:///elsewhere/x.go"} {"uri":"bot/app.yml","uriBaseId":"%SRCROOT%"}`; got != want {
		t.Errorf("artifact locations %s, want %s", got, want)
	}
}
