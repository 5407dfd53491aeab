package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// fixGrants are the files of testdata/fix/module.txtar that fix rewrites.
var fixGrants = []string{"grants/app.yml", "grants/app-manifest.json", "grants/cfg/ghperm.yml", ".github/workflows/triage.yml", "grants/oauth/ghperm.yml"}

// TestFix: issue 12, part 2. fix rewrites an app.yml with comments, a
// manifest JSON, a ghperm.yml's permissions: and scopes:, and a
// workflow job's permissions: block to what their programs need
// (testdata/fix/want.txtar, -update rewrites it); every line it changes
// is a grant; a second run changes nothing.
func TestFix(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := extractModule(t, filepath.Join("testdata", "fix", "module.txtar"))
	before := readFiles(t, dir, fixGrants)
	stdout, stderr, code := runArgs(t, "fix", "-C", dir, "./...")
	if code != 0 {
		t.Fatalf("fix: exit %d\n%s%s", code, stdout, stderr)
	}
	after := readFiles(t, dir, fixGrants)
	got := &txtar.Archive{Files: []txtar.File{{Name: "stdout", Data: []byte(stdout)}}}
	for _, name := range fixGrants {
		got.Files = append(got.Files, txtar.File{Name: name, Data: after[name]})
		onlyGrantsChanged(t, name, before[name], after[name])
	}
	golden(t, filepath.Join("testdata", "fix", "want.txtar"), txtar.Format(got))

	stdout, stderr, code = runArgs(t, "fix", "-C", dir, "./...")
	if code != 0 || strings.Count(stdout, ": no change\n") != len(fixGrants) {
		t.Errorf("second fix: exit %d, want 0 and no change\n%s%s", code, stdout, stderr)
	}
	for name, data := range readFiles(t, dir, fixGrants) {
		if string(data) != string(after[name]) {
			t.Errorf("second fix changed %s:\n%s", name, unifiedDiff(name, name, after[name], data))
		}
	}
	if stdout, _, code := runArgs(t, "fix", "-diff", "-C", dir, "./..."); code != 0 || stdout != "" {
		t.Errorf("fix -diff after fix: exit %d, want 0 and no diff\n%s", code, stdout)
	}
	checkAcceptsGrants(t, dir, "fix")
}

// TestFixExample: fix -diff on the bundled example adds pull_requests:
// read; it holds back the removal of administration: write while the
// example's NewRequest with a URL built at run time is unresolved, and
// -force removes it. It writes nothing.
func TestFixExample(t *testing.T) {
	t.Parallel()
	before := readFiles(t, exampleDir, []string{"app.yml"})
	for _, tc := range []struct{ golden string }{{"example-diff.txtar"}, {"example-diff-force.txtar"}} {
		args := []string{"fix", "-diff", "-C", exampleDir, "./..."}
		if strings.Contains(tc.golden, "force") {
			args = slices.Insert(args, 2, "-force")
		}
		stdout, stderr, code := runArgs(t, args...)
		got := &txtar.Archive{Files: []txtar.File{
			{Name: "args", Data: []byte(strings.Join(args, " ") + "\n")},
			{Name: "stdout", Data: []byte(stdout)},
			{Name: "stderr", Data: []byte(stderr)},
			{Name: "status", Data: []byte(strconv.Itoa(code) + "\n")},
		}}
		golden(t, filepath.Join("testdata", "fix", tc.golden), txtar.Format(got))
	}
	if after := readFiles(t, exampleDir, []string{"app.yml"}); string(after["app.yml"]) != string(before["app.yml"]) {
		t.Errorf("fix -diff wrote app.yml")
	}
}

// grantLine matches a line that grants something: "  key: level" (a
// comment after it), a JSON member, a list item "  - scope", or a
// flow mapping of them.
var grantLine = regexp.MustCompile(`^\s*("?[a-z_-]+"?\s*:\s*['"]?(read|write|admin|none)['"]?,?|- [a-z:_]+|permissions: \{.*\})\s*(#.*)?$`)

// onlyGrantsChanged checks that every line fix removed or added grants
// something: the rest of the file is byte-identical.
func onlyGrantsChanged(t *testing.T, name string, before, after []byte) {
	t.Helper()
	for _, op := range diffLines(splitLines(string(before)), splitLines(string(after))) {
		if op.kind != ' ' && !grantLine.MatchString(strings.TrimRight(op.line, "\n")) {
			t.Errorf("%s: fix changed a line that is not a grant: %c%q", name, op.kind, op.line)
		}
	}
}

func readFiles(t *testing.T, dir string, names []string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = data
	}
	return out
}

// golden compares got with the golden file, or with -update writes it.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n%s", path, unifiedDiff("want", "got", want, got))
	}
}

// TestFixWorkflowLevel: fix does not rewrite a workflow's own
// permissions: block, which other jobs share.
func TestFixWorkflowLevel(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := t.TempDir()
	workflow := "on: push\npermissions:\n  contents: write\njobs:\n  a:\n    runs-on: x\n  b:\n    runs-on: x\n"
	writeFiles(t, dir, map[string]string{
		"go.mod":        "module m\n\ngo 1.26\n",
		"ghperm.yml":    "token: actions\nworkflow: w.yml\njob: a\n",
		"w.yml":         workflow,
		"cmd/a/main.go": issuesMain,
	})
	_, stderr, code := runArgs(t, "fix", "-C", dir, "./...")
	if code != 2 || !strings.Contains(stderr, "w.yml: line 2: the workflow's permissions: govern the job") {
		t.Errorf("exit %d, want 2 and the reason\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "w.yml")); string(data) != workflow {
		t.Errorf("w.yml changed:\n%s", data)
	}
}
