package analyzer

import (
	"errors"
	"fmt"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/ghperm/ghperm/internal/load"
	"github.com/ghperm/ghperm/report"
)

// newTestAnalyzer returns a fresh Analyzer with flags set.
func newTestAnalyzer(t *testing.T, flags map[string]string) *analysis.Analyzer {
	a := New(DefaultConfig())
	for k, v := range flags {
		if err := a.Flags.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// extract writes the files of a txtar archive under dir.
func extract(t *testing.T, name, dir string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
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
}

// TestFixtures runs the analyzer on fixture modules, and checks their
// expectations: each a txtar archive of the module, with client library
// stubs (testdata/stubs) extracted where its go.mod replaces them from, or
// vendors them.
func TestFixtures(t *testing.T) {
	a := newTestAnalyzer(t, map[string]string{"endpoints": "true"})
	t.Run("workspace", func(t *testing.T) {
		t.Parallel()
		runWorkspace(t, a, "gogithub", "majors", "clients", "reach")
	})
	t.Run("vendored", func(t *testing.T) {
		if testing.Short() {
			t.Skip("loads a vendored module on its own (about 5 s of CPU); run without -short")
		}
		t.Parallel()
		dir := t.TempDir()
		extract(t, "vendored.txtar", dir)
		extract(t, filepath.Join("stubs", "go-github-v92.txtar"), filepath.Join(dir, "vendor/github.com/google/go-github/v92"))
		analysistest.Run(t, dir, a, "./...")
	})
}

// runWorkspace checks the expectations of fixture modules loaded
// together (see writeWorkspace).
func runWorkspace(t *testing.T, a *analysis.Analyzer, fixtures ...string) {
	dir := t.TempDir()
	analysistest.Run(t, dir, a, writeWorkspace(t, dir, fixtures...)...)
}

// writeWorkspace extracts fixture modules (testdata/NAME.txtar) under dir,
// in one workspace whose go.work replaces the client libraries by their
// stubs, so that they load together and the standard library is
// type-checked once: loading is the cost of these tests. It returns the
// patterns of their packages.
func writeWorkspace(t *testing.T, dir string, fixtures ...string) []string {
	stubs := map[string]string{ // module path → stub archive
		"github.com/google/go-github/v56": "go-github-v56.txtar",
		"github.com/google/go-github/v74": "go-github-v74.txtar",
		"github.com/google/go-github/v92": "go-github-v92.txtar",
		"github.com/cli/go-gh":            "go-gh-v1.txtar",
		"github.com/cli/go-gh/v2":         "go-gh-v2.txtar",
		"github.com/shurcooL/githubv4":    "githubv4.txtar",
	}
	work := "go 1.26\n\nuse .\n"
	var patterns []string
	for _, fixture := range fixtures {
		extract(t, fixture+".txtar", filepath.Join(dir, fixture))
		work += "use ./" + fixture + "\n"
		patterns = append(patterns, "./"+fixture+"/...")
	}
	for _, mod := range slices.Sorted(maps.Keys(stubs)) {
		sub := "_stubs/" + strings.TrimSuffix(stubs[mod], ".txtar")
		extract(t, filepath.Join("stubs", stubs[mod]), filepath.Join(dir, sub))
		work += "replace " + mod + " => ./" + sub + "\n"
	}
	writeFile(t, filepath.Join(dir, "go.work"), work)
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/fixtures\n\ngo 1.26\n")
	return patterns
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// quiet collects what analysistest would report as test failures.
type quiet struct{ errs []string }

func (q *quiet) Errorf(format string, args ...any) {
	q.errs = append(q.errs, fmt.Sprintf(format, args...))
}

// runFixture runs a fresh analyzer with flags on the fixtures gogithub,
// reach and workflow and returns the root actions by package path,
// without checking expectations (TestFixtures and TestGrantFixtures check
// them, through analysistest). The fixtures are loaded once, together
// (writeWorkspace), as the ghperm command loads code, and the packages and
// runs are shared, read only, by the tests that ask for them.
func runFixture(t *testing.T, flags map[string]string) map[string]*checker.Action {
	t.Helper()
	pkgs, err := fixtureLoad.get("", func() ([]*packages.Package, error) {
		dir, err := os.MkdirTemp("", "ghperm-fixture-")
		if err != nil {
			return nil, err
		}
		fixtureDirs.Store(dir, true)
		return loadFixture(dir, writeWorkspace(t, dir, "gogithub", "reach", "workflow")...)
	})
	if err != nil {
		t.Fatal(err)
	}
	acts, err := fixtureRuns.get(fmt.Sprint(flags), func() (map[string]*checker.Action, error) {
		return analyze(pkgs, newTestAnalyzer(t, flags))
	})
	if err != nil {
		t.Fatal(err)
	}
	return acts
}

// loadFixture loads the packages of dir matching patterns (in its
// workspace, if it has a go.work), and their tests, as internal/load
// loads them for the ghperm command.
func loadFixture(dir string, patterns ...string) ([]*packages.Package, error) {
	cfg := load.Config(dir, true)
	work := filepath.Join(dir, "go.work")
	if _, err := os.Stat(work); err != nil {
		work = "off"
	}
	cfg.Env = append(os.Environ(), "GO111MODULE=on", "GOPROXY=off", "GOWORK="+work)
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var errs []error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e)
		}
	})
	return pkgs, errors.Join(errs...)
}

// analyze runs a on pkgs and returns its root actions by package path.
func analyze(pkgs []*packages.Package, a *analysis.Analyzer) (map[string]*checker.Action, error) {
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, &checker.Options{SanityCheck: true})
	if err != nil {
		return nil, err
	}
	acts := make(map[string]*checker.Action)
	for _, act := range graph.Roots {
		if act.Err != nil {
			return nil, fmt.Errorf("%s: %w", act, act.Err)
		}
		acts[act.Package.PkgPath] = act
	}
	return acts, nil
}

// A memo computes each key's value once, for every test that asks.
type memo[T any] struct {
	mu sync.Mutex
	m  map[string]*memoEntry[T]
}

type memoEntry[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (m *memo[T]) get(key string, f func() (T, error)) (T, error) {
	m.mu.Lock()
	e := m.m[key]
	if e == nil {
		if m.m == nil {
			m.m = make(map[string]*memoEntry[T])
		}
		e = new(memoEntry[T])
		m.m[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.v, e.err = f() })
	return e.v, e.err
}

var (
	fixtureLoad memo[[]*packages.Package]        // the one load of runFixture
	fixtureRuns memo[map[string]*checker.Action] // by flags
	fixtureDirs sync.Map                         // directories to remove after the tests
)

func TestMain(m *testing.M) {
	code := m.Run()
	fixtureDirs.Range(func(dir, _ any) bool {
		os.RemoveAll(dir.(string))
		return true
	})
	os.Exit(code)
}

func categories(r *checker.Action) map[report.Category]int {
	n := make(map[report.Category]int)
	for _, d := range r.Diagnostics {
		n[report.Category(d.Category)]++
	}
	return n
}

// TestFlags checks that -unresolved=false silences unresolved calls and
// that endpoints are reported only with -endpoints, while the Result
// always lists every call.
func TestFlags(t *testing.T) {
	t.Parallel()
	const pkg = "example.com/app/escape"
	def := runFixture(t, nil)[pkg]
	quiet := runFixture(t, map[string]string{"unresolved": "false", "endpoints": "true"})[pkg]
	if got := categories(def); got[report.Unresolved] != 3 || got[report.EndpointCall] != 0 {
		t.Errorf("default flags: diagnostics by category %v, want 3 unresolved, no endpoint", got)
	}
	if got := categories(quiet); got[report.Unresolved] != 0 || got[report.EndpointCall] != 5 {
		t.Errorf("-unresolved=false -endpoints: diagnostics by category %v, want no unresolved, 5 endpoint", got)
	}
	for _, r := range []*checker.Action{def, quiet} {
		res := r.Result.(*Result)
		// The unresolved call under //ghperm:ignore is in the Result (it
		// makes needs incomplete), without a diagnostic.
		if len(res.Calls) != 5 || len(res.Unresolved) != 4 {
			t.Errorf("Result has %d calls and %d unresolved, want 5 and 4", len(res.Calls), len(res.Unresolved))
		}
	}
}

// TestResultChains checks the Result of a call of a wrapper in another
// package: its style, endpoints, and the chain down to the go-github call,
// each step's position found in the Result of the step's package.
func TestResultChains(t *testing.T) {
	t.Parallel()
	results := runFixture(t, nil)
	r := results["example.com/app/cmd/bot"]
	res := r.Result.(*Result)
	var comment *Call
	for i, c := range res.Calls {
		if c.Callee == "(*ghwrap.Client).Comment" {
			comment = &res.Calls[i]
		}
	}
	if comment == nil {
		t.Fatalf("no call of (*ghwrap.Client).Comment in %+v", res.Calls)
	}
	if comment.Style != StyleWrapper || len(comment.Endpoints) != 2 {
		t.Fatalf("Comment call: style %s, %d endpoints; want wrapper, 2", comment.Style, len(comment.Endpoints))
	}
	var e Endpoint
	for _, ce := range comment.Endpoints {
		if ce.Key == "GET /repos/{owner}/{repo}" {
			e = ce
		}
	}
	var chain []string
	for _, s := range e.Chain {
		var pos token.Position
		if r := results[s.At.Pkg]; r != nil {
			pos = r.Package.Fset.Position(r.Result.(*Result).Position(s.At))
		}
		chain = append(chain, fmt.Sprintf("%s in %s at %s:%d:%d", s.Label(), s.At.Name, filepath.Base(pos.Filename), pos.Line, pos.Column))
	}
	want := []string{
		"(*ghwrap.Client).Comment in main.main at main.go:24:2",
		"(*ghwrap.Client).exists in (*ghwrap.Client).Comment at ghwrap.go:26:12",
		"(*github.RepositoriesService).Get in (*ghwrap.Client).exists at ghwrap.go:34:15",
	}
	if e.Key != "GET /repos/{owner}/{repo}" || !slices.Equal(chain, want) {
		t.Errorf("endpoint %s chain\n\t%s\nwant GET /repos/{owner}/{repo} chain\n\t%s",
			e.Key, strings.Join(chain, "\n\t"), strings.Join(want, "\n\t"))
	}
	if len(res.Unresolved) != 1 || res.Unresolved[0].Style != StyleIface {
		t.Errorf("unresolved calls %+v, want the one interface call", res.Unresolved)
	}
}

// TestUsesByID checks what the comparison takes from calls of routes by
// numeric ID and of an operation GitHub no longer describes: the alias
// counts as its canonical operation, with the sites of both spellings,
// and the removed operation as an unresolved call.
func TestUsesByID(t *testing.T) {
	t.Parallel()
	r := runFixture(t, nil)["example.com/app/byid"]
	cat, err := theCatalog()
	if err != nil {
		t.Fatal(err)
	}
	uses, unresolved := r.Result.(*Result).Uses(cat, r.Package.Fset, "")
	sites := make(map[string]int)
	for _, u := range uses {
		sites[u.Op.Key()] += len(u.Sites)
	}
	want := map[string]int{"GET /repos/{owner}/{repo}": 2, "GET /orgs/{org}/teams/{team_slug}": 1}
	if !maps.Equal(sites, want) || len(uses) != len(want) || unresolved != 2 {
		t.Errorf("uses (sites by operation) %v in %d uses, %d unresolved; want %v, one use each, 2 unresolved", sites, len(uses), unresolved, want)
	}
}

// TestReach checks what a program reaches from its roots through
// registered handlers, closures, generic instantiations, a package
// variable's function value and a go-github service behind a project
// interface, and that a handler never registered is not reached.
func TestReach(t *testing.T) {
	t.Parallel()
	reached, unreached := programOf(t, "example.com/reach/cmd/app")
	want := map[string]string{
		"GET /repos/{owner}/{repo}/pulls/{pull_number}":             "main.main → (registered) (*handler.PRHandler).Handle → (*github.PullRequestsService).Get",
		"POST /repos/{owner}/{repo}/issues/{issue_number}/comments": "main.main → handler.NewComment → (registered) (*handler.CommentHandler).Handle → (*github.IssuesService).CreateComment",
		"GET /users/{username}":                                     "main.main → (*github.UsersService).Get",
		"GET /user":                                                 "main.main → (registered) (jobs.Sync).Do → (*github.UsersService).Get",
		"GET /orgs/{org}/repos":                                     "main.main → (registered) (*github.RepositoriesService).ListByOrg",
		"GET /repos/{owner}/{repo}/zipball/{ref}":                   "jobs.init → (value) jobs.archive → (*github.RepositoriesService).GetArchiveLink",
	}
	if !maps.Equal(reached, want) {
		t.Errorf("reached (endpoint: chain):\n%s\nwant:\n%s", fmtMap(reached), fmtMap(want))
	}
	if want := []string{"(*handler.Dead).Handle: GET /repos/{owner}/{repo}"}; !slices.Equal(unreached, want) {
		t.Errorf("unreached %q, want %q", unreached, want)
	}
}

// programOf runs the analyzer on the reach fixture and returns what the
// program of package pkg reaches (endpoint: the chain from its root) and
// the calls it does not reach ("function: endpoints").
func programOf(t *testing.T, pkg string) (reached map[string]string, unreached []string) {
	prog := runFixture(t, nil)[pkg].Result.(*Result).Program
	reached = map[string]string{}
	for _, pc := range prog.Reached {
		for _, k := range pc.Endpoints {
			reached[k] = pc.Root + " → " + strings.Join(labels(pc.Chain), " → ")
		}
	}
	for _, pc := range prog.Unreached {
		unreached = append(unreached, pc.At.Name+": "+strings.Join(pc.Endpoints, ", "))
	}
	return reached, unreached
}

// TestReachValues checks a constructor passed as a value, a promoted
// method of an embedded handler, a handler sent on a channel and a
// deferred call; Dead stays unreached.
func TestReachValues(t *testing.T) {
	t.Parallel()
	reached, unreached := programOf(t, "example.com/reach/cmd/more")
	want := map[string]string{
		"GET /users/{username}":                                     "main.main → (value) adapter.New → (registered) (*adapter.labeler).Start → (*github.UsersService).Get",
		"GET /repos/{owner}/{repo}/pulls/{pull_number}":             "main.main → (registered) (*handler.PRHandler).Handle → (*github.PullRequestsService).Get",
		"POST /repos/{owner}/{repo}/issues/{issue_number}/comments": "main.main → (registered) (*handler.CommentHandler).Handle → (*github.IssuesService).CreateComment",
		"GET /repos/{owner}/{repo}":                                 "main.main → main.cleanup → (*github.RepositoriesService).Get",
	}
	if !maps.Equal(reached, want) {
		t.Errorf("reached (endpoint: chain):\n%s\nwant:\n%s", fmtMap(reached), fmtMap(want))
	}
	if want := []string{"(*handler.Dead).Handle: GET /repos/{owner}/{repo}"}; !slices.Equal(unreached, want) {
		t.Errorf("unreached %q, want %q", unreached, want)
	}
}

func fmtMap(m map[string]string) string {
	var lines []string
	for k, v := range m {
		lines = append(lines, "\t"+k+": "+v)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
