// Command benchgen writes a Go module for measuring ghperm under go vet:
// many packages with many GitHub call sites, on the real go-github.
//
// Usage:
//
//	go run ./analyzer/internal/benchgen -o /tmp/ghbench [-pkgs 200] [-calls 25]
//	cd /tmp/ghbench && go mod tidy
//
// Package pNNN makes -calls call sites of every style (typed go-github
// calls, escape hatches, calls of the wrappers of the package before it)
// and imports pNNN-1 except at every tenth package, so imports form chains
// of ten; cmd/app imports them all. Compare, cold and warm:
//
//	go build -o /tmp/ghperm ./cmd/ghperm
//	cd /tmp/ghbench
//	time GOCACHE=$(mktemp -d) go vet ./...
//	time GOCACHE=$(mktemp -d) go vet -vettool=/tmp/ghperm ./...
//	time go vet ./...; time go vet -vettool=/tmp/ghperm ./...   # warm
//
// Measured on 2026-11-21 (2 shared cores, Go 1.26.8, go-github v74; wall
// and user CPU seconds, one run each):
//
//	                                   plain go vet   go vet -vettool=ghperm
//	cold (empty GOCACHE)               46.9 / 46.2    46.2 / 48.3
//	warm (same GOCACHE again)           0.6 /  0.2     0.4 /  0.3
//	vet only (GOCACHE holds the build)  8.2 /  9.1    10.1 / 12.1
//
// The vet-only case, per process: go vet -work -x on a copy of the
// GOCACHE holding the build prints the 391 vet tool invocations (190 for
// facts only); replaying them one by one ($tool -json $WORK/bNNN/vet.cfg,
// in printed order), interleaved rounds, median CPU (user+sys) seconds
// (4 rounds, then 3 more on a less loaded machine):
//
//	unitchecker tool whose analyzer does nothing               11.7  10.5
//	ghperm at f6ba758 (a FuncFact per go-github method)         14.0  12.9
//	ghperm at 00e2782, f91e7c9 (MethodsFact, lazy indexes)      12.6  11.3
//
// perf record over the replay: at f6ba758, decoding and re-encoding the
// facts of go-github's methods, which unitchecker copies into every
// downstream fact file, took 7.6 % of ghperm's CPU and catalog.Load 2.4 %
// (about 1.8 ms per package that resolves a URL); at 00e2782, 1.2 % and
// 1.4 % (the trie Match builds on first use, 0.5 ms). The rest is
// unitchecker's: type checking with types imported from fact files
// (36 %), exporting types into them (17 %), GC (18 %).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// calls are the call-site shapes, cycled through; each uses %[1]d, a
// counter, once.
var calls = []string{
	`c.PullRequests.Get(ctx, "o", "r", %[1]d)`,
	`c.Repositories.Get(ctx, "o", fmt.Sprint(%[1]d))`,
	`c.Users.Get(ctx, "u%[1]d")`,
	`c.Issues.Get(ctx, "o", "r", %[1]d)`,
	`c.Repositories.GetContents(ctx, "o", "r", "f%[1]d.yml", nil)`,
	`c.Issues.ListComments(ctx, "o", "r", %[1]d, nil)`,
	`if req, err := c.NewRequest("GET", fmt.Sprintf("repos/%%s/%%s/labels", "o", "r%[1]d"), nil); err == nil { c.Do(ctx, req, nil) }`,
	`c.Repositories.Create(ctx, "org%[1]d", nil)`,
}

func main() {
	out := flag.String("o", "", "directory to write the module to")
	pkgs := flag.Int("pkgs", 200, "number of packages")
	perPkg := flag.Int("calls", 25, "GitHub call sites per package")
	flag.Parse()
	if *out == "" {
		log.Fatal("benchgen: -o is required")
	}
	write := func(name, content string) {
		p := filepath.Join(*out, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	write("go.mod", "module example.com/ghbench\n\ngo 1.26\n\nrequire github.com/google/go-github/v74 v74.0.0\n")
	var mainImports, mainCalls strings.Builder
	for i := range *pkgs {
		var b strings.Builder
		fmt.Fprintf(&b, "package p%03d\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\n\t\"github.com/google/go-github/v74/github\"\n", i)
		chained := i%10 != 0
		if chained {
			fmt.Fprintf(&b, "\t\"example.com/ghbench/p%03d\"\n", i-1)
		}
		b.WriteString(")\n\nvar _ = fmt.Sprint\n\n")
		sites := 0
		for f := 0; sites < *perPkg; f++ {
			fmt.Fprintf(&b, "// F%d makes GitHub calls.\nfunc F%d(ctx context.Context, c *github.Client) {\n", f, f)
			for j := 0; j < 5 && sites < *perPkg; j++ {
				if chained && j == 4 {
					fmt.Fprintf(&b, "\tp%03d.F%d(ctx, c)\n", i-1, f)
				} else {
					fmt.Fprintf(&b, "\t"+calls[(i+sites)%len(calls)]+"\n", sites)
				}
				sites++
			}
			b.WriteString("}\n\n")
		}
		write(fmt.Sprintf("p%03d/p.go", i), b.String())
		fmt.Fprintf(&mainImports, "\t\"example.com/ghbench/p%03d\"\n", i)
		fmt.Fprintf(&mainCalls, "\tp%03d.F0(ctx, c)\n", i)
	}
	write("cmd/app/main.go", "package main\n\nimport (\n\t\"context\"\n\n\t\"github.com/google/go-github/v74/github\"\n"+
		mainImports.String()+")\n\nfunc main() {\n\tctx := context.Background()\n\tc := github.NewClient(nil)\n"+mainCalls.String()+"}\n")
}
