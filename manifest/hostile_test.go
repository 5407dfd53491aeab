package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Inputs that the analysed code controls (issue 10): each must give a
// clear error, never a crash, a hang, unbounded memory or a leak of a file
// outside the module.

func TestParseLimits(t *testing.T) {
	for _, tc := range []struct {
		name, path, data, want string
	}{
		{"JSON nested 2 million deep", "m.json", strings.Repeat("[", 2_000_000) + strings.Repeat("]", 2_000_000),
			"1:101: nested too deeply (more than 100 levels)"},
		{"JSON objects nested", "m.json", strings.Repeat(`{"a":`, 200) + "1" + strings.Repeat("}", 200),
			"1:501: nested too deeply (more than 100 levels)"},
		{"JSON array of 200,000 values", "m.json", "[" + strings.Repeat("1,", 200_000) + "1]",
			"1:200000: too many values (more than 100000)"},
		{"YAML nested", "app.yml", strings.Repeat("[", 200) + strings.Repeat("]", 200),
			"1:102: nested too deeply (more than 100 levels)"},
		{"YAML list of 200,000 values", "app.yml", strings.Repeat("- a\n", 200_000),
			"100000:3: too many values (more than 100000; alias expansion?)"},
		{"YAML second document", "app.yml", "default_permissions: {issues: read}\n---\ndefault_permissions: {contents: write}\n",
			"2:1: a second YAML document; a manifest, config or workflow is one document"},
		{"YAML second document with a syntax error", "app.yml", "name: x\n---\n: [\n",
			"2:1: syntax error: did not find expected key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Parse(tc.path, []byte(tc.data))
			if len(errs) != 1 || !strings.HasSuffix(errs[0].Error(), tc.want) {
				t.Errorf("errors = %v, want one ending %q", errs, tc.want)
			}
		})
	}
}

func TestJSONByteOrderMark(t *testing.T) {
	m, errs := Parse("app.json", []byte("\xef\xbb\xbf{\"default_permissions\": {\"issues\": \"read\"}}"))
	checkErrs(t, errs, nil)
	if got := grantLines(m); got != "issues:read@1:29" {
		t.Errorf("grants = %s", got)
	}
}

func TestWorkflowReadAll(t *testing.T) {
	m, errs := ParseWorkflow("w.yml", []byte("permissions: read-all\njobs: {a: {}}\n"), "")
	checkErrs(t, errs, nil)
	p, ok := m.Permission("pull_requests")
	if !ok || p.Level.String() != "read" || p.Written != "pull-requests" {
		t.Errorf("read-all grants pull_requests as %+v, want pull-requests: read", p)
	}
	if _, ok := m.Permission("contents"); !ok || len(m.Permissions) != 14 {
		t.Errorf("read-all grants %d permissions", len(m.Permissions))
	}
}

// TestSuggestBounded: "did you mean" for a workflow's job names was
// quadratic in the names' length (40,000-character names: 11.5 s).
func TestSuggestBounded(t *testing.T) {
	long := strings.Repeat("j", 40_000)
	var b strings.Builder
	b.WriteString("jobs:\n")
	for i := range 4 {
		// YAML's implicit keys are at most 1024 characters: "? " makes
		// the key explicit.
		fmt.Fprintf(&b, "  ? %s%d\n  : {permissions: {issues: read}}\n", long, i)
	}
	start := time.Now()
	_, errs := ParseWorkflow("w.yml", []byte(b.String()), long+"x")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("ParseWorkflow took %v", d)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "workflow has no job") {
		t.Errorf("errors = %.200v", errs)
	}
	if got := didYouMean("pull_request", []string{long, "pull_requests"}); got != `; did you mean "pull_requests"?` {
		t.Errorf("didYouMean = %q", got)
	}
}

func TestErrorsPerFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "%q: 1,\n", fmt.Sprint("k", i))
	}
	b.WriteString("\"name\": \"x\"}\n")
	root := writeTree(t, map[string]string{"app-manifest.json": b.String()})
	errs := load(t, root, "", "")
	if len(errs) != 51 || errs[50].Msg != "and 950 more problems in this file" || errs[50].Pos.Line != 52 {
		t.Errorf("%d errors, the last %v", len(errs), errs[len(errs)-1])
	}
	if thousands(999950) != "999,950" || thousands(12) != "12" {
		t.Error("thousands")
	}
}

func load(t *testing.T, root, explicit, directive string) ErrorList {
	t.Helper()
	loc, err := Discover(root, explicit, directive)
	if err != nil {
		return ErrorList{{Msg: err.Error()}}
	}
	_, errs := Load(loc, loadCatalog(t))
	return errs
}

// TestUnreadable: a well-known manifest that cannot be read was skipped
// ("no findings"); named by the flag it was an error. The error must be
// the same, and reading must not block or grow without bound.
func TestUnreadable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		make  func(t *testing.T, path string)
		error string
	}{
		{"directory", func(t *testing.T, p string) { os.Mkdir(p, 0o755) },
			"cannot read the app manifest: is a directory, not a regular file"},
		{"dangling symlink", func(t *testing.T, p string) { os.Symlink(filepath.Join(filepath.Dir(p), "gone.yml"), p) },
			"cannot read the app manifest: no such file or directory"},
		{"FIFO", mkfifo, "cannot read the app manifest: is a named pipe (FIFO), not a regular file"},
		{"too large", func(t *testing.T, p string) {
			os.WriteFile(p, []byte("name: x\n"+strings.Repeat("# padding\n", 110_000)), 0o644)
		}, "cannot read the app manifest: file is larger than 1 MiB, the limit for manifests, configs and workflows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := writeTree(t, map[string]string{"go.mod": "module x\n"})
			path := filepath.Join(root, "app.yml")
			tc.make(t, path)
			done := make(chan ErrorList, 2)
			go func() {
				done <- load(t, root, "", "")
				done <- load(t, root, path, "")
			}()
			for _, how := range []string{"found by name", "named by the flag"} {
				select {
				case errs := <-done:
					if len(errs) != 1 || errs[0].Msg != tc.error || errs[0].Pos.File != path {
						t.Errorf("%s: errors = %v, want %s: %s", how, errs, path, tc.error)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("%s: Load hangs", how)
				}
			}
		})
	}
	t.Run("device", func(t *testing.T) {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip(err)
		}
		errs := load(t, t.TempDir(), "/dev/zero", "")
		if len(errs) != 1 || errs[0].Msg != "cannot read the app manifest: is a device, not a regular file" {
			t.Errorf("errors = %v", errs)
		}
	})
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err) // a skip here would hide the FIFO cases on every Unix
	}
}

func TestYAMLSpellings(t *testing.T) {
	root := writeTree(t, map[string]string{
		"go.mod":      "module x\n",
		"app.yaml":    "default_permissions: {issues: read}\n",
		"ghperm.yaml": "token: user\n",
	})
	loc, err := Discover(root, "", "")
	if err != nil || loc.Manifest != filepath.Join(root, "app.yaml") || loc.Config != filepath.Join(root, "ghperm.yaml") {
		t.Fatalf("Discover = %+v, %v", loc, err)
	}
	if loc, _ := Discover(root, filepath.Join(root, "ghperm.yaml"), ""); loc.Config != filepath.Join(root, "ghperm.yaml") {
		t.Errorf("-manifest ghperm.yaml is not taken for a config: %+v", loc)
	}
}

func TestActionsWithoutWorkflow(t *testing.T) {
	root := writeTree(t, map[string]string{"ghperm.yml": "token: actions\n"})
	errs := load(t, root, "", "")
	if len(errs) != 1 || errs[0].Msg != "token: actions: no job of .github/workflows/*.yml runs the program: name its workflow: (and job:) in ghperm.yml" {
		t.Errorf("errors = %v", errs)
	}
}

// TestConfinement: the analysed code names files through directives and
// configs; a path outside the module tree is an error that names the path
// and shows nothing of the file.
func TestConfinement(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "shadow")
	os.WriteFile(secret, []byte("root:*:19000:0:99999:7:::\ndefault_permissions: {issues: ghp_0123456789abcdef}\n"), 0o644)
	root := writeTree(t, map[string]string{
		"go.mod":              "module x\n",
		"cmd/a/main.go":       "package main\n",
		"cmd/cfg/ghperm.yml":  "manifest: " + secret + "\n",
		"cmd/wf/ghperm.yml":   "token: actions\nworkflow: ../../../" + filepath.Base(outside) + "/shadow\n",
		"cmd/ok/app.yml":      "default_permissions: {issues: read}\n",
		"cmd/link/ghperm.yml": "manifest: app.yml\n",
	})
	os.Symlink(secret, filepath.Join(root, "cmd", "link", "app.yml"))
	os.Symlink(secret, filepath.Join(root, "github-app.yml"))
	os.Symlink(outside, filepath.Join(root, "cmd", "dirlink"))

	for _, tc := range []struct {
		name, explicit, directive string
		want                      string // in the one error
	}{
		{"directive names an absolute path", "", secret, secret + " is outside " + root},
		{"directive climbs out", "", filepath.Join(root, "cmd", "a", "..", "..", "..", filepath.Base(outside), "shadow"), " is outside " + root},
		{"directive through a linked directory", "", filepath.Join(root, "cmd", "dirlink", "shadow"), " is outside " + root},
		{"config's manifest:", "", filepath.Join(root, "cmd", "cfg", "ghperm.yml"), "manifest: " + secret + " is outside"},
		{"config's workflow:", "", filepath.Join(root, "cmd", "wf", "ghperm.yml"), "cannot read the workflow: "},
		{"config's manifest is a link out", "", filepath.Join(root, "cmd", "link", "ghperm.yml"), "app.yml is outside " + root},
		{"well-known name is a link out", "", "", "cannot read the app manifest: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := load(t, root, tc.explicit, tc.directive)
			if len(errs) != 1 || !strings.Contains(errs[0].Msg, tc.want) {
				t.Fatalf("errors = %v, want one with %q", errs, tc.want)
			}
			if s := errs.Error(); strings.Contains(s, "root:*") || strings.Contains(s, "ghp_") {
				t.Errorf("the error shows the file's content: %s", s)
			}
			if !strings.Contains(errs[0].Error(), "outside") {
				t.Errorf("the error does not say the file is outside the tree: %v", errs[0])
			}
		})
	}
	// The user's flag may name any file.
	if errs := load(t, root, secret, ""); len(errs) == 0 || strings.Contains(errs.Error(), "outside") {
		t.Errorf("-manifest outside the module: %v", errs)
	}
	// Inputs (hashed into go vet's cache key) leaves the outside files out.
	for _, p := range Inputs(root) {
		if strings.HasPrefix(p, outside) || Confine(root, p) != nil {
			t.Errorf("Inputs has %s, outside the module", p)
		}
	}
}

func TestWorkspace(t *testing.T) {
	ws := writeTree(t, map[string]string{
		"go.work":          "go 1.26\n\nuse (\n\t./a\n\t./b\n)\n",
		"a/go.mod":         "module a\n",
		"a/app.yml":        "default_permissions: {issues: read}\n",
		"a/cmd/x/main.go":  "package main\n",
		"b/go.mod":         "module b\n",
		"b/main.go":        "//ghperm:manifest ../shared/app.yml\npackage main\n",
		"shared/app.yml":   "default_permissions: {contents: read}\n",
		"outside/go.mod":   "module o\n",
		"outside/main.go":  "package main\n",
		"outside/app.yaml": "",
	})
	t.Setenv("GOWORK", "")
	if got := TreeRoot(filepath.Join(ws, "b")); got != ws {
		t.Errorf("TreeRoot(b) = %s, want the workspace %s", got, ws)
	}
	if got := TreeRoot(filepath.Join(ws, "outside")); got != filepath.Join(ws, "outside") {
		t.Errorf("TreeRoot(outside) = %s: a module the workspace does not use is its own tree", got)
	}
	// A directive may name a file of the workspace.
	if errs := load(t, filepath.Join(ws, "b"), "", filepath.Join(ws, "shared", "app.yml")); len(errs) != 0 {
		t.Errorf("workspace directive: %v", errs)
	}
	var rel []string
	for _, p := range Inputs(ws) {
		r, _ := filepath.Rel(ws, p)
		rel = append(rel, filepath.ToSlash(r))
	}
	if want := []string{"a/app.yml", "shared/app.yml"}; !slices.Equal(rel, want) {
		t.Errorf("Inputs(workspace root) = %q, want %q", rel, want)
	}
	if got := Programs(ws); len(got) != 2 || !strings.HasPrefix(got[0], filepath.Join(ws, "a", "cmd", "x")+"\x00"+filepath.Join(ws, "a", "app.yml")) {
		t.Errorf("Programs(workspace root) = %q", got)
	}
	t.Setenv("GOWORK", "off")
	if got := Inputs(filepath.Join(ws, "a")); len(got) != 1 {
		t.Errorf("GOWORK=off: Inputs = %q, want a's own", got)
	}
}

// TestInputsFIFO: go vet asks the tool's identity (-V=full) before it
// starts, and that reads every .go file for directives: a FIFO named x.go
// hung it.
func TestInputsFIFO(t *testing.T) {
	root := writeTree(t, map[string]string{
		"go.mod":          "module x\n",
		"cmd/a/main.go":   "//ghperm:manifest app.yml\npackage main\n",
		"cmd/a/app.yml":   "",
		"cmd/b/main.go":   "//ghperm:manifest app.yml\npackage main\n",
		"cmd/b/ghperm.go": "", // replaced by a FIFO
	})
	mkfifo(t, filepath.Join(root, "cmd", "x.go"))
	mkfifo(t, filepath.Join(root, "cmd", "b", "app.yml"))
	done := make(chan []string)
	go func() { done <- Inputs(root) }()
	select {
	case got := <-done:
		if len(got) != 2 {
			t.Errorf("Inputs = %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Inputs hangs on a FIFO")
	}
}

// TestLongValuesQuoted: a value in a message is cut after maxQuoted bytes
// (50 unknown keys of 20 KB each printed 1 MB).
func TestLongValuesQuoted(t *testing.T) {
	long := strings.Repeat("k", 20_000)
	_, errs := Parse("app.json", []byte(`{"`+long+`": 1, "default_permissions": {"issues": "`+long+`"}}`))
	if len(errs) != 2 {
		t.Fatalf("errors = %.300v", errs)
	}
	for _, e := range errs {
		if len(e.Msg) > 300 || !strings.Contains(e.Msg, `kkk"... (20000 bytes)`) {
			t.Errorf("message of %d bytes: %.300s", len(e.Msg), e.Msg)
		}
	}
}

// TestLongLine: positions in a long line were found by counting from the
// line's start for every value: a 1 MB flow list ([a,a,...]) took 36 s.
func TestLongLine(t *testing.T) {
	for _, data := range []string{
		"[" + strings.Repeat("a,", 524_000) + "a]",
		"[" + strings.Repeat("é,", 349_000) + "é]",
	} {
		start := time.Now()
		_, errs := Parse("app.yml", []byte(data))
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("Parse took %v", d)
		}
		if len(errs) != 1 || errs[0].Pos.Line != 1 || !strings.HasPrefix(errs[0].Msg, "too many values") {
			t.Errorf("errors = %v", errs)
		}
	}
	// Character columns in a non-ASCII line become byte offsets.
	ls := newLines("f", []byte("ab\né:é: x\n"))
	if p := ls.runePos(2, 3); p.Offset != 6 || p.Col != 4 {
		t.Errorf("runePos(2, 3) = %+v, want offset 6 (column 4 in bytes)", p)
	}
	if p := ls.runePos(2, 99); p.Offset != 11 {
		t.Errorf("runePos(2, 99) = %+v, want the line's end (offset 11)", p)
	}
}

// TestConfineMessagePrintable: go vet prints messages as they are, so the
// path a directive chose is escaped in the confinement error.
func TestConfineMessagePrintable(t *testing.T) {
	err := Confine(t.TempDir(), "/tmp/\x1b[2J/x.yml")
	if err == nil || strings.Contains(err.Error(), "\x1b") || !strings.Contains(err.Error(), `/tmp/\x1b[2J/x.yml is outside`) {
		t.Errorf("Confine = %q", err)
	}
	if got := printable(`C:\dir\"x".yml`); got != `C:\dir\"x".yml` {
		t.Errorf("printable changed a path without control characters: %s", got)
	}
}
