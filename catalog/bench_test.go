package catalog_test

import (
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := catalog.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	c := load(b)
	for b.Loop() {
		if len(c.Match("GET", "/repos/octo/hello/pulls/42/comments")) != 1 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkMatchUnknown(b *testing.B) {
	c := load(b)
	for b.Loop() {
		if len(c.Match("GET", "/repos/{}/{}/pulls/{}")) == 0 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	c := load(b)
	for b.Loop() {
		if _, ok := c.Lookup("GET", "/repos/{owner}/{repo}/pulls/{pull_number}"); !ok {
			b.Fatal("no match")
		}
	}
}

// loadThen measures Load followed by a first use, which builds the index
// that use needs: the catalog's cost in one go vet process.
func loadThen(b *testing.B, use func(*catalog.Catalog) bool) {
	for b.Loop() {
		c, err := catalog.Load()
		if err != nil {
			b.Fatal(err)
		}
		if !use(c) {
			b.Fatal("not found")
		}
	}
}

// BenchmarkLoadWithDocsIndex includes the docs URL index that ByDocsURL
// builds on first use.
func BenchmarkLoadWithDocsIndex(b *testing.B) {
	loadThen(b, func(c *catalog.Catalog) bool {
		return len(c.ByDocsURL("https://docs.github.com/rest/issues/issues#create-an-issue")) == 1
	})
}

// BenchmarkLoadAndMatch includes the trie that Match builds on first use
// (packages that resolve URLs).
func BenchmarkLoadAndMatch(b *testing.B) {
	loadThen(b, func(c *catalog.Catalog) bool {
		return len(c.Match("GET", "/repos/octo/hello/pulls/42/comments")) == 1
	})
}

// BenchmarkLoadAndLookup includes the key index that Lookup builds on
// first use (go-github itself, comparisons with grants).
func BenchmarkLoadAndLookup(b *testing.B) {
	loadThen(b, func(c *catalog.Catalog) bool {
		_, ok := c.Lookup("GET", "/repos/{owner}/{repo}/pulls/{pull_number}")
		return ok
	})
}

func BenchmarkByDocsURL(b *testing.B) {
	c := load(b)
	for b.Loop() {
		if len(c.ByDocsURL("https://developer.github.com/v3/issues/#create-an-issue")) != 1 {
			b.Fatal("no match")
		}
	}
}
