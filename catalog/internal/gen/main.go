// Command gen generates the catalog's operation table (zz_generated.go)
// from the inputs in catalog/upstream: GitHub's OpenAPI descriptions
// (trimmed copies, loaded with kin-openapi), GitHub's docs permission
// data, the curated permission sets and the override tables. It is run
// by `go generate ./catalog/...` and never at analysis time.
//
// Any input it cannot read or does not understand (a missing file, a
// changed shape, a permission key or scope it does not know) fails the
// run with the file and entry named; the output is written to a
// temporary file and renamed, so a failed run leaves the previous
// catalog in place.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"

	"github.com/ghperm/ghperm/catalog/internal/atomicfile"
)

func main() {
	in := flag.String("in", "upstream", "directory of the generator's inputs")
	out := flag.String("out", "zz_generated.go", "generated Go file")
	flag.Parse()
	if err := generate(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func generate(in, out string) error {
	t, err := build(in)
	if err != nil {
		return err
	}
	for _, n := range t.notes {
		fmt.Fprintln(os.Stderr, "gen: note:", n)
	}
	var buf bytes.Buffer
	emit(&buf, t)
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return fmt.Errorf("formatting generated code: %w", err)
	}
	return atomicfile.Write(out, src)
}
