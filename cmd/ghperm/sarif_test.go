package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/internal/sariftest"
	"github.com/ghperm/ghperm/report"
)

// sarifLog is what the tests read of ghperm's SARIF.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				SemanticVersion string
				Rules           []struct {
					ID      string
					HelpURI string
					Help    struct{ Text, Markdown string }
				}
			}
		}
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Results            []sarifResult
	}
}

type sarifResult struct {
	RuleID              string
	Message             struct{ Text string }
	Locations           []sarifLoc
	RelatedLocations    []sarifLoc
	PartialFingerprints map[string]string
}

type sarifLoc struct {
	ID               int
	PhysicalLocation struct {
		ArtifactLocation struct{ URI, URIBaseID string }
		Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
	}
}

func (l sarifLoc) String() string {
	p := l.PhysicalLocation
	return fmt.Sprintf("%s%s:%d:%d-%d:%d", p.ArtifactLocation.URIBaseID, p.ArtifactLocation.URI,
		p.Region.StartLine, p.Region.StartColumn, p.Region.EndLine, p.Region.EndColumn)
}

// readSARIF validates out against the SARIF 2.1.0 schema and decodes it.
func readSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	if err := sariftest.Validate([]byte(out)); err != nil {
		t.Fatalf("SARIF does not validate: %v\n%s", err, out)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("SARIF: %v, %d runs", err, len(log.Runs))
	}
	return log
}

// TestSARIFCodeScanning: issue 11. For a module in a subfolder of a git
// repository, the SARIF locates results relative to the repository root
// (%SRCROOT%), with full regions for missing and excess grants, related
// locations linked from the message, every rule, and fingerprints that
// stay the same when lines move.
func TestSARIFCodeScanning(t *testing.T) {
	ownModule(t)
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not on PATH: the test makes a repository with the module in a subfolder")
	}
	repo := t.TempDir()
	if out, err := exec.Command(git, "init", "-q", repo).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	bot := filepath.Join(repo, "bot")
	files := map[string]string{
		"go.mod":       "module m\n\ngo 1.26\n",
		"app.yml":      "default_permissions:\n  contents: read\n  administration: write\n",
		"cmd/a/a.go":   issuesMain,
		"cmd/a/doc.go": "// Command a lists issues.\npackage main\n",
	}
	writeFiles(t, bot, files)
	run := func() sarifLog {
		out, stderr, code := runArgs(t, "-C", bot, "-format", "sarif", "./...")
		if code != 1 {
			t.Fatalf("exit %d, want 1: %s", code, stderr)
		}
		return readSARIF(t, out)
	}
	before := run()
	r := before.Runs[0]
	if got, want := r.OriginalURIBaseIDs["%SRCROOT%"].URI, "file://"+filepath.ToSlash(repo)+"/"; got != want {
		t.Errorf("%%SRCROOT%% = %s, want %s", got, want)
	}
	if len(r.Tool.Driver.Rules) != len(report.Categories()) {
		t.Errorf("%d rules, want all %d", len(r.Tool.Driver.Rules), len(report.Categories()))
	}
	var locs []string
	for _, res := range r.Results {
		locs = append(locs, res.RuleID+" "+res.Locations[0].String())
		for _, l := range append(res.RelatedLocations, res.Locations...) {
			if u := l.PhysicalLocation.ArtifactLocation; u.URIBaseID != "%SRCROOT%" || strings.HasPrefix(u.URI, "file:") {
				t.Errorf("%s: location %+v, want one relative to %%SRCROOT%%", res.RuleID, u)
			}
		}
		if res.RuleID == "missing-grant" {
			if len(res.RelatedLocations) == 0 || res.RelatedLocations[0].ID != 1 || !regexp.MustCompile(`\[[^]]+\]\(1\)$`).MatchString(res.Message.Text) {
				t.Errorf("missing-grant: related location not linked from the message %q: %v", res.Message.Text, res.RelatedLocations)
			}
		}
	}
	want := []string{
		"excess-grant %SRCROOT%bot/app.yml:2:3-2:17",
		"excess-grant %SRCROOT%bot/app.yml:3:3-3:24",
		"missing-grant %SRCROOT%bot/cmd/a/a.go:5:15-5:66",
	}
	if !slices.Equal(locs, want) {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(locs, "\n"), strings.Join(want, "\n"))
	}

	// Move every line down: the alerts keep their fingerprints.
	files["app.yml"] = "# the grants\n" + files["app.yml"]
	files["cmd/a/a.go"] = "// Lines moved.\n\n" + files["cmd/a/a.go"]
	writeFiles(t, bot, files)
	after := run()
	fingerprints := func(log sarifLog) (fps []string, lines []int) {
		for _, res := range log.Runs[0].Results {
			fps = append(fps, res.PartialFingerprints["ghperm/v1"])
			lines = append(lines, res.Locations[0].PhysicalLocation.Region.StartLine)
		}
		return fps, lines
	}
	fp1, lines1 := fingerprints(before)
	fp2, lines2 := fingerprints(after)
	if slices.Equal(lines1, lines2) {
		t.Errorf("lines did not move: %v", lines1)
	}
	if !slices.Equal(fp1, fp2) || slices.Contains(fp1, "") || fp1[0] == fp1[1] {
		t.Errorf("fingerprints before %v, after moving lines %v: want the same, distinct and set", fp1, fp2)
	}
}

// TestHelpURIs: every rule's helpUri (and its help's link) names an
// anchor that exists: a heading of the README, or a section of the
// analyzer's documentation on pkg.go.dev.
func TestHelpURIs(t *testing.T) {
	out, _, _ := runArgs(t, "-C", exampleDir, "-format", "sarif", "./...")
	log := readSARIF(t, out)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../analyzer/doc.go")
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#+ (.*)$`).FindAllStringSubmatch(string(readme), -1) {
		anchors[report.RepoURL+"#"+githubAnchor(m[1])] = true
	}
	for _, m := range regexp.MustCompile(`(?m)^// # (.*)$`).FindAllStringSubmatch(string(doc), -1) {
		anchors[report.InformationURI+"#hdr-"+strings.ReplaceAll(m[1], " ", "_")] = true
	}
	rules := log.Runs[0].Tool.Driver.Rules
	if len(rules) == 0 {
		t.Fatal("no rules")
	}
	for _, r := range rules {
		if !anchors[r.HelpURI] {
			t.Errorf("rule %s: helpUri %s names no heading of the README or the analyzer doc", r.ID, r.HelpURI)
		}
		if !strings.Contains(r.Help.Markdown, "("+r.HelpURI+")") {
			t.Errorf("rule %s: help.markdown does not link %s:\n%s", r.ID, r.HelpURI, r.Help.Markdown)
		}
	}
	// The README's Categories section links the analyzer doc's section.
	for _, m := range regexp.MustCompile(regexp.QuoteMeta(report.InformationURI)+`#hdr-[A-Za-z_]+`).FindAllString(string(readme), -1) {
		if !anchors[m] {
			t.Errorf("README links %s, which names no heading of analyzer/doc.go", m)
		}
	}
}

// githubAnchor is the anchor GitHub gives a Markdown heading: lower
// case, punctuation but "-" and "_" dropped, spaces as "-".
func githubAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		}
	}
	return b.String()
}
