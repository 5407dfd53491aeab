// Package scan is the driver behind the ghperm command: it loads Go
// packages, runs the ghperm analyzer on them, and turns the analyzer's
// results into report findings and needs. The command maps its errors to
// exit statuses and renders what it returns.
package scan

import (
	"errors"
	"fmt"
	"go/token"
	"go/version"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/ghperm/ghperm/analyzer"
	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/internal/load"
	"github.com/ghperm/ghperm/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Config says what to load and how to analyse it.
type Config struct {
	Dir      string // the directory to load from ("" for the current one)
	Tests    bool   // load the packages' tests too
	Analyzer analyzer.Config
}

// A Result is the outcome of analysing the root packages.
type Result struct {
	cfg     Config
	root    string // absolute directory file names are made relative to
	graph   *checker.Graph
	catalog *catalog.Catalog
	fset    *token.FileSet
	results map[string][]*analyzer.Result // by package path (with test variants): where chain steps are
}

// Run loads the packages matching patterns and runs the analyzer on them,
// telling progress (if not nil) of each step. Load errors, patterns that
// match nothing and analysis errors are errors: ghperm does not report on
// code it could not see whole.
func Run(cfg Config, patterns []string, progress func(string)) (*Result, error) {
	if progress == nil {
		progress = func(string) {}
	}
	pkgs, err := Load(cfg.Dir, cfg.Tests, patterns, progress)
	if err != nil {
		return nil, err
	}
	return pkgs.Analyze(cfg.Analyzer, progress)
}

// Packages are loaded packages, which any configuration of the analyzer
// can analyse: the analyzer reads manifests when it runs, not here.
type Packages struct {
	dir   string // as given to Load
	tests bool
	root  string // absolute directory file names are made relative to
	pkgs  []*packages.Package
}

// Load loads the packages of dir matching patterns (see Run).
func Load(dir string, tests bool, patterns []string, progress func(string)) (*Packages, error) {
	if dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("-C: %w", err)
		}
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	progress("loading packages")
	pkgs, err := packages.Load(load.Config(dir, tests), patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading packages: %w", err)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if e.Pos == "" || e.Pos == "-" {
				errs = append(errs, e.Msg)
			} else {
				errs = append(errs, e.Error())
			}
		}
	})
	if len(errs) > 0 {
		if err := newerGo(dir, runtime.Version()); err != nil {
			return nil, fmt.Errorf("%w (loading: %v)", err, firstOf(errs))
		}
		return nil, firstOf(errs)
	}
	return &Packages{dir: dir, tests: tests, root: root, pkgs: pkgs}, nil
}

// Analyze runs the analyzer configured by cfg on the packages.
func (p *Packages) Analyze(cfg analyzer.Config, progress func(string)) (*Result, error) {
	if progress == nil {
		progress = func(string) {}
	}
	cat, err := catalog.Load()
	if err != nil {
		return nil, fmt.Errorf("loading the endpoint catalog: %w", err)
	}
	progress(fmt.Sprintf("analysing %d packages", len(p.pkgs)))
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.New(cfg)}, p.pkgs, nil)
	if err != nil {
		return nil, err
	}
	var errs []string
	for _, act := range graph.Roots {
		if act.Err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", act.Package.PkgPath, act.Err))
		}
	}
	if len(errs) > 0 {
		return nil, firstOf(errs)
	}
	results := make(map[string][]*analyzer.Result)
	for act := range graph.All() {
		if res, ok := act.Result.(*analyzer.Result); ok {
			results[act.Package.PkgPath] = append(results[act.Package.PkgPath], res)
		}
	}
	return &Result{
		cfg:  Config{Dir: p.dir, Tests: p.tests, Analyzer: cfg},
		root: p.root, graph: graph, catalog: cat, fset: p.pkgs[0].Fset, results: results,
	}, nil
}

// newerGo says so when the Go toolchain that dir's module selects is newer
// than the one ghperm was built with (built): ghperm's type checker then
// fails on the newer standard library's sources, with errors about them
// that do not say why.
func newerGo(dir, built string) error {
	cmd := exec.Command("go", "env", "GOVERSION")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	return goNewer(strings.TrimSpace(string(out)), built)
}

// goNewer is newerGo's verdict for the toolchain's version.
func goNewer(toolchain, built string) error {
	if version.Compare(toolchain, built) <= 0 || !version.IsValid(built) {
		return nil
	}
	return fmt.Errorf("this module needs %s; ghperm was built with %s: rebuild it with that Go (go tool ghperm does this)", toolchain, built)
}

// firstOf is the first error and how many more there are: the user gets
// one line.
func firstOf(errs []string) error {
	if len(errs) == 1 {
		return errors.New(errs[0])
	}
	return fmt.Errorf("%s (and %d more errors)", errs[0], len(errs)-1)
}

// Report describes the run for the report handlers.
func (r *Result) Report() *report.Config {
	cfg := &report.Config{Version: Version(), Catalog: r.catalog.Version(), Root: r.root, SrcRoot: r.repoRoot()}
	for _, act := range r.programs() {
		if res, ok := act.Result.(*analyzer.Result); ok && res.Program != nil {
			cfg.Unreached += len(res.Program.Unreached)
		}
	}
	return cfg
}

// Findings converts the findings of the root actions, with the data the
// analyzer keeps for each: the endpoint and its requirement for the token
// kind the grants were compared for (scopes for OAuth), the call chain,
// the manifest position. Positions outside the analysed modules are left
// out (see inModule). Duplicates (a package and its test variant) are
// left to the handlers; a package's findings about its own calls compared
// on their own (analyzer.Finding.PackageView) are dropped when a main
// package is analysed, whose findings cover the same calls for the program.
// A finding in a Go file under a //nolint comment for ghperm is dropped,
// as golangci-lint drops it.
func (r *Result) Findings() []*report.Finding {
	var fs []*report.Finding
	// With a program in the run, its findings are the ones about its
	// packages' calls.
	programView := r.programs()[0].Package.Name == "main"
	var nl nolint
	for _, act := range r.graph.Roots {
		res, ok := act.Result.(*analyzer.Result)
		if !ok {
			continue
		}
		fset := act.Package.Fset
		for _, d := range res.Findings {
			if d.PackageView && programView {
				continue
			}
			if p := fset.Position(d.Pos); strings.HasSuffix(p.Filename, ".go") && nl.covers(p.Filename, p.Line) {
				continue
			}
			f := &report.Finding{
				Category: report.Category(d.Category),
				Message:  d.Message,
				Position: r.position(fset, d.Pos, d.End),
				URL:      d.URL,
				Key:      d.Key,
				Chain:    r.steps(d.Chain),
			}
			if f.Category == report.MissingGrant || f.Category == report.ExcessGrant {
				r.extend(act.Package, d.Pos, &f.Position)
			}
			for _, rel := range d.Related {
				f.Related = append(f.Related, report.Related{Message: rel.Message, Position: r.position(fset, rel.Pos, rel.End)})
			}
			if d.Manifest.IsValid() {
				p := r.position(fset, d.Manifest, token.NoPos)
				f.Manifest = &p
			}
			if d.Endpoint != "" {
				method, path, _ := strings.Cut(d.Endpoint, " ")
				f.Endpoint = &report.Endpoint{Method: method, Path: path}
				if op, ok := r.catalog.Lookup(method, path); ok {
					f.Endpoint.OperationID = op.ID
					f.Requirement = requirementFor(op, res.Token)
				}
			}
			fs = append(fs, f)
		}
	}
	return inModule(fs, r.root, r.moduleDirs())
}

// steps converts an analyzer call chain.
func (r *Result) steps(chain []analyzer.Step) []report.Step {
	var steps []report.Step
	for _, s := range chain {
		p := r.placePosition(s.At)
		if s.Pos.IsValid() {
			p = r.position(r.fset, s.Pos, token.NoPos)
		}
		steps = append(steps, report.Step{Function: s.Label(), Position: p})
	}
	return steps
}

// placePosition is the position of a place, or, in a package that was
// not analysed as a root (the checker keeps only the roots' Results), the
// package's import path.
func (r *Result) placePosition(pl analyzer.Place) report.Position {
	if pos := r.place(pl); pos.IsValid() {
		return r.position(r.fset, pos, token.NoPos)
	}
	return report.Position{File: pl.Pkg}
}

// place finds the position of a place in the Result of its package, or
// of a test variant of it (a test function is only in the variant).
func (r *Result) place(pl analyzer.Place) token.Pos {
	for _, res := range r.results[pl.Pkg] {
		if pos := res.Position(pl); pos.IsValid() {
			return pos
		}
	}
	return token.NoPos
}

func (r *Result) position(fset *token.FileSet, pos, end token.Pos) report.Position {
	p := fset.Position(pos)
	rp := report.Position{File: report.RelPath(r.root, p.Filename), Line: p.Line, Col: p.Column}
	if end.IsValid() && end != pos {
		e := fset.Position(end)
		rp.EndLine, rp.EndCol = e.Line, e.Column
	}
	return rp
}

// Version is ghperm's module version, "(devel)" when built from a work
// tree.
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// requirementFor is what op needs from a token of kind tok, as alternative
// sets: permissions, or for OAuth the scopes (nil where unknown).
func requirementFor(op *catalog.Operation, tok catalog.Token) report.Requirement {
	if tok != catalog.OAuth {
		return op.Requirement(tok).Strings()
	}
	if !op.ScopesKnown {
		return nil
	}
	out := report.Requirement{}
	for _, s := range op.Scopes {
		out = append(out, append([]string{}, s...))
	}
	return out
}
