package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/report"
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
	gocmd(t, dir, "mod", "edit",
		"-require=github.com/ghperm/ghperm@v0.0.0",
		"-replace=github.com/ghperm/ghperm="+repo,
		"-tool=github.com/ghperm/ghperm/cmd/ghperm")
	gocmd(t, dir, "mod", "tidy")
	return dir
}

// goOutput runs the go command in dir and returns its stdout and exit
// status; any status but 0 and 1 fails the test.
func goOutput(t *testing.T, dir string, args ...string) (string, int) {
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
		Requirement [][]string `json:"requirement"`
	} `json:"findings"`
}

// runJSON runs ghperm with args (which ask for JSON) and decodes its
// findings; wantCode, unless negative, is the exit status it must have.
func runJSON(t *testing.T, wantCode int, args ...string) jsonFindings {
	t.Helper()
	out, stderr, code := runArgs(t, args...)
	if wantCode >= 0 && code != wantCode {
		t.Fatalf("ghperm %s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantCode, stderr)
	}
	var res jsonFindings
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("ghperm %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return res
}

// checkAcceptsGrants checks that ghperm finds no grant missing and none
// in excess in dir: what fix wrote, check accepts.
func checkAcceptsGrants(t *testing.T, dir, after string) {
	t.Helper()
	for _, f := range runJSON(t, -1, "-C", dir, "-format", "json", "./...").Findings {
		if f.Category == string(report.MissingGrant) || f.Category == string(report.ExcessGrant) {
			t.Errorf("check after %s: %s:%d: %s [%s]", after, f.Position.File, f.Position.Line, f.Message, f.Category)
		}
	}
}

// TestGoTool runs `go tool ghperm` in a module that pins it and checks
// that it reports what the in-process command reports.
func TestGoTool(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go tool ghperm (a build)")
	}
	dir := toolModule(t)
	toolOut, toolCode := goOutput(t, dir, "tool", "ghperm", "-json", "./...")
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

// TestVetParity runs the example under go vet, with the vet tool that the
// tool directive pins (the README's go vet -vettool="$(go tool -n
// ghperm)"), and standalone: both report the same findings.
func TestVetParity(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds ghperm and runs go vet")
	}
	dir := toolModule(t)
	bin, _ := goOutput(t, dir, "tool", "-n", "ghperm")
	vetOut, _ := goOutput(t, dir, "vet", "-vettool="+strings.TrimSpace(bin), "-ghperm.endpoints", "-json", "./...")

	// go vet -json prints one tree per package:
	// {"pkg": {"ghperm": [{"category", "posn", "message"}]}}.
	var vet []string
	dec := json.NewDecoder(strings.NewReader(vetOut))
	for dec.More() {
		var tree map[string]map[string][]struct{ Category, Posn, Message string }
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("go vet -json: %v\n%s", err, vetOut)
		}
		for _, byAnalyzer := range tree {
			for _, d := range byAnalyzer["ghperm"] {
				rel, err := filepath.Rel(dir, d.Posn)
				if err != nil {
					t.Fatal(err)
				}
				vet = append(vet, fmt.Sprintf("%s: %s [%s]", filepath.ToSlash(rel), d.Message, d.Category))
			}
		}
	}

	out, _, _ := runArgs(t, "-C", exampleDir, "-endpoints", "-json", "./...")
	var standalone jsonFindings
	if err := json.Unmarshal([]byte(out), &standalone); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range standalone.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s [%s]", f.Position.File, f.Position.Line, f.Position.Col, f.Message, f.Category))
	}
	slices.Sort(vet)
	slices.Sort(got)
	if len(got) == 0 || !slices.Equal(vet, got) {
		t.Errorf("go vet:\n%s\nstandalone:\n%s", strings.Join(vet, "\n"), strings.Join(got, "\n"))
	}
}
