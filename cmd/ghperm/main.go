// Command ghperm checks that a Go program's GitHub App permissions, OAuth
// scopes and webhook events match the GitHub API calls it makes.
//
// See the README for usage.
package main

import (
	"io"
	"os"
)

// A command is one ghperm subcommand. run returns the process exit status:
// 0 success (no findings), 1 findings, 2 usage, load or configuration errors.
type command struct {
	name  string
	short string
	run   func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		// Subcommands register here; the default (no subcommand) is check.
		{"needs", "the least-privilege permissions, scopes and events, with reasons", runNeeds},
		{"endpoint", "what a REST endpoint needs, per kind of token", runEndpoint},
		{"catalog", "the endpoint catalog's version and coverage", runCatalog},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if invokedByGoVet(args) {
		vetTool()
	}
	if len(args) > 0 {
		for _, c := range commands() {
			if args[0] == c.name {
				return c.run(args[1:], stdout, stderr)
			}
		}
	}
	return runCheck(args, stdout, stderr)
}
