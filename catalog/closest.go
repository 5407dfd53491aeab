package catalog

import (
	"sort"
	"strings"
)

// Closest returns up to n operations whose method and path template are
// nearest to method and path (a template or a concrete path), for "did
// you mean" messages. Distance counts differing segments (a template
// parameter matches any segment), missing or extra segments, and a
// different method; a differing literal segment costs by how much it
// differs ("pullz" is close to "pulls").
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
			d += segmentCost / 2
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

// segmentCost is the cost of a missing, extra or entirely different
// path segment.
const segmentCost = 10

// segmentDistance is the edit distance between two segment lists, where
// a parameter on either side matches any segment.
func segmentDistance(a, b []string) int {
	return editDistance(len(a), len(b), segmentCost, func(i, j int) int {
		if a[i] == b[j] || isParam(a[i]) || isParam(b[j]) {
			return 0
		}
		n := max(len(a[i]), len(b[j]))
		return (segmentCost*editDistance(len(a[i]), len(b[j]), 1, func(x, y int) int {
			if a[i][x] == b[j][y] {
				return 0
			}
			return 1
		}) + n - 1) / n
	})
}

// editDistance is the Levenshtein distance between sequences of lengths
// n and m, with insertions and deletions costing indel and sub(i, j)
// the cost of replacing element i by element j.
func editDistance(n, m, indel int, sub func(i, j int) int) int {
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := range prev {
		prev[j] = j * indel
	}
	for i := 1; i <= n; i++ {
		cur[0] = i * indel
		for j := 1; j <= m; j++ {
			cur[j] = min(prev[j-1]+sub(i-1, j-1), prev[j]+indel, cur[j-1]+indel)
		}
		prev, cur = cur, prev
	}
	return prev[m]
}
