package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ghperm/ghperm/analyzer"
	"github.com/ghperm/ghperm/internal/scan"
	"github.com/ghperm/ghperm/report"
)

const checkUsage = `usage: ghperm [flags] [packages]
       ghperm <command> [flags] [packages]
       ghperm -explain CATEGORY
       ghperm -version

Check the GitHub API calls of the packages (default ".") against the
GitHub App manifest that governs them, and report missing grants, excess
grants and calls whose endpoint cannot be determined.

Exit status: 0 no findings, 1 findings, 2 usage, load or configuration
errors (an invalid manifest: its manifest-error findings are printed); the
same for every -format.

Analyzer flags are accepted as -NAME and, as under go vet, -ghperm.NAME.
`

// checkHelp writes the usage of the check mode with the list of commands
// and the flags of fs, each once (not the -ghperm.NAME spellings).
func checkHelp(fs *flag.FlagSet) func(io.Writer) {
	return func(w io.Writer) {
		fmt.Fprint(w, checkUsage)
		fmt.Fprintln(w, "\nCommands:")
		for _, c := range commands() {
			fmt.Fprintf(w, "  %-10s %s\n", c.name, c.short)
		}
		fmt.Fprintf(w, "\nCategories (-explain): %s\n", joinCategories())
		fmt.Fprintln(w, "\nFlags:")
		printFlags(w, fs, nil)
	}
}

// printFlags writes the flags of fs as PrintDefaults does, leaving out
// the -ghperm.NAME spellings of the analyzer's flags and those hide
// names.
func printFlags(w io.Writer, fs *flag.FlagSet, hide func(name string) bool) {
	shown := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	fs.VisitAll(func(f *flag.Flag) {
		if !strings.HasPrefix(f.Name, "ghperm.") && (hide == nil || !hide(f.Name)) {
			shown.Var(f.Value, f.Name, f.Usage)
			shown.Lookup(f.Name).DefValue = f.DefValue
		}
	})
	shown.SetOutput(w)
	shown.PrintDefaults()
}

// analysisFlags are the flags of the commands that analyse packages:
// which packages to load, and the analyzer's configuration.
type analysisFlags struct {
	cfg scan.Config
	// analyzerOnly are the analyzer's flags that the command does not
	// define itself (their -NAME spellings).
	analyzerOnly []string
}

// register defines -C and -test (whose default is tests), then the
// analyzer's flags as -ghperm.NAME (as under go vet) and, where no flag
// of the command has the name, as -NAME.
func (af *analysisFlags) register(fs *flag.FlagSet, tests bool) {
	fs.StringVar(&af.cfg.Dir, "C", "", "change to `dir` before loading packages")
	fs.BoolVar(&af.cfg.Tests, "test", tests, "also load test packages")
	af.cfg.Analyzer = analyzer.DefaultConfig()
	own := flag.NewFlagSet("ghperm", flag.ContinueOnError)
	af.cfg.Analyzer.AddFlags(own)
	own.VisitAll(func(f *flag.Flag) {
		fs.Var(f.Value, "ghperm."+f.Name, f.Usage)
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
			af.analyzerOnly = append(af.analyzerOnly, f.Name)
		}
	})
}

func runCheck(c *cli, args []string) int {
	stdout, stderr := c.stdout, c.stderr
	fs := flag.NewFlagSet("ghperm", flag.ContinueOnError)
	var af analysisFlags
	af.register(fs, false)
	format := fs.String("format", "text", "output `format`: text, json or sarif")
	asJSON := fs.Bool("json", false, "short for -format json")
	version := fs.Bool("version", false, "print the versions of ghperm, its catalog and the Go that built it, and exit")
	explain := fs.String("explain", "", "print what a `category` of findings means and what to do about it, and exit")
	patterns, code := parseFlags(fs, checkHelp(fs), args, stdout, stderr)
	if code >= 0 {
		return code
	}
	switch {
	case *version:
		return runVersion(c, nil)
	case *explain != "":
		cat := report.Category(*explain)
		if !cat.Known() {
			return usageError(stderr, fmt.Errorf("unknown category %q (want %s)", *explain, joinCategories()))
		}
		writeRule(stdout, cat.Rule())
		return 0
	}
	if *asJSON {
		*format = "json"
	}
	// -test loads the test packages and compares their calls with the
	// grants (the analyzer's -test, as -ghperm.test under go vet); either
	// spelling does both.
	af.cfg.Tests = af.cfg.Tests || af.cfg.Analyzer.Tests
	af.cfg.Analyzer.Tests = af.cfg.Tests
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

	res, err := c.scan(af.cfg, patterns, progress(stderr))
	if err != nil {
		return fail(stderr, err)
	}
	if err := h.Config(res.Report()); err != nil {
		return fail(stderr, err)
	}
	findings := res.Findings()
	for _, f := range findings {
		if err := h.Finding(f); err != nil {
			return fail(stderr, err)
		}
	}
	if err := h.Flush(); err != nil {
		return fail(stderr, fmt.Errorf("writing output: %w", err))
	}
	return exitStatus(findings)
}

// parseFlags parses args. It returns the remaining arguments (default
// ".") and -1, or an exit code when the command should stop: 0 after
// -help (the usage on stdout), 2 after a usage error (one line on
// stderr).
func parseFlags(fs *flag.FlagSet, usage func(io.Writer), args []string, stdout, stderr io.Writer) ([]string, int) {
	fs.SetOutput(io.Discard) // errors are reported on one line below
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return nil, 0
		}
		return nil, usageError(stderr, err)
	}
	if fs.NArg() == 0 {
		return []string{"."}, -1
	}
	return fs.Args(), -1
}

// parseCommandFlags parses args for a command that reports a flag
// error with its usage (fs.Usage) on stderr. It returns -1, or the exit
// status when the command should stop: 0 after -help (the usage on
// stdout), 2 after an error.
func parseCommandFlags(fs *flag.FlagSet, usage string, args []string, stdout io.Writer) int {
	full := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = full }()
	switch err := fs.Parse(args); {
	case err == nil:
		return -1
	case errors.Is(err, flag.ErrHelp):
		out := fs.Output()
		fmt.Fprint(stdout, usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(out)
		return 0
	}
	full()
	return 2
}

// usageError reports a wrong command line: exit status 2.
func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "ghperm: %v (see ghperm -help)\n", err)
	return 2
}

// fail reports an error that stopped the command (loading, analysis,
// output): exit status 2.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "ghperm: %v\n", err)
	return 2
}

// progress reports a step on stderr when it is a terminal.
func progress(stderr io.Writer) func(string) {
	return func(msg string) {
		if f, ok := stderr.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				fmt.Fprintf(f, "ghperm: %s...\n", msg)
			}
		}
	}
}

// exitStatus is 2 when a manifest or config is invalid (a configuration
// error), else 1 when there are findings.
func exitStatus(findings []*report.Finding) int {
	status := 0
	for _, f := range findings {
		if f.Category == report.ManifestError {
			return 2
		}
		status = 1
	}
	return status
}
