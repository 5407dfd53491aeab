package scan

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNolint(t *testing.T) {
	src := `package p

import "context"

func f(ctx context.Context) {
	g() //nolint:ghperm // the app's user token makes this call
	g() //nolint:errcheck
	g() //nolint
	g() //nolint:errcheck,ghperm
	//nolint:ghperm // a block
	if true {
		g()
	}
	g()
	// nolint:ghperm (a space: not a directive, as for golangci-lint v2)
	g()
}

//nolint:all
func h() {
	g()
}

func g() {}
`
	file := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var n nolint
	for line, want := range map[int]bool{
		6: true, 7: false, 8: true, 9: true,
		10: true, 11: true, 12: true, 13: true, 14: false,
		16: false,
		20: true, 21: true, 22: true, 25: false,
	} {
		if got := n.covers(file, line); got != want {
			t.Errorf("line %d: covered %v, want %v", line, got, want)
		}
	}
	whole := filepath.Join(t.TempDir(), "q.go")
	if err := os.WriteFile(whole, []byte("//nolint:ghperm\npackage q\n\nfunc f() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !n.covers(whole, 4) {
		t.Error("a //nolint:ghperm above the package clause does not cover the file")
	}
}
