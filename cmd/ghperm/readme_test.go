package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEOutput keeps the README's sample output of the example true:
// it is what the example command prints, catalog version aside.
func TestREADMEOutput(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const intro = "`go run ./cmd/ghperm -C testdata/example ./...` prints:\n\n```\n"
	_, sample, ok := strings.Cut(string(readme), intro)
	if !ok {
		t.Fatalf("README has no %q", intro)
	}
	sample, _, _ = strings.Cut(sample, "```\n")

	out, stderr, code := runArgs(t, "-C", exampleDir, "./...")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	catalog := regexp.MustCompile(`\(catalog [^\n]*\)\n`)
	if got, want := catalog.ReplaceAllString(out, "(catalog)\n"), catalog.ReplaceAllString(sample, "(catalog)\n"); got != want {
		t.Errorf("the README's sample output is stale; the example prints:\n%s", out)
	}
}
