// Command ghperm checks that a Go program's GitHub App permissions, OAuth
// scopes and webhook events match the GitHub API calls it makes.
//
// Run "ghperm help" for usage; see the README for a tour.
package main

import (
	"io"
	"os"

	"github.com/ghperm/ghperm/internal/scan"
)

// A command is one ghperm subcommand. run returns the process exit status:
// 0 success (no findings), 1 findings, 2 usage, load or configuration errors.
type command struct {
	name  string
	short string
	run   func(c *cli, args []string) int
}

// A cli runs ghperm's commands: where they write, and how they analyse
// packages (scan.Run; tests share one analysis of a module).
type cli struct {
	stdout, stderr io.Writer
	scan           func(cfg scan.Config, patterns []string, progress func(string)) (*scan.Result, error)
}

func commands() []command {
	return []command{
		// Subcommands register here; the default (no subcommand) is check.
		{"needs", "the least-privilege permissions, scopes and events, with reasons", runNeeds},
		{"fix", "rewrite the grants to what the program needs (-diff: show it)", runFix},
		{"endpoint", "what a REST endpoint needs, per kind of token", runEndpoint},
		{"catalog", "the endpoint catalog's version and coverage", runCatalog},
		{"version", "the versions of ghperm, its catalog and the Go that built it", runVersion},
		{"help", "the usage of ghperm, or of a command (ghperm help needs)", runHelp},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if invokedByGoVet(args) {
		vetTool()
	}
	return (&cli{stdout: stdout, stderr: stderr, scan: scan.Run}).run(args)
}

func (c *cli) run(args []string) int {
	if len(args) > 0 {
		for _, cmd := range commands() {
			if args[0] == cmd.name {
				return cmd.run(c, args[1:])
			}
		}
	}
	return runCheck(c, args)
}
