package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/analyzer"
	"github.com/ghperm/ghperm/manifest"
	"github.com/ghperm/ghperm/report"
	"golang.org/x/tools/go/analysis"
)

const checkUsage = `usage: ghperm [flags] [packages]
       ghperm <command> [flags] [packages]

Check the GitHub API calls of the packages (default ".") against the
GitHub App manifest that governs them, and report missing grants, excess
grants and calls whose endpoint cannot be determined.

Exit status: 0 no findings, 1 findings, 2 usage, load or configuration
errors (an invalid manifest: its manifest-error findings are printed); the
same for every -format.

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

// loadFlags are the flags that say which packages to load, shared by the
// commands that analyse packages.
type loadFlags struct {
	dir   string
	tests bool
}

func (lf *loadFlags) register(fs *flag.FlagSet, tests bool) {
	fs.StringVar(&lf.dir, "C", "", "change to `dir` before loading packages")
	fs.BoolVar(&lf.tests, "test", tests, "also load test packages")
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
	lf.register(fs, false)
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
	// -test loads the test packages and compares their calls with the
	// grants (the analyzer's -test, as -ghperm.test under go vet); either
	// spelling does both.
	if tf := analyzer.Analyzer.Flags.Lookup("test"); tf != nil {
		if lf.tests {
			tf.Value.Set("true")
		}
		lf.tests = tf.Value.String() == "true"
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
	findings := inModule(res.findings(), res.root, res.moduleDirs())
	for _, f := range findings {
		if err := h.Finding(f); err != nil {
			fmt.Fprintf(stderr, "ghperm: %v\n", err)
			return 2
		}
	}
	if err := h.Flush(); err != nil {
		fmt.Fprintf(stderr, "ghperm: writing output: %v\n", err)
		return 2
	}
	return exitStatus(findings)
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

// exitStatus is 2 when a manifest or config is invalid (a configuration
// error), else 1 when there are findings.
func exitStatus(findings []*report.Finding) int {
	status := 0
	for _, f := range findings {
		if f.Category == analyzer.CategoryManifest {
			return 2
		}
		status = 1
	}
	return status
}

// moduleDirs returns the directory trees of the analysed modules (their
// workspace's, in a workspace).
func (r *result) moduleDirs() []string {
	seen := map[string]bool{}
	var dirs []string
	for _, act := range r.graph.Roots {
		if m := act.Package.Module; m != nil && m.Dir != "" && !seen[m.Dir] {
			seen[m.Dir] = true
			if t := manifest.TreeRoot(m.Dir); !slices.Contains(dirs, t) {
				dirs = append(dirs, t)
			}
		}
	}
	return dirs
}

// inModule keeps every position that the findings print inside the
// analysed modules: with -test, the go command generates each test
// binary's main package in its build cache, and a finding there would print
// (and upload, in SARIF) a path of this machine that the user cannot open.
// Chain steps and related positions outside are dropped; a finding at a
// position outside moves to its first chain step inside (the test's call),
// else to its manifest position, and is dropped if it is then the same as
// another finding, or if it has no position inside at all.
func inModule(findings []*report.Finding, root string, dirs []string) []*report.Finding {
	inside := func(p report.Position) bool {
		file := filepath.FromSlash(p.File)
		if !filepath.IsAbs(file) && !strings.HasPrefix(p.File, "../") && p.File != ".." {
			return true // relative to the directory of the run
		}
		if !filepath.IsAbs(file) {
			file = filepath.Join(root, file)
		}
		return slices.ContainsFunc(dirs, func(d string) bool {
			rel, err := filepath.Rel(d, file)
			return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
		})
	}
	type key struct {
		category string
		pos      report.Position
		endpoint report.Endpoint
	}
	keyOf := func(f *report.Finding) key {
		k := key{category: f.Category, pos: f.Position}
		if f.Endpoint != nil {
			k.endpoint = *f.Endpoint
		}
		return k
	}
	seen := map[key]bool{}
	var out, moved []*report.Finding
	for _, f := range findings {
		f.Chain = slices.DeleteFunc(f.Chain, func(s report.Step) bool { return !inside(s.Position) })
		f.Related = slices.DeleteFunc(f.Related, func(r report.Related) bool { return !inside(r.Position) })
		if f.Manifest != nil && !inside(*f.Manifest) {
			f.Manifest = nil
		}
		if inside(f.Position) {
			seen[keyOf(f)] = true
			out = append(out, f)
			continue
		}
		switch {
		case len(f.Chain) > 0:
			f.Position = f.Chain[0].Position
		case f.Manifest != nil:
			f.Position = *f.Manifest
		default:
			continue
		}
		moved = append(moved, f)
	}
	for _, f := range moved {
		if !seen[keyOf(f)] {
			seen[keyOf(f)] = true
			out = append(out, f)
		}
	}
	return out
}
