package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestVetTool builds ghperm and runs it as go vet's vet tool on a module
// that uses the real go-github v74 from the module proxy: the facts of
// go-github's directives, a wrapper in another package, an escape hatch
// and an unresolved call all come out of a real go vet run, and the
// program, which has no manifest, is told to declare its grants.
func TestVetTool(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds ghperm and runs go vet")
	}
	bin := buildGhperm(t)
	mod := extractModule(t, filepath.Join("testdata", "vet.txtar"))
	gocmd(t, mod, "mod", "tidy")
	diags := goVet(t, mod, bin, "-ghperm.endpoints", "./...")

	// "./main.go:15:2: message" → "main.go:15 message"
	line := regexp.MustCompile(`^(?:\./)?([\w/]+\.go):(\d+):\d+: (.*)$`)
	var got []string
	for _, d := range diags {
		if m := line.FindStringSubmatch(d); m != nil {
			got = append(got, m[1]+":"+m[2]+" "+m[3])
		}
	}
	slices.Sort(got)
	want := []string{
		// No manifest says what the program is granted.
		"main.go:1 the program calls GitHub (5 calls, such as (*github.UsersService).Get at example.com/e2e/main.go:15:2) but no grants are declared to compare them with: " +
			"add the app manifest (app.yml) or a ghperm.yml at the module root, or a //ghperm:manifest <path> directive here (//ghperm:manifest none: do not compare)",
		"main.go:14 GET /repos/{owner}/{repo}/pulls/{pull_number} (pulls/get) needs pull_requests:read or contents:read via wrap.PR",
		"main.go:15 GET /user (users/get-authenticated) is not usable with an installation token",
		"main.go:16 POST /orgs/{org}/repos (repos/create-in-org) needs administration:write",
		"main.go:17 GET /repos/{owner}/{repo}/labels (issues/list-labels-for-repo) needs issues:read or pull_requests:read",
		"main.go:19 (*github.Client).NewRequest reaches GitHub, endpoint unknown: URL not known at compile time",
		"wrap/wrap.go:12 GET /repos/{owner}/{repo}/pulls/{pull_number} (pulls/get) needs pull_requests:read or contents:read",
	}
	if !slices.Equal(got, want) {
		t.Errorf("go vet found\n\t%s\nwant\n\t%s\nfull output:\n%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"), strings.Join(diags, "\n"))
	}
}

func gocmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestStdFactsOnly: go vet's request for a standard library package's
// facts is answered with empty files, without reading the package's files
// (here, ones that do not exist); every other unit goes to unitchecker.
func TestStdFactsOnly(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, cfg string
		done      bool
	}{
		{"std facts", `{"ImportPath": "net/http", "VetxOnly": true}`, true},
		{"std vendored", `{"ImportPath": "vendor/golang.org/x/net/idna", "VetxOnly": true}`, true},
		{"std vetted", `{"ImportPath": "net/http", "VetxOnly": false}`, false},
		{"module facts", `{"ImportPath": "x/wrap", "ModulePath": "x", "VetxOnly": true}`, false},
		{"module of go1.27", `{"ImportPath": "x/wrap", "Module": {"Path": "x"}, "VetxOnly": true}`, false},
		{"dependency", `{"ImportPath": "github.com/google/go-github/v74/github", "ModulePath": "github.com/google/go-github/v74", "VetxOnly": true}`, false},
	}
	for i, c := range cases {
		vetx, stdout := filepath.Join(dir, fmt.Sprint(i, ".vetx")), filepath.Join(dir, fmt.Sprint(i, ".stdout"))
		unit := strings.TrimSuffix(c.cfg, "}") + fmt.Sprintf(`, "GoFiles": [%q], "VetxOutput": %q, "Stdout": %q}`, filepath.Join(dir, "missing.go"), vetx, stdout)
		cfg := filepath.Join(dir, fmt.Sprint(i, ".cfg"))
		if err := os.WriteFile(cfg, []byte(unit), 0o644); err != nil {
			t.Fatal(err)
		}
		done, err := stdFactsOnly(cfg)
		if err != nil || done != c.done {
			t.Errorf("%s: stdFactsOnly = %v, %v; want %v, nil", c.name, done, err, c.done)
			continue
		}
		for _, out := range []string{vetx, stdout} {
			fi, err := os.Stat(out)
			switch {
			case c.done && (err != nil || fi.Size() != 0):
				t.Errorf("%s: %s: want an empty file, got %v, %v", c.name, filepath.Base(out), fi, err)
			case !c.done && err == nil:
				t.Errorf("%s: %s written for a unit unitchecker must run", c.name, filepath.Base(out))
			}
		}
	}
	bad := filepath.Join(dir, "bad.cfg")
	if err := os.WriteFile(bad, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := stdFactsOnly(bad); err == nil || !strings.Contains(err.Error(), "bad.cfg") {
		t.Errorf("malformed config: err = %v, want one naming the file", err)
	}
}
