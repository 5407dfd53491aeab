// Command largegen writes a large Go module that calls the GitHub API
// through the real go-github, for measuring ghperm against plain go vet
// (testdata/measure.sh):
//
//	go run ./testdata/largegen -o /tmp/large [-packages 200] [-calls 25]
//
// Package pNNN has -calls GitHub call sites, cycling through typed
// go-github service calls, escape hatches (NewRequest with a URL built by
// fmt.Sprintf, then Do) and calls of the wrappers of pNNN-1, which it
// imports except at every tenth package: wrappers chain across packages in
// chains of ten. cmd/large calls one wrapper of every package, one more
// call site per package. app.yml is the App manifest the calls are
// compared with. go.sum is copied from the bundled example, which pins
// the same go-github, so the module builds offline from the module cache.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

// sites are the call-site statements, cycled through; %[1]d is a counter,
// used once.
var sites = []string{
	`if _, _, err := c.Issues.Get(ctx, owner, repo, %[1]d); err != nil {
		return err
	}`,
	`if _, _, err := c.PullRequests.Get(ctx, owner, repo, %[1]d); err != nil {
		return err
	}`,
	`if _, _, _, err := c.Repositories.GetContents(ctx, owner, repo, "f%[1]d.yml", nil); err != nil {
		return err
	}`,
	`if req, err := c.NewRequest("GET", fmt.Sprintf("repos/%%s/%%s/labels?page=%%d", owner, repo, %[1]d), nil); err != nil {
		return err
	} else if _, err := c.Do(ctx, req, nil); err != nil {
		return err
	}`,
	`if _, _, err := c.Issues.AddLabelsToIssue(ctx, owner, repo, %[1]d, []string{"triage"}); err != nil {
		return err
	}`,
	`if _, _, err := c.Checks.ListCheckRunsForRef(ctx, owner, repo, fmt.Sprint(%[1]d), nil); err != nil {
		return err
	}`,
	`if req, err := c.NewRequest("POST", fmt.Sprintf("repos/%%s/%%s/issues/%%d/comments", owner, repo, %[1]d), &github.IssueComment{Body: github.Ptr("hi")}); err != nil {
		return err
	} else if _, err := c.Do(ctx, req, nil); err != nil {
		return err
	}`,
	`if _, _, err := c.Actions.ListWorkflows(ctx, owner, fmt.Sprint(repo, %[1]d), nil); err != nil {
		return err
	}`,
	`if _, _, err := c.Users.Get(ctx, "u%[1]d"); err != nil {
		return err
	}`,
	`if _, _, err := c.Repositories.Create(ctx, "org%[1]d", nil); err != nil {
		return err
	}`,
}

// perFunc is the number of call sites per wrapper function; with a chain,
// the last one calls the same wrapper of the previous package.
const perFunc = 5

func main() {
	out := flag.String("o", "", "output `dir` (required)")
	npkgs := flag.Int("packages", 200, "number of wrapper packages")
	ncalls := flag.Int("calls", 25, "GitHub call sites per package")
	gosum := flag.String("gosum", "testdata/example/go.sum", "go.sum to copy (pins go-github v74)")
	flag.Parse()
	if *out == "" || *npkgs < 1 || *ncalls < 1 || flag.NArg() > 0 {
		log.Fatal("usage: largegen -o dir [-packages n] [-calls n] [-gosum file]")
	}
	total, err := write(*out, *npkgs, *ncalls, *gosum)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "largegen: %s: %d packages, %d GitHub call sites\n", *out, *npkgs+1, total)
}

// write writes the module to dir and returns its number of call sites.
func write(dir string, npkgs, ncalls int, gosum string) (int, error) {
	sum, err := os.ReadFile(gosum)
	if err != nil {
		return 0, fmt.Errorf("largegen: %w", err)
	}
	files := map[string][]byte{
		"go.mod":  []byte("module example.com/large\n\ngo 1.24.0\n\nrequire (\n\tgithub.com/google/go-github/v74 v74.0.0\n\tgithub.com/google/go-querystring v1.1.0 // indirect\n)\n"),
		"go.sum":  sum,
		"app.yml": []byte("name: large\ndefault_permissions:\n  issues: write\n  pull_requests: read\n  contents: read\n  metadata: read\n  checks: read\n  administration: write\n  deployments: write\n"),
	}
	total := 0
	var imports, calls bytes.Buffer
	for p := range npkgs {
		chained := p%10 != 0
		var b bytes.Buffer
		fmt.Fprintf(&b, "// Package p%03d wraps GitHub API calls.\npackage p%03d\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\n\t\"github.com/google/go-github/v74/github\"\n", p, p)
		if chained {
			fmt.Fprintf(&b, "\n\t\"example.com/large/p%03d\"\n", p-1)
		}
		b.WriteString(")\n\nvar _ = fmt.Sprint\n")
		for n, f := 0, 0; n < ncalls; f++ {
			fmt.Fprintf(&b, "\n// F%d makes GitHub calls.\nfunc F%d(ctx context.Context, c *github.Client, owner, repo string) error {\n", f, f)
			for j := 0; j < perFunc && n < ncalls; j++ {
				if chained && j == perFunc-1 {
					fmt.Fprintf(&b, "\tif err := p%03d.F%d(ctx, c, owner, repo); err != nil {\n\t\treturn err\n\t}\n", p-1, f)
				} else {
					fmt.Fprintf(&b, "\t"+sites[(p+n)%len(sites)]+"\n", n)
				}
				n++
			}
			b.WriteString("\treturn nil\n}\n")
		}
		total += ncalls
		files[fmt.Sprintf("p%03d/p.go", p)] = b.Bytes()
		fmt.Fprintf(&imports, "\t\"example.com/large/p%03d\"\n", p)
		fmt.Fprintf(&calls, "\tif err := p%03d.F0(ctx, c, \"o\", \"r\"); err != nil {\n\t\tlog.Fatal(err)\n\t}\n", p)
		total++
	}
	files["cmd/large/main.go"] = fmt.Appendf(nil, "// Command large calls every package's wrappers.\npackage main\n\nimport (\n\t\"context\"\n\t\"log\"\n\n\t\"github.com/google/go-github/v74/github\"\n\n%s)\n\nfunc main() {\n\tctx := context.Background()\n\tc := github.NewClient(nil)\n%s}\n", &imports, &calls)

	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return 0, fmt.Errorf("largegen: %w", err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return 0, fmt.Errorf("largegen: %w", err)
		}
	}
	return total, nil
}
