package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ghperm/ghperm/internal/sariftest"
	"github.com/ghperm/ghperm/internal/scan"
	"github.com/ghperm/ghperm/report"
)

// exampleDir is the bundled example app (its own module, with go-github
// from the module proxy).
const exampleDir = "../../testdata/example"

// runArgs runs ghperm in process, as the command does (go vet's protocol
// aside). The analyses of the bundled example, which no test changes, are
// shared by the tests of the binary: each loads go-github from source.
func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = (&cli{stdout: &out, stderr: &errb, scan: exampleScans.scan}).run(args)
	return out.String(), errb.String(), code
}

// sharedScans loads each directory once per patterns (tests edit
// manifests between scans, never Go files, and the analyzer reads
// manifests when it runs), and analyses the bundled example once per
// configuration.
type sharedScans struct {
	mu    sync.Mutex
	loads map[string]*shared[*scan.Packages]
	runs  map[string]*shared[*scan.Result] // of the example
}

type shared[T any] struct {
	once sync.Once
	v    T
	err  error
}

var exampleScans = &sharedScans{loads: map[string]*shared[*scan.Packages]{}, runs: map[string]*shared[*scan.Result]{}}

// once returns m's value for key, computed by f the first time.
func once[T any](mu *sync.Mutex, m map[string]*shared[T], key string, f func() (T, error)) (T, error) {
	mu.Lock()
	s := m[key]
	if s == nil {
		s = new(shared[T])
		m[key] = s
	}
	mu.Unlock()
	s.once.Do(func() { s.v, s.err = f() })
	return s.v, s.err
}

func (s *sharedScans) scan(cfg scan.Config, patterns []string, progress func(string)) (*scan.Result, error) {
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	pkgs, err := once(&s.mu, s.loads, fmt.Sprintf("%s %v %q", dir, cfg.Tests, patterns), func() (*scan.Packages, error) {
		return scan.Load(cfg.Dir, cfg.Tests, patterns, progress)
	})
	if err != nil {
		return nil, err
	}
	if example, err := filepath.Abs(exampleDir); err != nil || dir != example {
		return pkgs.Analyze(cfg.Analyzer, progress)
	}
	return once(&s.mu, s.runs, fmt.Sprintf("%+v %q", cfg, patterns), func() (*scan.Result, error) {
		return pkgs.Analyze(cfg.Analyzer, progress)
	})
}

// ownModule skips, in -short mode, a test that loads and analyses a
// module of its own: the short tests share the example's analysis.
func ownModule(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("loads and analyses a module of its own (2 to 5 s of CPU each); run without -short")
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string // in the one-line error
	}{
		{[]string{"-formt", "json", "./..."}, "flag provided but not defined: -formt"},
		{[]string{"-format", "xml", "./..."}, `unknown -format "xml"`},
		{[]string{"-C", exampleDir, "./nosuch/..."}, "nosuch"},
		{[]string{"-C", exampleDir, "./cmd/zz..."}, "no packages match"},
		{[]string{"-C", exampleDir + "/nosuch", "./..."}, "-C:"},
		{[]string{"needs", "-format", "sarif", "./..."}, `unknown -format "sarif" (want text, json or yaml)`},
		{[]string{"needs", "-token", "pat", "./..."}, `unknown -token "pat"`},
		{[]string{"needs", "-tokn", "user", "./..."}, "flag provided but not defined: -tokn"},
		{[]string{"needs", "-token", "fine_grained", "./..."}, `unknown -token "fine_grained" (want installation, user, fine-grained, oauth or actions)`},
		{[]string{"-explain", "missing_grant"}, `unknown category "missing_grant" (want missing-grant, excess-grant,`},
		{[]string{"-versoin"}, "flag provided but not defined: -versoin"},
		{[]string{"version", "./..."}, `version takes no arguments, not "./..."`},
		{[]string{"help", "nosuch"}, `unknown command "nosuch" (want needs, fix, endpoint, catalog, version or help)`},
		{[]string{"help", "needs", "endpoint"}, "help takes one command"},
	} {
		stdout, stderr, code := runArgs(t, tc.args...)
		if code != 2 {
			t.Errorf("ghperm %s: exit %d, want 2", strings.Join(tc.args, " "), code)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "ghperm: ") || !strings.Contains(stderr, tc.want) {
			t.Errorf("ghperm %s: stderr %q, want one line with %q", strings.Join(tc.args, " "), stderr, tc.want)
		}
		if stdout != "" {
			t.Errorf("ghperm %s: stdout %q, want none", strings.Join(tc.args, " "), stdout)
		}
	}
}

// TestManifestErrorExit: a manifest that cannot be read is a finding at
// its position in every format, and a configuration error (exit status 2).
func TestManifestErrorExit(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"text", "json", "sarif"} {
		out, _, code := runArgs(t, "-C", exampleDir, "-manifest", "nosuch.yml", "-format", format, "./...")
		if code != 2 || !strings.Contains(out, "manifest-error") || !strings.Contains(out, "nosuch.yml") {
			t.Errorf("-format %s: exit %d, output:\n%s", format, code, out)
		}
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	stdout, _, code := runArgs(t, "-help")
	if code != 0 || !strings.Contains(stdout, "usage: ghperm") || !strings.Contains(stdout, "-format") || !strings.Contains(stdout, "  needs ") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// TestFormatsAgree checks the bundled example in every format: the same
// findings, the catalog version stated, and the exit status 1 exactly
// when there are findings.
func TestFormatsAgree(t *testing.T) {
	t.Parallel()
	text, stderr, textCode := runArgs(t, "-C", exampleDir, "./...")
	if textCode == 2 {
		t.Fatalf("text: exit 2: %s", stderr)
	}
	if stderr != "" {
		t.Errorf("stderr is not a terminal, yet got %q", stderr) // no progress
	}
	jsonOut, _, jsonCode := runArgs(t, "-C", exampleDir, "-json", "./...")
	sarifOut, _, sarifCode := runArgs(t, "-C", exampleDir, "-format", "sarif", "./...")
	if textCode != jsonCode || jsonCode != sarifCode {
		t.Errorf("exit codes differ: text %d, json %d, sarif %d", textCode, jsonCode, sarifCode)
	}

	var doc struct {
		Ghperm struct {
			Catalog string `json:"catalog"`
		} `json:"ghperm"`
		Findings []struct {
			Category string `json:"category"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(jsonOut), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, jsonOut)
	}
	if doc.Ghperm.Catalog == "" {
		t.Error("json: no catalog version")
	}
	if want := map[bool]int{false: 0, true: 1}[len(doc.Findings) > 0]; jsonCode != want {
		t.Errorf("%d findings, exit %d, want %d", len(doc.Findings), jsonCode, want)
	}

	var log struct {
		Runs []struct {
			Results    []struct{ RuleID string }
			Properties map[string]string
		}
	}
	if err := json.Unmarshal([]byte(sarifOut), &log); err != nil {
		t.Fatalf("sarif: %v", err)
	}
	if err := sariftest.Validate([]byte(sarifOut)); err != nil {
		t.Errorf("sarif: %v", err)
	}
	if got := len(log.Runs[0].Results); got != len(doc.Findings) {
		t.Errorf("sarif has %d results, json %d findings", got, len(doc.Findings))
	}
	if log.Runs[0].Properties["catalog"] != doc.Ghperm.Catalog {
		t.Errorf("sarif catalog %q, json %q", log.Runs[0].Properties["catalog"], doc.Ghperm.Catalog)
	}
	if !strings.Contains(text, "(catalog "+doc.Ghperm.Catalog+")") {
		t.Errorf("text does not state the catalog:\n%s", text)
	}
	var cats []string
	for _, f := range doc.Findings {
		if !strings.Contains(text, "== "+f.Category+" (") {
			t.Errorf("text has no %s section:\n%s", f.Category, text)
		}
		if !slices.Contains(cats, f.Category) {
			cats = append(cats, f.Category)
		}
	}
	// What the README says the example shows.
	slices.Sort(cats)
	if got, want := strings.Join(cats, " "), "excess-grant missing-grant unresolved"; got != want {
		t.Errorf("categories %s, want %s", got, want)
	}
}

// TestFindingDetails checks that findings carry the endpoint, requirement
// and call chain of the analyzer's result, with file positions.
func TestFindingDetails(t *testing.T) {
	t.Parallel()
	out, stderr, code := runArgs(t, "-C", exampleDir, "-endpoints", "-json", "./...")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Findings []report.Finding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(doc.Findings, func(f report.Finding) bool {
		return f.Category == "endpoint" && f.Position.File == "cmd/labelbot/main.go" && f.Endpoint != nil && f.Endpoint.OperationID == "pulls/list"
	})
	if i < 0 {
		t.Fatalf("no endpoint finding for pulls/list in cmd/labelbot/main.go:\n%s", out)
	}
	f := doc.Findings[i]
	got, _ := json.Marshal(struct {
		E     *report.Endpoint
		R     [][]string
		Chain []report.Step
	}{f.Endpoint, f.Requirement, f.Chain})
	want := `{"E":{"method":"GET","path":"/repos/{owner}/{repo}/pulls","operation_id":"pulls/list"},"R":[["pull_requests:read"]],` +
		`"Chain":[{"function":"gh.ListOpenPulls","position":{"file":"cmd/labelbot/main.go","line":26,"col":16}},` +
		`{"function":"(*github.PullRequestsService).List","position":{"file":"internal/gh/gh.go","line":24,"col":19}}]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestAnalyzerFlagForms: -ghperm.NAME (go vet's spelling) and -NAME set
// the same analyzer flag.
func TestAnalyzerFlagForms(t *testing.T) {
	t.Parallel()
	short, _, _ := runArgs(t, "-C", exampleDir, "-endpoints", "-json", "./...")
	long, _, _ := runArgs(t, "-C", exampleDir, "-ghperm.endpoints", "-json", "./...")
	plain, _, _ := runArgs(t, "-C", exampleDir, "-json", "./...")
	if short != long || !strings.Contains(short, `"category": "endpoint"`) || strings.Contains(plain, `"category": "endpoint"`) {
		t.Errorf("-endpoints:\n%s\n-ghperm.endpoints:\n%s", short, long)
	}
}

// TestNolint checks that the command honours //nolint:ghperm as
// golangci-lint does: the finding on the commented line goes, the others
// stay.
func TestNolint(t *testing.T) {
	ownModule(t)
	t.Parallel()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(exampleDir)); err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "cmd", "labelbot", "main.go")
	src, err := os.ReadFile(main)
	if err != nil {
		t.Fatal(err)
	}
	const call = "pulls, err := gh.ListOpenPulls(ctx, client, owner, repo)"
	if !bytes.Contains(src, []byte(call)) {
		t.Fatalf("the example's main.go has no %q", call)
	}
	src = bytes.Replace(src, []byte(call), []byte(call+" //nolint:ghperm // read with another token"), 1)
	if err := os.WriteFile(main, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := runArgs(t, "-C", dir, "./...")
	if code != 1 || strings.Contains(out, "[missing-grant]") || !strings.Contains(out, "[excess-grant]") {
		t.Errorf("exit %d, want 1, the excess grant and no missing grant:\n%s", code, out)
	}
}
