package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/report"
)

const needsUsage = `usage: ghperm needs [-format text|json|yaml] [-token kind] [flags] [packages]

Print what the packages (default ".") need from GitHub, least privilege:
the permissions (a minimal choice among alternatives), the minimal OAuth
scopes, the webhook events the manifest declares, and for every permission
the reason: the endpoints and the call chain from the main package to the
API call. -format yaml prints a default_permissions: block for app.yml;
with -token actions a workflow permissions: block.

Flags:
`

func runNeeds(c *cli, args []string) int {
	stdout, stderr := c.stdout, c.stderr
	fs := flag.NewFlagSet("ghperm needs", flag.ContinueOnError)
	var af analysisFlags
	af.register(fs, false) // tests are not the program: their calls are no needs
	format := fs.String("format", "text", "output `format`: text, json or yaml")
	tokenName := fs.String("token", "", "`kind` of token: installation, user, oauth, fine-grained or actions (default: the ghperm config's, else installation)")
	patterns, code := parseFlags(fs, needsUsage, args, stdout, stderr)
	if code >= 0 {
		return code
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
			return usageError(stderr, fmt.Errorf("unknown -token %q (want installation, user, oauth, fine-grained or actions)", *tokenName))
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
