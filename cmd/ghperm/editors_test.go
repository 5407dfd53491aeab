package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestLangserverRoute runs the README's golangci-lint-langserver command
// line on the example's wrapper package alone, as the langserver runs it
// for an open file of that package, and parses its stdout as the
// langserver does (one JSON document): the missing grant is at the
// wrapper's call.
func TestLangserverRoute(t *testing.T) {
	t.Parallel()
	gcl := os.Getenv("GHPERM_CUSTOM_GCL")
	if gcl == "" {
		t.Skip("set GHPERM_CUSTOM_GCL to a golangci-lint v2 built with the ghperm plugin (README, golangci-lint): building one takes minutes and downloads golangci-lint's modules, so CI does not")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(exampleDir)); err != nil {
		t.Fatal(err)
	}
	cfg := "version: \"2\"\nlinters:\n  default: none\n  enable: [ghperm]\n  settings:\n    custom:\n      ghperm:\n        type: module\n        settings:\n          excess-at: go\n          callsite: true\n"
	if err := os.WriteFile(filepath.Join(dir, ".golangci.editor.yml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gcl, "run", "-c", ".golangci.editor.yml", "--output.json.path=stdout", "--show-stats=false", "--issues-exit-code=1", "./internal/gh/")
	cmd.Dir = dir
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("%s: %v, want exit status 1 (issues)\n%s", cmd, err, out)
	}
	var res struct {
		Issues []struct {
			FromLinter, Text string
			Pos              struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("stdout is not one JSON document, as the langserver reads it: %v\n%s", err, out)
	}
	for _, is := range res.Issues {
		if is.FromLinter == "ghperm" && is.Pos.Filename == "internal/gh/gh.go" && is.Pos.Line == 24 && is.Pos.Column == 19 {
			return
		}
	}
	t.Errorf("no ghperm issue at internal/gh/gh.go:24:19 (the wrapper's call of PullRequests.List): %+v", res.Issues)
}
