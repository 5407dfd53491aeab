package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
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
