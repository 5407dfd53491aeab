package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ghperm/ghperm/analyzer"
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
	lf.register(fs, true)
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
	findings := res.findings()
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
