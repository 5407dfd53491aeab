package catalog

import (
	"sort"
	"strings"
)

// Closest returns up to n operations whose method and path template are
// nearest to method and path (a template or a concrete path), for "did
// you mean" messages. Distance counts differing segments (a template
// parameter matches any segment), missing or extra segments, and a
// different method.
func (c *Catalog) Closest(method, path string, n int) []*Operation {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	want := strings.Split(strings.Trim(path, "/"), "/")
	type scored struct {
		op   *Operation
		dist int
	}
	all := make([]scored, 0, len(c.ops))
	for i := range c.ops {
		op := &c.ops[i]
		d := segmentDistance(want, strings.Split(strings.Trim(op.Path, "/"), "/"))
		if !strings.EqualFold(op.Method, method) {
			d++
		}
		all = append(all, scored{op, d})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].dist != all[j].dist {
			return all[i].dist < all[j].dist
		}
		return all[i].op.Key() < all[j].op.Key()
	})
	var out []*Operation
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.op)
	}
	return out
}

// segmentDistance is the edit distance between two segment lists, where
// a parameter on either side matches any segment.
func segmentDistance(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := 1
			if a[i-1] == b[j-1] || isParam(a[i-1]) || isParam(b[j-1]) {
				sub = 0
			}
			cur[j] = min(prev[j-1]+sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
