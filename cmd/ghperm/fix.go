package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/internal/scan"
)

const fixUsage = `usage: ghperm fix [-diff] [-force] [flags] [packages]

Rewrite the grants that the programs among the packages (default ".")
are compared with to exactly what they need, least privilege: the app
manifest's default_permissions (app.yml or the manifest flow's JSON), a
ghperm.yml's permissions: or scopes:, or the permissions: block of the
workflow job that runs the program (not the workflow's own block, which
other jobs share). Missing grants are added, levels
raised or lowered, grants nothing needs removed; what subscribed webhook
events need stays, and so do grants kept with a reason (# ghperm:allow,
allow: in ghperm.yml), metadata: read and grants at level none. Only the
grants change: comments, key order, quoting, indentation and the rest of
the file stay as they are.

While calls remain whose endpoint is unknown, or that the program does not
reach, a grant that looks unused may be needed: fix then adds and raises
but removes and lowers nothing, and lists those calls; -force removes
anyway (or declare the calls' needs with //ghperm:needs).

With -diff, fix prints a unified diff and writes nothing.

Exit status: 0 nothing left to change, 1 with -diff when something would
change, or when removals were held back; 2 usage, load or configuration
errors (grants with errors are not rewritten: ghperm check shows them).

Flags:
`

func runFix(c *cli, args []string) int {
	stdout, stderr := c.stdout, c.stderr
	fs := flag.NewFlagSet("ghperm fix", flag.ContinueOnError)
	var af analysisFlags
	af.register(fs, false) // tests are not the program: their calls are no needs
	diff := fs.Bool("diff", false, "print a unified diff and write nothing")
	force := fs.Bool("force", false, "remove and lower grants even while unresolved or unreached calls remain")
	patterns, code := parseFlags(fs, func(w io.Writer) {
		fmt.Fprint(w, fixUsage)
		// Of the analyzer's flags, only -manifest says which grants.
		printFlags(w, fs, func(name string) bool { return name != "manifest" && slices.Contains(af.analyzerOnly, name) })
	}, args, stdout, stderr)
	if code >= 0 {
		return code
	}
	res, err := c.scan(af.cfg, patterns, progress(stderr))
	if err != nil {
		return fail(stderr, err)
	}
	fixes, err := res.Fix(*force)
	if err != nil {
		return fail(stderr, err)
	}
	status := 0
	for _, f := range fixes {
		if len(f.Held) > 0 {
			status = 1
			fmt.Fprintf(stderr, "ghperm fix: %s: not done: %s, as %s, so what the program needs is not all known (-force does them):\n",
				f.Rel, strings.Join(f.Held, ", "), blockers(f))
			for _, b := range append(f.Unresolved, f.Unreached...) {
				fmt.Fprintf(stderr, "  %s: %s\n", b.Position, b.Message)
			}
		}
		if !f.Changed() {
			if !*diff {
				fmt.Fprintf(stdout, "%s: no change\n", f.Rel)
			}
			continue
		}
		if *diff {
			status = 1
			fmt.Fprint(stdout, unifiedDiff("a/"+f.Rel, "b/"+f.Rel, f.Old, f.New))
			continue
		}
		if err := writeKeepingMode(f.Path, f.New); err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%s: %s\n", f.Rel, strings.Join(f.Changes, ", "))
	}
	return status
}

// blockers says why removals wait: "1 call's endpoint is unknown and 2
// calls are not reached".
func blockers(f *scan.FileFix) string {
	var parts []string
	for _, c := range []struct {
		n         int
		one, many string
	}{
		{len(f.Unresolved), "1 call's endpoint is unknown", "%d calls' endpoints are unknown"},
		{len(f.Unreached), "1 call is not reached", "%d calls are not reached"},
	} {
		switch {
		case c.n == 1:
			parts = append(parts, c.one)
		case c.n > 1:
			parts = append(parts, fmt.Sprintf(c.many, c.n))
		}
	}
	return strings.Join(parts, " and ")
}

// writeKeepingMode replaces the file's content, keeping its permissions.
func writeKeepingMode(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, info.Mode().Perm())
}
