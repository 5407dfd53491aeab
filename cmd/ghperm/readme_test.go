package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/report"
)

// catalogVersion matches the catalog version in an output line; the
// README abbreviates it, as it changes with every regeneration.
var catalogVersion = regexp.MustCompile(`catalog [^\n]*\)`)

// readmeSample returns the text of README.md between start and end.
func readmeSample(t *testing.T, start, end string) string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sample, ok := strings.Cut(string(readme), start)
	if !ok {
		t.Fatalf("README has no %q", start)
	}
	sample, _, ok = strings.Cut(sample, end)
	if !ok {
		t.Fatalf("README has no %q after %q", end, start)
	}
	return sample
}

// TestREADMEOutput keeps the README's sample outputs of the example true:
// they are what the commands print, catalog version aside.
func TestREADMEOutput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args       []string
		start, end string // the sample's bounds in the README
		code       int
	}{{
		args:  []string{"-C", exampleDir, "./..."},
		start: "`go run ./cmd/ghperm -C testdata/example ./...` prints:\n\n```\n",
		end:   "```\n",
		code:  1,
	}, {
		args:  []string{"needs", "-C", exampleDir, "./..."},
		start: "$ ghperm needs -C testdata/example ./...\n",
		end:   "\n$ ghperm needs -C testdata/example -format yaml ./...",
	}, {
		args:  []string{"needs", "-C", exampleDir, "-format", "yaml", "./..."},
		start: "$ ghperm needs -C testdata/example -format yaml ./...\n",
		end:   "\n$ ghperm needs -C testdata/example -token actions -format yaml ./...",
	}, {
		args:  []string{"fix", "-diff", "-C", exampleDir, "./..."},
		start: "$ ghperm fix -diff -C testdata/example ./...\n",
		end:   "```\n",
		code:  1,
	}} {
		sample := readmeSample(t, tc.start, tc.end)
		out, stderr, code := runArgs(t, tc.args...)
		if code != tc.code {
			t.Fatalf("ghperm %s: exit %d: %s", strings.Join(tc.args, " "), code, stderr)
		}
		got := catalogVersion.ReplaceAllString(out, "catalog …")
		want := catalogVersion.ReplaceAllString(sample, "catalog …")
		if strings.TrimSpace(got) != strings.TrimSpace(want) {
			t.Errorf("the README's sample of ghperm %s is stale; it prints:\n%s", strings.Join(tc.args, " "), out)
		}
	}
}

// TestVSCodeMatcher runs the README's VS Code problem matcher over what
// its task prints for the example: it must read each finding once, at
// the finding's position, and none of the detail lines.
func TestVSCodeMatcher(t *testing.T) {
	t.Parallel()
	_, quoted, ok := strings.Cut(readmeSample(t, "// .vscode/tasks.json", "```"), `"regexp": `)
	if !ok {
		t.Fatal(`README's tasks.json has no "regexp"`)
	}
	quoted, _, _ = strings.Cut(quoted, ",\n")
	var pattern string
	if err := json.Unmarshal([]byte(quoted), &pattern); err != nil {
		t.Fatalf("README's regexp %s: %v", quoted, err)
	}
	re := regexp.MustCompile(pattern)
	text, _, _ := runArgs(t, "-C", exampleDir, "./...")
	out, _, _ := runArgs(t, "-C", exampleDir, "-format", "json", "./...")
	var doc struct{ Findings []report.Finding }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, line := range strings.Split(text, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			got = append(got, fmt.Sprintf("%s:%s:%s [%s]", m[1], m[2], m[3], m[5]))
		}
	}
	for _, f := range doc.Findings {
		want = append(want, fmt.Sprintf("%s:%d:%d [%s]", f.Position.File, f.Position.Line, f.Position.Col, f.Category))
	}
	slices.Sort(got) // text groups by category, JSON sorts by position
	slices.Sort(want)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("the matcher reads\n%s\nwant the findings\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
