package compare

import (
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

// sets parses "a:read & b:write | c:read" into alternatives.
func sets(t *testing.T, s string) []catalog.Set {
	t.Helper()
	var out []catalog.Set
	for _, alt := range strings.Split(s, "|") {
		var set catalog.Set
		for _, g := range strings.Split(alt, "&") {
			key, level, _ := strings.Cut(strings.TrimSpace(g), ":")
			l, err := catalog.ParseLevel(level)
			if err != nil {
				t.Fatal(err)
			}
			set = append(set, catalog.Grant{Key: key, Level: l})
		}
		out = append(out, set)
	}
	return out
}

func renderLevels(m levels) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, k+":"+m[k].String())
	}
	return strings.Join(parts, " ")
}

func TestChoose(t *testing.T) {
	for _, tc := range []struct {
		reqs []string
		want string
	}{
		// A forced need makes the alternative free.
		{[]string{"pull_requests:read | contents:read", "contents:read"}, "contents:read"},
		// Order does not matter.
		{[]string{"contents:read", "pull_requests:read | contents:read"}, "contents:read"},
		// Ties prefer the first alternative.
		{[]string{"issues:write | pull_requests:write"}, "issues:write"},
		// Raising a needed key beats adding a new one.
		{[]string{"contents:read", "pull_requests:write | contents:write"}, "contents:write"},
		// A set that is all needed.
		{[]string{"members:read & administration:write", "administration:read"}, "administration:write members:read"},
		// Two alternatives served by one grant.
		{[]string{"a:read | b:read", "b:read | c:read"}, "b:read"},
		{nil, ""},
	} {
		var reqs [][]catalog.Set
		for _, r := range tc.reqs {
			reqs = append(reqs, sets(t, r))
		}
		if got := renderLevels(choose(levels{}, reqs)); got != tc.want {
			t.Errorf("choose(%q) = %q, want %q", tc.reqs, got, tc.want)
		}
	}
}

func TestChooseGreedyBeyondSearch(t *testing.T) {
	// 15 requirements of 2 alternatives exceed maxSearch: the greedy
	// pass must still find the one grant that covers them all.
	var reqs [][]catalog.Set
	for i := range 15 {
		reqs = append(reqs, sets(t, "k"+string(rune('a'+i))+":read | shared:read"))
	}
	if got := renderLevels(choose(levels{}, reqs)); got != "shared:read" {
		t.Errorf("choose = %s, want shared:read", got)
	}
}
