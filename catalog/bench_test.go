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
