// Command largegen writes a large Go module that calls the GitHub API
// through go-github, for measuring ghperm against plain go vet:
//
//	go run ./testdata/largegen -o /tmp/large -packages 200
//
// Package pN has -funcs functions, each a wrapper around one go-github
// call, and imports pN-1, so wrappers chain across packages; cmd/large
// calls every package. go.sum is copied from the bundled example, which
// pins the same go-github.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

// calls are go-github v74 calls; %s is the client expression.
var calls = []string{
	`_, _, err := %s.Issues.Get(ctx, owner, repo, 1)`,
	`_, _, err := %s.Issues.AddLabelsToIssue(ctx, owner, repo, 1, []string{"triage"})`,
	`_, _, err := %s.Issues.CreateComment(ctx, owner, repo, 1, &github.IssueComment{Body: github.Ptr("hi")})`,
	`_, _, err := %s.PullRequests.Get(ctx, owner, repo, 1)`,
	`_, _, err := %s.PullRequests.List(ctx, owner, repo, nil)`,
	`_, _, err := %s.Repositories.Get(ctx, owner, repo)`,
	`_, _, err := %s.Repositories.ListBranches(ctx, owner, repo, nil)`,
	`_, _, _, err := %s.Repositories.GetContents(ctx, owner, repo, "README.md", nil)`,
	`_, _, err := %s.Checks.ListCheckRunsForRef(ctx, owner, repo, "main", nil)`,
	`_, _, err := %s.Actions.ListWorkflows(ctx, owner, repo, nil)`,
	`_, _, err := %s.Users.Get(ctx, "")`,
	`_, _, err := %s.Git.GetRef(ctx, owner, repo, "heads/main")`,
}

func main() {
	out := flag.String("o", "", "output `dir` (required)")
	npkgs := flag.Int("packages", 200, "number of packages")
	nfuncs := flag.Int("funcs", 10, "functions per package")
	gosum := flag.String("gosum", "testdata/example/go.sum", "go.sum to copy")
	flag.Parse()
	if *out == "" || *npkgs < 1 || *nfuncs < 1 {
		log.Fatal("usage: largegen -o dir [-packages n] [-funcs n]")
	}
	if err := write(*out, *npkgs, *nfuncs, *gosum); err != nil {
		log.Fatal(err)
	}
}

func write(dir string, npkgs, nfuncs int, gosum string) error {
	sum, err := os.ReadFile(gosum)
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"go.mod":  []byte("module example.com/large\n\ngo 1.24.0\n\nrequire (\n\tgithub.com/google/go-github/v74 v74.0.0\n\tgithub.com/google/go-querystring v1.1.0 // indirect\n)\n"),
		"go.sum":  sum,
		"app.yml": []byte("name: large\ndefault_permissions:\n  issues: write\n  pull_requests: read\n  contents: read\n  metadata: read\n  checks: read\n  actions: read\n  administration: write\n"),
	}
	var main bytes.Buffer
	main.WriteString("package main\n\nimport (\n\t\"context\"\n\n\t\"github.com/google/go-github/v74/github\"\n")
	for p := range npkgs {
		fmt.Fprintf(&main, "\tp%d \"example.com/large/p%d\"\n", p, p)
	}
	main.WriteString(")\n\nfunc main() {\n\tctx := context.Background()\n\tc := github.NewClient(nil)\n")
	for p := range npkgs {
		fmt.Fprintf(&main, "\t_ = p%d.Run(ctx, c, \"o\", \"r\")\n", p)
	}
	main.WriteString("}\n")
	files["cmd/large/main.go"] = main.Bytes()

	for p := range npkgs {
		var b bytes.Buffer
		fmt.Fprintf(&b, "// Package p%d wraps GitHub API calls.\npackage p%d\n\nimport (\n\t\"context\"\n\t\"strings\"\n\n\t\"github.com/google/go-github/v74/github\"\n", p, p)
		if p > 0 {
			fmt.Fprintf(&b, "\tprev \"example.com/large/p%d\"\n", p-1)
		}
		b.WriteString(")\n\n")
		for f := range nfuncs {
			fmt.Fprintf(&b, "// F%d wraps one call.\nfunc F%d(ctx context.Context, c *github.Client, owner, repo string) error {\n", f, f)
			fmt.Fprintf(&b, "\towner = strings.TrimSpace(owner)\n\t"+calls[(p*nfuncs+f)%len(calls)]+"\n\treturn err\n}\n\n", "c")
		}
		b.WriteString("// Run calls every wrapper of the package and the previous package's Run.\nfunc Run(ctx context.Context, c *github.Client, owner, repo string) error {\n")
		for f := range nfuncs {
			fmt.Fprintf(&b, "\tif err := F%d(ctx, c, owner, repo); err != nil {\n\t\treturn err\n\t}\n", f)
		}
		if p > 0 {
			b.WriteString("\treturn prev.Run(ctx, c, owner, repo)\n}\n")
		} else {
			b.WriteString("\treturn nil\n}\n")
		}
		files[fmt.Sprintf("p%d/p%d.go", p, p)] = b.Bytes()
	}

	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
