package analyzer

import (
	"strings"
	"testing"
)

// BenchmarkMatchURL measures resolving folded URLs against the catalog:
// the per-call work of escape hatches, go-gh and net/http calls.
func BenchmarkMatchURL(b *testing.B) {
	cat, err := theCatalog()
	if err != nil {
		b.Fatal(err)
	}
	urls := []struct{ method, url string }{
		{"GET", "repos/" + hole + "/" + hole + "/pulls/" + hole},
		{"POST", "https://api.github.com/repos/o/r/issues/" + hole + "/comments"},
		{"DELETE", "repos/o/r/git/refs/heads/" + hole},
		{"", "user"},
		{"GET", "orgs/" + hole + "/members?per_page=100"},
	}
	for b.Loop() {
		for _, u := range urls {
			if m := matchURL(cat, u.method, u.url); len(m.ops) == 0 {
				b.Fatalf("%s %s: %s", u.method, u.url, m.reason)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(urls)), "ns/url")
}

// BenchmarkFold measures folding URL expressions of a function body.
func BenchmarkFold(b *testing.B) {
	src := `package p

import (
	"fmt"
	"path"
)

func use(string) {}

func F(owner, repo string, n int) {
	u := fmt.Sprintf("repos/%s/%s/issues/%d", owner, repo, n)
	u += "/comments"
	use(u)
	use(path.Join("repos", owner, repo, "labels"))
}
`
	info, body, args := foldInput(b, src)
	for b.Loop() {
		if got := foldAll(info, body, args); len(got) != 2 || !strings.HasSuffix(got[0][0], "/comments") {
			b.Fatal(got)
		}
	}
}
