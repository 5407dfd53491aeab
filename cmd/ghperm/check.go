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

// analysisFlags are the flags of the commands that analyse packages:
// which packages to load, and the analyzer's configuration.
type analysisFlags struct {
	cfg scan.Config
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
