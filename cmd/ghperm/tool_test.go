package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// toolModule copies the bundled example into a temporary module that pins
// this ghperm with the tool directive, as the README's `go get -tool`
// does (a replace stands in for the published version).
func toolModule(t *testing.T) string {
	t.Helper()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(exampleDir)); err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, "mod", "edit",
		"-require=github.com/ghperm/ghperm@v0.0.0",
		"-replace=github.com/ghperm/ghperm="+repo,
		"-tool=github.com/ghperm/ghperm/cmd/ghperm")
	goCmd(t, dir, "mod", "tidy")
	return dir
}

// goCmd runs the go command in dir and returns its stdout and exit
// status; any status but 0 and 1 fails the test.
func goCmd(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	code := 0
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	if code > 1 {
		t.Fatalf("go %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return string(out), code
}

type jsonFindings struct {
	Findings []struct {
		Category string `json:"category"`
		Message  string `json:"message"`
		Position struct {
			File      string `json:"file"`
			Line, Col int
		} `json:"position"`
	} `json:"findings"`
}

// TestGoTool runs `go tool ghperm` in a module that pins it and checks
// that it reports what the in-process command reports.
func TestGoTool(t *testing.T) {
	dir := toolModule(t)
	toolOut, toolCode := goCmd(t, dir, "tool", "ghperm", "-json", "./...")
	inOut, _, inCode := runArgs(t, "-C", exampleDir, "-json", "./...")
	if toolCode != inCode {
		t.Errorf("go tool ghperm: exit %d, in process %d", toolCode, inCode)
	}
	var a, b jsonFindings
	if err := json.Unmarshal([]byte(toolOut), &a); err != nil {
		t.Fatalf("go tool ghperm -json: %v\n%s", err, toolOut)
	}
	if err := json.Unmarshal([]byte(inOut), &b); err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("go tool ghperm findings:\n%s\nin process:\n%s", ja, jb)
	}
}
