package main

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/ghperm/ghperm/analyzer"
	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

const checkUsage = `usage: ghperm [flags] [packages]
       ghperm <command> [flags] [packages]

Check the GitHub API calls of the packages (default ".") against the
GitHub App manifest that governs them, and report missing grants, excess
grants and calls whose endpoint cannot be determined.

Exit status: 0 no findings, 1 findings, 2 usage, load or configuration
errors; the same for every -format.

Analyzer flags are accepted as -ghperm.NAME (as under go vet) and -NAME.
`

// usageText is the usage of the check mode with the list of commands.
func usageText() string {
	var b strings.Builder
	b.WriteString(checkUsage)
	b.WriteString("\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.short)
	}
	b.WriteString("\nFlags:\n")
	return b.String()
}

// checkFlags are the flags of the check mode; loadFlags is shared with the
// other subcommands that load packages.
type loadFlags struct {
	dir   string
	tests bool
}

func (lf *loadFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&lf.dir, "C", "", "change to `dir` before loading packages")
	fs.BoolVar(&lf.tests, "test", true, "also check test packages")
}

// addAnalyzerFlags makes the analyzer's flags settable as -ghperm.NAME (as
// under go vet) and, where no flag of the command has the name, as -NAME.
// The flags are the analyzer's (global) configuration: they are reset to
// their defaults first, so that each run starts from the same state.
func addAnalyzerFlags(fs *flag.FlagSet, a *analysis.Analyzer) {
	a.Flags.VisitAll(func(f *flag.Flag) {
		f.Value.Set(f.DefValue)
		fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ghperm", flag.ContinueOnError)
	var lf loadFlags
	lf.register(fs)
	format := fs.String("format", "text", "output `format`: text, json or sarif")
	asJSON := fs.Bool("json", false, "short for -format json")
	addAnalyzerFlags(fs, analyzer.Analyzer)
	patterns, code := parseFlags(fs, usageText(), args, stdout, stderr)
	if code >= 0 {
		return code
	}
	if *asJSON {
		*format = "json"
	}
	var h report.Handler
	switch *format {
	case "text":
		h = report.NewTextHandler(stdout)
	case "json":
		h = report.NewJSONHandler(stdout)
	case "sarif":
		h = report.NewSARIFHandler(stdout)
	default:
		return usageError(stderr, fmt.Errorf("unknown -format %q (want text, json or sarif)", *format))
	}

	res, err := analyze(lf, patterns, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "ghperm: %v\n", err)
		return 2
	}
	if err := h.Config(res.config()); err != nil {
		fmt.Fprintf(stderr, "ghperm: %v\n", err)
		return 2
	}
	n := 0
	for _, f := range res.findings() {
		n++
		if err := h.Finding(f); err != nil {
			fmt.Fprintf(stderr, "ghperm: %v\n", err)
			return 2
		}
	}
	if err := h.Flush(); err != nil {
		fmt.Fprintf(stderr, "ghperm: writing output: %v\n", err)
		return 2
	}
	if n > 0 {
		return 1
	}
	return 0
}

// parseFlags parses args. It returns the remaining arguments (default
// ".") and -1, or an exit code when the command should stop: 0 after
// -help, 2 after a usage error (one line on stderr).
func parseFlags(fs *flag.FlagSet, usage string, args []string, stdout, stderr io.Writer) ([]string, int) {
	fs.SetOutput(io.Discard) // errors are reported on one line below
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil, 0
		}
		return nil, usageError(stderr, err)
	}
	if fs.NArg() == 0 {
		return []string{"."}, -1
	}
	return fs.Args(), -1
}

func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "ghperm: %v (see ghperm -help)\n", err)
	return 2
}

// A result is the outcome of analysing the root packages.
type result struct {
	root    string // absolute directory file names are made relative to
	graph   *checker.Graph
	catalog *catalog.Catalog
	dirs    map[string]string // package path -> directory, for chain steps
}

// analyze loads the packages matching patterns and runs the analyzer on
// them. Load errors, patterns that match nothing and analysis errors are
// errors: ghperm does not report on code it could not see whole.
func analyze(lf loadFlags, patterns []string, stderr io.Writer) (*result, error) {
	if lf.dir != "" {
		if _, err := os.Stat(lf.dir); err != nil {
			return nil, fmt.Errorf("-C: %w", err)
		}
	}
	root, err := filepath.Abs(lf.dir)
	if err != nil {
		return nil, err
	}
	cat, err := catalog.Load()
	if err != nil {
		return nil, fmt.Errorf("loading the endpoint catalog: %w", err)
	}
	progress(stderr, "loading packages")
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   lf.dir,
		Tests: lf.tests,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading packages: %w", err)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	var errs []string
	dirs := make(map[string]string)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.GoFiles) > 0 {
			dirs[p.PkgPath] = filepath.Dir(p.GoFiles[0])
		}
		for _, e := range p.Errors {
			if e.Pos == "" || e.Pos == "-" {
				errs = append(errs, e.Msg)
			} else {
				errs = append(errs, e.Error())
			}
		}
	})
	if len(errs) > 0 {
		return nil, firstOf(errs)
	}
	progress(stderr, fmt.Sprintf("analysing %d packages", len(pkgs)))
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		return nil, err
	}
	for _, act := range graph.Roots {
		if act.Err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", act.Package.PkgPath, act.Err))
		}
	}
	if len(errs) > 0 {
		return nil, firstOf(errs)
	}
	return &result{root: root, graph: graph, catalog: cat, dirs: dirs}, nil
}

// firstOf is the first error and how many more there are: the user gets
// one line.
func firstOf(errs []string) error {
	if len(errs) == 1 {
		return errors.New(errs[0])
	}
	return fmt.Errorf("%s (and %d more errors)", errs[0], len(errs)-1)
}

// progress reports a step on stderr when it is a terminal.
func progress(stderr io.Writer, msg string) {
	if f, ok := stderr.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprintf(f, "ghperm: %s...\n", msg)
		}
	}
}

func (r *result) config() *report.Config {
	return &report.Config{Version: version(), Catalog: r.catalog.Version(), Root: r.root}
}

// findings converts the diagnostics of the root actions, with the
// endpoint, requirement and call chain of the call they are about from the
// analyzer's Result. Duplicates (a package and its test variant) are left
// to the handlers.
func (r *result) findings() []*report.Finding {
	var fs []*report.Finding
	for _, act := range r.graph.Roots {
		fset := act.Package.Fset
		calls := callsByPos(act.Result)
		for _, d := range act.Diagnostics {
			f := &report.Finding{
				Category: d.Category,
				Message:  d.Message,
				Position: r.position(fset, d.Pos, d.End),
				URL:      d.URL,
			}
			for _, rel := range d.Related {
				f.Related = append(f.Related, report.Related{Message: rel.Message, Position: r.position(fset, rel.Pos, rel.End)})
			}
			if c := calls[d.Pos]; c != nil {
				r.addCall(f, c)
			}
			fs = append(fs, f)
		}
	}
	return fs
}

// callsByPos indexes the call sites of an analyzer result by position.
func callsByPos(res any) map[token.Pos]*analyzer.Call {
	m := make(map[token.Pos]*analyzer.Call)
	if res, ok := res.(*analyzer.Result); ok {
		for _, cs := range [][]analyzer.Call{res.Calls, res.Unresolved} {
			for i := range cs {
				m[cs[i].Pos] = &cs[i]
			}
		}
	}
	return m
}

// addCall adds what the finding's call reaches: the endpoint its message
// names (or its only endpoint), that endpoint's requirement for an
// installation token, and the call chain, or for a call that reaches
// GitHub in an unknown way, the chain to that call.
func (r *result) addCall(f *report.Finding, c *analyzer.Call) {
	var chain []analyzer.Step
	for _, e := range c.Endpoints {
		if len(c.Endpoints) > 1 && !strings.Contains(f.Message, e.Key) {
			continue
		}
		method, path, _ := strings.Cut(e.Key, " ")
		f.Endpoint = &report.Endpoint{Method: method, Path: path, OperationID: e.ID}
		if op, ok := r.catalog.Lookup(method, path); ok && op.Installation.Usable {
			for _, set := range op.Installation.Sets {
				var grants []string
				for _, g := range set {
					grants = append(grants, g.String())
				}
				f.Requirement = append(f.Requirement, grants)
			}
		}
		chain = e.Chain
		break
	}
	if f.Endpoint == nil && len(c.Inner) > 0 {
		chain = c.Inner[0].Chain
	}
	for _, s := range chain {
		f.Chain = append(f.Chain, report.Step{Function: s.Name, Position: r.stepPosition(s.Pos)})
	}
}

// stepPosition resolves a chain step's "import/path/file.go:line:col"
// to a file position; steps in packages that were not loaded keep the
// import path as file name.
func (r *result) stepPosition(s string) report.Position {
	rest, col, _ := cutLastInt(s)
	file, line, ok := cutLastInt(rest)
	if !ok {
		return report.Position{File: s}
	}
	if dir, found := r.dirs[path.Dir(file)]; found {
		file = report.RelPath(r.root, filepath.Join(dir, path.Base(file)))
	}
	return report.Position{File: file, Line: line, Col: col}
}

// cutLastInt splits "s:N" into s and N.
func cutLastInt(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil {
		return s, 0, false
	}
	return s[:i], n, true
}

func (r *result) position(fset *token.FileSet, pos, end token.Pos) report.Position {
	p := fset.Position(pos)
	rp := report.Position{File: report.RelPath(r.root, p.Filename), Line: p.Line, Col: p.Column}
	if end.IsValid() && end != pos {
		e := fset.Position(end)
		rp.EndLine, rp.EndCol = e.Line, e.Column
	}
	return rp
}

// version is ghperm's module version, "(devel)" when built from a work
// tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
