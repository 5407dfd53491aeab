// Command gogithub builds ghperm's go-github method table and measures how
// much of old go-github it covers.
//
// go-github v57 and later name the REST operation each service method
// calls in `//meta:operation METHOD /path` directives; older versions only
// link the docs. The table maps "Service.Method" to the operations its
// directives named in v57..v92, with the majors in which each directive
// was present, so that a method whose directive changed keeps both rows.
// The analyzer uses it for go-github versions without directives.
//
// Regenerate the table (needs the Go module proxy) with `go generate
// ./catalog`, which runs
//
//	go run ./internal/gogithub -o upstream/go-github-methods.tsv
//
// which also writes the module hashes to go-github-modules.txt beside it.
// Measure the embedded table against go-github v32..v56:
//
//	go run ./catalog/internal/gogithub -measure [-openapi api.github.com.json]
//
// It counts the service methods of each version (exported methods on a
// *XService receiver that reach Client.NewRequest, NewUploadRequest,
// NewFormRequest, Do or BareDo) that the table resolves by name, prints
// the unresolved ones, and, given GitHub's OpenAPI description, how many
// of those their "GitHub API docs" link would find.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gogithub", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the method table to this `file` (and go-github-modules.txt beside it)")
	measure := fs.Bool("measure", false, "measure the embedded table against old go-github versions")
	versions := fs.String("versions", "", "`first-last` majors of go-github to read (default 57-92, or 32-56 with -measure)")
	openapi := fs.String("openapi", "", "with -measure: GitHub's OpenAPI description (`file`) to try docs links of unresolved methods")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*out == "") == !*measure || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gogithub -o table.tsv | gogithub -measure [-openapi file]")
		return 2
	}
	rng := "57-92"
	if *measure {
		rng = "32-56"
	}
	if *versions != "" {
		rng = *versions
	}
	first, last, err := parseRange(rng)
	if err != nil {
		fmt.Fprintln(stderr, "gogithub:", err)
		return 2
	}
	if *measure {
		err = runMeasure(stdout, first, last, *openapi)
	} else {
		err = generate(*out, first, last)
	}
	if err != nil {
		fmt.Fprintln(stderr, "gogithub:", err)
		return 1
	}
	return 0
}

func parseRange(s string) (first, last int, err error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b = a
	}
	first, err1 := strconv.Atoi(a)
	last, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || first < 2 || first > last {
		return 0, 0, fmt.Errorf("bad -versions %q: want first-last majors, like 57-92", s)
	}
	return first, last, nil
}
