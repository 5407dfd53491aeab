package catalog

import (
	"bufio"
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

//go:generate go run ./internal/gogithub -o upstream/go-github-methods.tsv

// goGitHubTSV maps go-github service methods to the operations named by
// their //meta:operation directives in go-github v57 and later.
//
//go:embed upstream/go-github-methods.tsv
var goGitHubTSV string

// GoGitHubEntry says that go-github's method Name carried the directive
// `//meta:operation Operation` in every major version from First to Last,
// or, if Via is set, that it had no directive but called the methods Via
// that had it there (the *Iter methods of v83 and later).
type GoGitHubEntry struct {
	Name      string // "RepositoriesService.Get"
	Operation string // "GET /repos/{owner}/{repo}"
	First     int
	Last      int
	Via       []string // "RepositoriesService.List"
}

// GoGitHubTable answers which operations a go-github service method calls,
// for go-github versions whose source has no //meta:operation directives
// (before v57) and as a check on those that have them. It is immutable.
type GoGitHubTable struct {
	entries map[string][]GoGitHubEntry // by Name, sorted by First, Operation
	spans   map[string][]goGitHubSpan  // by Name, sorted by First
}

// A goGitHubSpan is a range of majors in which a method's directives did
// not change.
type goGitHubSpan struct {
	first, last int
	ops         []string
}

// LoadGoGitHub parses the embedded go-github method table.
func LoadGoGitHub() (*GoGitHubTable, error) {
	return parseGoGitHub(goGitHubTSV)
}

func parseGoGitHub(tsv string) (*GoGitHubTable, error) {
	t := &GoGitHubTable{entries: map[string][]GoGitHubEntry{}, spans: map[string][]goGitHubSpan{}}
	sc := bufio.NewScanner(strings.NewReader(tsv))
	header := false
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("go-github table line %d: %d fields, want 5", line, len(f))
		}
		if !header { // column names
			header = true
			continue
		}
		first, err1 := strconv.Atoi(f[2])
		last, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || first > last || !strings.Contains(f[0], ".") || !strings.Contains(f[1], " /") {
			return nil, fmt.Errorf("go-github table line %d: malformed entry %q", line, text)
		}
		e := GoGitHubEntry{Name: f[0], Operation: f[1], First: first, Last: last}
		if f[4] != "" {
			e.Via = strings.Split(f[4], ",")
		}
		t.entries[f[0]] = append(t.entries[f[0]], e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("go-github table: %w", err)
	}
	if len(t.entries) == 0 {
		return nil, fmt.Errorf("go-github table: no entries")
	}
	for name, es := range t.entries {
		sort.Slice(es, func(i, j int) bool {
			if es[i].First != es[j].First {
				return es[i].First < es[j].First
			}
			return es[i].Operation < es[j].Operation
		})
		t.spans[name] = spans(es)
	}
	return t, nil
}

// spans cuts the version range of es at every first and last+1, so that
// each piece has one set of operations. Pieces without any are dropped.
func spans(es []GoGitHubEntry) []goGitHubSpan {
	var cuts []int
	for _, e := range es {
		cuts = append(cuts, e.First, e.Last+1)
	}
	sort.Ints(cuts)
	var out []goGitHubSpan
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]-1
		if lo > hi {
			continue
		}
		var ops []string
		for _, e := range es {
			if e.First <= lo && hi <= e.Last {
				ops = append(ops, e.Operation)
			}
		}
		if len(ops) == 0 {
			continue
		}
		slices.Sort(ops)
		if n := len(out); n > 0 && out[n-1].last == lo-1 && slices.Equal(out[n-1].ops, ops) {
			out[n-1].last = hi
			continue
		}
		out = append(out, goGitHubSpan{lo, hi, ops})
	}
	return out
}

// Operations returns the operations ("GET /user") that go-github's method
// name ("UsersService.Get") calls in major version major, sorted. Where
// the table has no directive for that version (majors before the first
// with directives, after the newest in the table, or a gap), the answer
// comes from the closest version that has one, the newer on a tie. It
// returns nil for a method the table does not know. The result is shared:
// callers must not change it.
func (t *GoGitHubTable) Operations(name string, major int) []string {
	var best *goGitHubSpan
	bestDist := 0
	for i := range t.spans[name] {
		s := &t.spans[name][i]
		dist := 0
		switch {
		case major < s.first:
			dist = s.first - major
		case major > s.last:
			dist = major - s.last
		}
		if best == nil || dist <= bestDist {
			best, bestDist = s, dist
		}
	}
	if best == nil {
		return nil
	}
	return best.ops
}

// History returns every directive the method carried, with the majors in
// which it did, ordered by first version. The result is shared: callers
// must not change it.
func (t *GoGitHubTable) History(name string) []GoGitHubEntry {
	return t.entries[name]
}

// Methods returns the names of the methods in the table, sorted.
func (t *GoGitHubTable) Methods() []string {
	return slices.Sorted(maps.Keys(t.entries))
}
