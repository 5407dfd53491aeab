package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/internal/scan"
	"github.com/ghperm/ghperm/report"
)

const versionUsage = `usage: ghperm version

Prints ghperm's version (its module version from the build info, "(devel)"
when built from a work tree), the endpoint catalog's version and the Go
version that built ghperm (go vet needs a vet tool built with a Go at
least as new as itself). ghperm -version prints the same.
`

func runVersion(c *cli, args []string) int {
	if len(args) > 0 {
		if args[0] == "-help" || args[0] == "-h" || args[0] == "--help" {
			fmt.Fprint(c.stdout, versionUsage)
			return 0
		}
		return usageError(c.stderr, fmt.Errorf("version takes no arguments, not %q", args[0]))
	}
	cat, err := catalog.Load()
	if err != nil {
		return fail(c.stderr, err)
	}
	fmt.Fprintf(c.stdout, "ghperm %s\ncatalog %s\n%s %s/%s\n", scan.Version(), cat.Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}

const helpUsage = `usage: ghperm help [command]

Prints the usage of ghperm (the check, its flags and the commands), or of
one command.
`

func runHelp(c *cli, args []string) int {
	switch {
	case len(args) == 0 || len(args) == 1 && args[0] == "check":
		return runCheck(c, []string{"-help"})
	case len(args) > 1:
		return usageError(c.stderr, fmt.Errorf("help takes one command, not %d arguments", len(args)))
	case args[0] == "-help" || args[0] == "-h" || args[0] == "--help" || args[0] == "help":
		fmt.Fprint(c.stdout, helpUsage)
		return 0
	}
	var names []string
	for _, cmd := range commands() {
		if cmd.name == args[0] && cmd.name != "help" {
			return cmd.run(c, []string{"-help"})
		}
		names = append(names, cmd.name)
	}
	return usageError(c.stderr, fmt.Errorf("unknown command %q (want %s)", args[0], orList(names)))
}

// joinCategories lists the known categories.
func joinCategories() string {
	var names []string
	for _, cat := range report.Categories() {
		names = append(names, string(cat))
	}
	return strings.Join(names, ", ")
}

// writeRule writes what a category means (ghperm -explain).
func writeRule(w io.Writer, r report.Rule) {
	fmt.Fprintf(w, "%s (%s): %s\n\n%s\n\nWhat to do: %s\n\nSee %s\n", r.ID, r.Level, r.Short, r.Full, r.Help, r.URL())
}
