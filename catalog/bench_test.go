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

// BenchmarkLoadWithDocsIndex includes the docs URL index that ByDocsURL
// builds on first use.
func BenchmarkLoadWithDocsIndex(b *testing.B) {
	for b.Loop() {
		c, err := catalog.Load()
		if err != nil {
			b.Fatal(err)
		}
		if len(c.ByDocsURL("https://docs.github.com/rest/issues/issues#create-an-issue")) != 1 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkByDocsURL(b *testing.B) {
	c := load(b)
	for b.Loop() {
		if len(c.ByDocsURL("https://developer.github.com/v3/issues/#create-an-issue")) != 1 {
			b.Fatal("no match")
		}
	}
}
