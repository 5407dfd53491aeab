package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

// FuzzMatch feeds the concrete-path lookup the paths that analysed code
// can build: it must not panic, and what it returns must be sorted, of the
// method asked for, and a template with as many segments as the path (or
// more, through a multi-segment parameter, or an alias).
func FuzzMatch(f *testing.F) {
	for _, s := range []string{
		"/repos/o/r/issues", "/repos/{}/{}/pulls/1", "https://api.github.com/user?x=1#f",
		"http://ghe.example.com/api/v3/orgs/o/repos", "/repos/o/r/contents/a/b/c", "/repos/o/r/compare/main...dev",
		"/repositories/123/issues", "//", "", "/{", "{}/{}/{}", "https://", "/api/v3", "/repos/o/r/git/refs/heads/{}",
		strings.Repeat("/{}", 40), strings.Repeat("/a", 1000),
	} {
		f.Add("GET", s)
		f.Add("", s)
	}
	c, err := catalog.Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, path string) {
		ops := c.Match(method, path)
		if !slices.IsSortedFunc(ops, func(a, b *catalog.Operation) int { return strings.Compare(a.Key(), b.Key()) }) {
			t.Fatalf("Match(%q, %q) is not sorted", method, path)
		}
		for _, op := range ops {
			if method != "" && !strings.EqualFold(op.Method, method) {
				t.Fatalf("Match(%q, %q) = %s", method, path, op.Key())
			}
			if again, ok := c.Lookup(op.Method, op.Path); !ok || again != op {
				t.Fatalf("Lookup(%s) does not find the operation Match returned", op.Key())
			}
		}
		c.Lookup(method, path)
		c.Canonical(path)
	})
}
