package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/ghperm/ghperm/report"
)

// buildGhperm builds this command, once per test binary, into a
// temporary directory that TestMain removes.
func buildGhperm(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "ghperm-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		bin := filepath.Join(dir, "ghperm")
		out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		built.bin = bin
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

var built struct {
	once     sync.Once
	dir, bin string
	err      error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// extractModule writes the files of a txtar archive under a new
// temporary directory and returns it.
func extractModule(t *testing.T, archive string) string {
	t.Helper()
	return extractModuleTo(t, archive, t.TempDir())
}

// extractModuleTo writes the files of a txtar archive under dir, downloads
// the module's dependencies, and returns dir.
func extractModuleTo(t *testing.T, archive, dir string) string {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(ar)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	// Download the module's dependencies now, so that go's download
	// messages do not mix with the diagnostics of the commands under test.
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	return dir
}

// goVet runs go vet with ghperm as its vet tool in dir and returns the
// diagnostics, sorted, with dir removed from file names. The related
// positions go vet prints after a diagnostic ("file:line:col: \tmsg")
// stay with it, each on a line of its own.
func goVet(t *testing.T, dir, bin string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	diags := vetDiagnostics(strings.ReplaceAll(stderr.String(), dir+string(filepath.Separator), ""))
	if err != nil && len(diags) == 0 {
		t.Fatalf("go vet: %v\n%s", err, stderr.String())
	}
	return diags
}

// vetDiagnostics splits go vet's output into diagnostics, sorted, each
// with its related positions (the lines that follow it, ": \t" after the
// position) on lines of its own.
func vetDiagnostics(out string) []string {
	var diags []string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.Contains(l, ": \t") && len(diags) > 0:
			diags[len(diags)-1] += "\n    " + l
		default:
			diags = append(diags, l)
		}
	}
	slices.Sort(diags)
	return diags
}

// TestGrantsGoVet runs go vet -vettool=ghperm on the example module
// (testdata/bot.txtar, real go-github v74 from the module proxy) and
// checks every finding of the comparison with the grants.
func TestGrantsGoVet(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds ghperm and runs go vet")
	}
	bin := buildGhperm(t)
	dir := extractModule(t, filepath.Join("..", "..", "testdata", "bot.txtar"))
	want := []string{
		".github/workflows/triage.yml:10:7: pull-requests: read is granted but nothing needs pull-requests",
		"cmd/action/main.go:16:2: PUT /repos/{owner}/{repo}/topics (repos/replace-all-topics) needs administration: write, which the GITHUB_TOKEN cannot be granted",
		"cmd/broken/app.yml:3:5: unknown webhook event \"pull_requests\"; did you mean \"pull_request\"?",
		"cmd/broken/app.yml:5:13: invalid level \"reed\" for contents; did you mean \"read\"?",
		"cmd/broken/app.yml:6:3: unknown permission \"pull_request\"; did you mean \"pull_requests\"?",
		"cmd/broken/app.yml:7:14: workflows cannot be read; want write",
		"cmd/broken/app.yml:8:3: duplicate permission \"contents\"",
		"cmd/broken/main.go:13:2: GET /repos/{owner}/{repo}/contents/{path} (repos/get-content) needs contents: read; app.yml grants no contents\n" +
			"    cmd/broken/app.yml:4:1: \tthe permissions are granted here",
		"cmd/checker/app.yml:4:3: issues: write is granted but nothing needs issues",
		"cmd/checker/main.go:14:6: POST /repos/{owner}/{repo}/check-runs (checks/create) needs checks: write; app.yml grants checks: read " +
			"(via gh.CreateCheck → (*github.ChecksService).CreateCheckRun)\n" +
			"    cmd/checker/app.yml:3:3: \tchecks: read is granted here",
		"cmd/events/app.json:7:38: the issues event needs issues: read; app.json grants no issues",
		"cmd/idle/app.yml:3:3: issues: write is granted but nothing needs issues",
		"cmd/oauthcode/main.go:15:33: scope gist is granted but nothing needs it",
		"cmd/oauthcode/main.go:15:41: unknown OAuth scope \"reop\"; did you mean \"repo\"?",
		"cmd/oauthcode/main.go:22:2: GET /repos/{owner}/{repo}/contents/{path} (repos/get-content) needs the repo scope; the token has read:org, gist, reop\n" +
			"    cmd/oauthcode/main.go:15:21: \tscope read:org is granted here\n" +
			"    cmd/oauthcode/main.go:15:33: \tscope gist is granted here\n" +
			"    cmd/oauthcode/main.go:15:41: \tscope reop is granted here",
		"cmd/oauthcovered/ghperm.yml:2:10: scope admin:org is granted but the code needs at most read:org (GET /orgs/{org}/members at cmd/oauthcovered/main.go:13)\n" +
			"    cmd/oauthcovered/main.go:13:2: \tGET /orgs/{org}/members is called here",
		"cmd/oauthmissing/ghperm.yml:2:10: scope read:org is granted but nothing needs it",
		"cmd/oauthmissing/main.go:13:2: POST /repos/{owner}/{repo}/issues/{issue_number}/labels (issues/add-labels) needs the repo scope; the token has read:org\n" +
			"    cmd/oauthmissing/ghperm.yml:2:10: \tscope read:org is granted here",
		"cmd/reader/app.yml:3:3: contents: write is granted but the code needs at most contents: read (GET /repos/{owner}/{repo}/contents/{path} at cmd/reader/main.go:15)\n" +
			"    cmd/reader/main.go:15:2: \tGET /repos/{owner}/{repo}/contents/{path} needs contents: read",
		"cmd/shared1/main.go:2:9: the main packages cmd/shared1, cmd/shared2 share their grants: excess grants are not reported, " +
			"as go vet sees each program's needs alone; tie a manifest to each program with //ghperm:manifest",
		"cmd/shared2/main.go:11:2: POST /repos/{owner}/{repo}/issues (issues/create) needs issues: write; app.yml grants issues: read\n" +
			"    app.yml:4:3: \tissues: read is granted here",
		"cmd/syntax/app.json:5:3: syntax error: invalid character '}' looking for beginning of object key string",
		"cmd/user/main.go:13:2: GET /user/installations (apps/list-installations-for-authenticated-user) cannot be called with an installation access token (user access tokens only (docs endpoint lists))",
	}
	got := goVet(t, dir, bin, "./...")
	if !slices.Equal(got, want) {
		t.Errorf("go vet:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Editing only a manifest changes the next result (go vet caches the
	// tool's output by the package's inputs, which the manifest is not).
	reader := filepath.Join(dir, "cmd", "reader", "app.yml")
	if err := os.WriteFile(reader, []byte("name: reader\ndefault_permissions:\n  contents: read\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range goVet(t, dir, bin, "./cmd/reader") {
		t.Errorf("after granting contents: read, go vet still reports: %s", l)
	}
	if err := os.WriteFile(reader, []byte("name: reader\ndefault_permissions:\n  contents: read\n  issues: write\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := goVet(t, dir, bin, "./cmd/reader"); len(got) != 1 || !strings.HasPrefix(got[0], "cmd/reader/app.yml:4:3: issues: write is granted but nothing needs issues") {
		t.Errorf("after granting issues: write, go vet reports %q", got)
	}

	// Anchoring grants at Go positions, for drivers that drop diagnostics
	// in non-Go files.
	got = goVet(t, dir, bin, "-ghperm.excess-at=go", "./cmd/reader")
	if len(got) != 1 || !strings.HasPrefix(got[0], "cmd/reader/main.go:3:1: app.yml:4: issues: write is granted but nothing needs issues") {
		t.Errorf("-ghperm.excess-at=go: go vet reports %q", got)
	}
}

// TestGrantsStandalone checks the example module with the standalone
// command: the same findings as under go vet.
func TestGrantsStandalone(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := extractModule(t, filepath.Join("..", "..", "testdata", "bot.txtar"))
	res := runJSON(t, 2, "-C", dir, "-format", "json", "./...") // findings, some of them manifest errors
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d: %s: %s", filepath.ToSlash(f.Position.File), f.Position.Line, f.Category, f.Message))
	}
	slices.Sort(got)
	want := []string{
		".github/workflows/triage.yml:10: excess-grant: pull-requests: read is granted but nothing needs pull-requests",
		"cmd/action/main.go:16: unusable-endpoint: PUT /repos/{owner}/{repo}/topics (repos/replace-all-topics) needs administration: write, which the GITHUB_TOKEN cannot be granted",
		"cmd/broken/app.yml:3: manifest-error: unknown webhook event \"pull_requests\"; did you mean \"pull_request\"?",
		"cmd/broken/app.yml:5: manifest-error: invalid level \"reed\" for contents; did you mean \"read\"?",
		"cmd/broken/app.yml:6: manifest-error: unknown permission \"pull_request\"; did you mean \"pull_requests\"?",
		"cmd/broken/app.yml:7: manifest-error: workflows cannot be read; want write",
		"cmd/broken/app.yml:8: manifest-error: duplicate permission \"contents\"",
		"cmd/broken/main.go:13: missing-grant: GET /repos/{owner}/{repo}/contents/{path} (repos/get-content) needs contents: read; app.yml grants no contents",
		"cmd/checker/app.yml:4: excess-grant: issues: write is granted but nothing needs issues",
		"cmd/checker/main.go:14: missing-grant: POST /repos/{owner}/{repo}/check-runs (checks/create) needs checks: write; app.yml grants checks: read " +
			"(via gh.CreateCheck → (*github.ChecksService).CreateCheckRun)",
		"cmd/events/app.json:7: missing-grant: the issues event needs issues: read; app.json grants no issues",
		"cmd/idle/app.yml:3: excess-grant: issues: write is granted but nothing needs issues",
		"cmd/oauthcode/main.go:15: excess-grant: scope gist is granted but nothing needs it",
		"cmd/oauthcode/main.go:15: manifest-error: unknown OAuth scope \"reop\"; did you mean \"repo\"?",
		"cmd/oauthcode/main.go:22: missing-grant: GET /repos/{owner}/{repo}/contents/{path} (repos/get-content) needs the repo scope; the token has read:org, gist, reop",
		"cmd/oauthcovered/ghperm.yml:2: excess-grant: scope admin:org is granted but the code needs at most read:org (GET /orgs/{org}/members at cmd/oauthcovered/main.go:13)",
		"cmd/oauthmissing/ghperm.yml:2: excess-grant: scope read:org is granted but nothing needs it",
		"cmd/oauthmissing/main.go:13: missing-grant: POST /repos/{owner}/{repo}/issues/{issue_number}/labels (issues/add-labels) needs the repo scope; the token has read:org",
		"cmd/reader/app.yml:3: excess-grant: contents: write is granted but the code needs at most contents: read (GET /repos/{owner}/{repo}/contents/{path} at cmd/reader/main.go:15)",
		"cmd/shared1/main.go:2: shared-manifest: the main packages cmd/shared1, cmd/shared2 share their grants: excess grants are not reported, " +
			"as go vet sees each program's needs alone; tie a manifest to each program with //ghperm:manifest",
		"cmd/shared2/main.go:11: missing-grant: POST /repos/{owner}/{repo}/issues (issues/create) needs issues: write; app.yml grants issues: read",
		"cmd/syntax/app.json:5: manifest-error: syntax error: invalid character '}' looking for beginning of object key string",
		"cmd/user/main.go:13: unusable-endpoint: GET /user/installations (apps/list-installations-for-authenticated-user) cannot be called with an installation access token (user access tokens only (docs endpoint lists))",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ghperm -format json:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A finding's requirement is for the token kind its grants describe.
	reqs := map[string]string{}
	for _, f := range res.Findings {
		if f.Category == "missing-grant" {
			reqs[fmt.Sprintf("%s:%d", filepath.ToSlash(f.Position.File), f.Position.Line)] = fmt.Sprint(f.Requirement)
		}
	}
	for site, want := range map[string]string{
		"cmd/checker/main.go:14":      "[[checks:write]]",
		"cmd/oauthmissing/main.go:13": "[[repo]]",
	} {
		if reqs[site] != want {
			t.Errorf("requirement at %s = %s, want %s", site, reqs[site], want)
		}
	}
}

// TestActionsWorkflow checks a program run by GitHub Actions with the
// GITHUB_TOKEN (testdata/actions.txtar): ghperm.yml names no workflow, so
// the job whose steps run the program is found and its permissions:
// block compared; its actions/checkout step needs contents: read, which is
// not excess; findings use the workflow's spelling; fix removes only the
// excess line; go vet agrees.
func TestActionsWorkflow(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := extractModule(t, filepath.Join("testdata", "actions.txtar"))
	res := runJSON(t, 1, "-C", dir, "-format", "json", "./...")
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s [%s]", f.Position.File, f.Position.Line, f.Position.Col, f.Message, f.Category))
	}
	want := []string{".github/workflows/triage.yml:17:7: pull-requests: write is granted but nothing needs pull-requests [excess-grant]"}
	if !slices.Equal(got, want) {
		t.Errorf("check reports\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	out, _, _ := runArgs(t, "needs", "-C", dir, "-format", "json", "./...")
	var n report.Needs
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(n.Permissions, map[string]string{"contents": "read", "issues": "write"}) || len(n.Steps) != 1 ||
		n.Steps[0].Action != "actions/checkout@v4" || n.Steps[0].Job != "label" || n.Steps[0].Position.Line != 19 {
		t.Errorf("needs: permissions %v, steps %+v; want contents: read (actions/checkout@v4 of job label, line 19) and issues: write", n.Permissions, n.Steps)
	}

	diff, _, code := runArgs(t, "fix", "-C", dir, "-diff", "./...")
	var changed []string
	for _, l := range strings.Split(diff, "\n") {
		if (strings.HasPrefix(l, "-") || strings.HasPrefix(l, "+")) && !strings.HasPrefix(l, "---") && !strings.HasPrefix(l, "+++") {
			changed = append(changed, l)
		}
	}
	if code != 1 || !slices.Equal(changed, []string{"-      pull-requests: write"}) {
		t.Errorf("fix -diff: exit %d, changes %q; want 1 and the pull-requests line removed\n%s", code, changed, diff)
	}

	vet := goVet(t, dir, buildGhperm(t), "./...")
	if len(vet) != 1 || !strings.HasPrefix(vet[0], want[0][:strings.Index(want[0], " [")]) {
		t.Errorf("go vet reports %q, want %q", vet, want[0])
	}
}
