package analyzer

import (
	"bytes"
	"encoding/gob"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
)

// TestGraphFactEncoding checks that a graph fact decodes to what was
// encoded, and that a string index out of range is an error, not a panic.
func TestGraphFactEncoding(t *testing.T) {
	f := &graphFact{Self: "example.com/app/h", Pkgs: []*pkgGraph{{
		Path:  "example.com/app/h",
		Impls: []string{"example.com/app/h.Getter"},
		Funcs: []*funcNode{{
			Key: "example.com/app/h.(*H).Handle", Name: "(*h.H).Handle", pkg: "example.com/app/h",
			Sites: []site{
				{Callee: "(*github.PullRequestsService).Get", Style: StyleGoGitHub, Endpoints: []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}"}},
				{Callee: "(*github.Client).NewRequest", Style: StyleEscape, Reason: "URL not known at compile time"},
				{Callee: "(h.Getter).Get", Style: StyleIface, Iface: "example.com/app/h.Getter"},
				{Callee: "(*githubv4.Client).Query", Style: StyleGraphQL, Declared: "checks:read -- GraphQL: rollup"},
			},
			Edges: []edge{
				{To: "example.com/app/h.helper", Kind: KindValue},
				{To: "example.com/app/h.helper", Kind: KindCall, Args: []argKind{{}, {By: compare.ClientOf(catalog.AppJWT)}, {Param: 1}}},
			},
		}, {
			Key: "example.com/app/h.helper", Name: "h.helper", pkg: "example.com/app/h",
			Sites: []site{{Callee: "(*github.PullRequestsService).Get", Style: StyleGoGitHub, Endpoints: []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}"}, Param: 2, From: "example.com/app/h.New"}},
		}},
	}}}
	data, err := f.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	got := new(graphFact)
	if err := got.GobDecode(data); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("decoded\n%+v\nwant\n%+v", got, f)
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&wireFact{Strings: []string{"x"}, Self: 5}); err != nil {
		t.Fatal(err)
	}
	if err := new(graphFact).GobDecode(b.Bytes()); err == nil {
		t.Error("a string index out of range decoded without error")
	}
}

// TestFactsIgnoreMovedLines checks that a wrapper package's fact holds no
// positions: lines added above and inside its functions move every call,
// and the fact's bytes (what go vet writes to the package's vetx file and
// hashes for the packages above it) stay the same.
func TestFactsIgnoreMovedLines(t *testing.T) {
	t.Parallel()
	const pkg = "example.com/app/ghwrap"
	run := func(move bool) (fact []byte, firstCall token.Position) {
		dir := t.TempDir()
		extract(t, "gogithub.txtar", dir)
		extract(t, filepath.Join("stubs", "go-github-v92.txtar"), filepath.Join(dir, "_stubs", "go-github-v92"))
		if move {
			file := filepath.Join(dir, "ghwrap", "ghwrap.go")
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src = bytes.ReplaceAll(src, []byte("\nfunc "), []byte("\n// A moved line.\n\nfunc "))
			src = bytes.ReplaceAll(src, []byte("\treturn err\n"), []byte("\n\treturn err\n"))
			if err := os.WriteFile(file, src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		pkgs, err := loadFixture(dir, "./ghwrap")
		if err != nil {
			t.Fatal(err)
		}
		acts, err := analyze(pkgs, newTestAnalyzer(t, nil))
		if err != nil {
			t.Fatal(err)
		}
		if r := acts[pkg]; r != nil {
			f := new(graphFact)
			if !r.PackageFact(r.Package.Types, f) {
				t.Fatalf("%s has no graph fact", pkg)
			}
			data, err := f.GobEncode()
			if err != nil {
				t.Fatal(err)
			}
			calls := r.Result.(*Result).Calls
			if len(calls) == 0 {
				t.Fatalf("%s: no calls", pkg)
			}
			return data, r.Package.Fset.Position(calls[0].Pos)
		}
		t.Fatalf("no result for %s", pkg)
		return nil, token.Position{}
	}
	before, at := run(false)
	after, movedTo := run(true)
	if at.Line == movedTo.Line {
		t.Fatalf("the first call stayed at line %d: the edit moved nothing", at.Line)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("the fact changed when lines moved (%d bytes, then %d)", len(before), len(after))
	}
}
