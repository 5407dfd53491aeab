package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/report"
)

const needsUsage = `usage: ghperm needs [-format text|json|yaml] [-json] [-token kind] [flags] [packages]

Print what the packages (default ".") need from GitHub, least privilege:
the permissions (a minimal choice among alternatives), the minimal OAuth
scopes, the webhook events the manifest declares, and for every permission
the reason: the endpoints and the call chain from the main package to the
API call. -format yaml prints a default_permissions: block for app.yml;
with -token actions a workflow permissions: block.

Flags:
`

// needsHelp writes the usage of needs: its own flags, and of the
// analyzer's only -manifest, which says where the events come from.
func needsHelp(fs *flag.FlagSet, af *analysisFlags) func(io.Writer) {
	return func(w io.Writer) {
		fmt.Fprint(w, needsUsage)
		printFlags(w, fs, func(name string) bool { return name != "manifest" && slices.Contains(af.analyzerOnly, name) })
		fmt.Fprintln(w, "\nThe analyzer's other flags (also spelt -ghperm.NAME): see ghperm -help.")
	}
}

// tokenKinds are the names -token accepts, from catalog.Token's table.
func tokenKinds() []string {
	var names []string
	for _, t := range catalog.Tokens() {
		if t != catalog.AppJWT {
			names = append(names, t.String())
		}
	}
	return names
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func runNeeds(c *cli, args []string) int {
	stdout, stderr := c.stdout, c.stderr
	fs := flag.NewFlagSet("ghperm needs", flag.ContinueOnError)
	var af analysisFlags
	af.register(fs, false) // tests are not the program: their calls are no needs
	format := fs.String("format", "text", "output `format`: text, json or yaml")
	asJSON := fs.Bool("json", false, "short for -format json")
	tokenName := fs.String("token", "", "`kind` of token: "+orList(tokenKinds())+" (default: the ghperm config's, else installation)")
	patterns, code := parseFlags(fs, needsHelp(fs, &af), args, stdout, stderr)
	if code >= 0 {
		return code
	}
	if *asJSON {
		*format = "json"
	}
	var write func(io.Writer, *report.Needs) error
	switch *format {
	case "text":
		write = report.WriteNeedsText
	case "json":
		write = report.WriteNeedsJSON
	case "yaml":
		write = report.WriteNeedsYAML
	default:
		return usageError(stderr, fmt.Errorf("unknown -format %q (want text, json or yaml)", *format))
	}
	var token *catalog.Token
	if *tokenName != "" {
		tok, ok := catalog.ParseToken(*tokenName)
		if !ok || tok == catalog.AppJWT {
			return usageError(stderr, fmt.Errorf("unknown -token %q (want %s)", *tokenName, orList(tokenKinds())))
		}
		token = &tok
	}

	res, err := c.scan(af.cfg, patterns, progress(stderr))
	if err != nil {
		return fail(stderr, err)
	}
	if err := write(stdout, res.Needs(token)); err != nil {
		return fail(stderr, fmt.Errorf("writing output: %w", err))
	}
	return 0
}
