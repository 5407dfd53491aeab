package main

import (
	"slices"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

// These tests download go-github through the Go module proxy.

// TestCoverageV45 measures the embedded table against go-github v45, which
// has no directives: at least 99.8 % of its service methods must resolve.
func TestCoverageV45(t *testing.T) {
	table, err := catalog.LoadGoGitHub()
	if err != nil {
		t.Fatal(err)
	}
	mod, ms, err := downloadMethods(45)
	if err != nil {
		t.Fatal(err)
	}
	c := measureVersion(table, ms, 45)
	t.Logf("%s@%s: %d of %d service methods resolved (%.2f %%), unresolved %v", mod.Path, mod.Version, c.resolved, c.methods, c.percent(), c.unresolved)
	if c.methods < 650 {
		t.Errorf("only %d service methods found in v45; it has ~700", c.methods)
	}
	if c.percent() < 99.8 {
		t.Errorf("coverage %.2f %% < 99.8 %%", c.percent())
	}
}

// TestTableMatchesV57 checks the embedded table against the directives of
// go-github v57, read afresh.
func TestTableMatchesV57(t *testing.T) {
	table, err := catalog.LoadGoGitHub()
	if err != nil {
		t.Fatal(err)
	}
	_, ms, err := downloadMethods(57)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range ms {
		if len(m.Ops) == 0 {
			continue
		}
		n++
		want := slices.Sorted(slices.Values(m.Ops))
		if got := table.Operations(m.Name, 57); !slices.Equal(got, want) {
			t.Errorf("%s: table has %q, v57 directives say %q", m.Name, got, want)
		}
	}
	if n < 800 {
		t.Errorf("only %d methods with directives in v57", n)
	}
}
