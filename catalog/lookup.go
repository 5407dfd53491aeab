package catalog

import (
	"sort"
	"strings"
)

// Catalog is the indexed table of operations. It is immutable after New.
type Catalog struct {
	ops     []Operation
	byKey   map[string]*Operation // "METHOD /path"
	byID    map[string]*Operation
	version string
}

// New indexes ops. The catalog keeps ops; callers must not change them.
func New(version string, ops []Operation) *Catalog {
	c := &Catalog{
		ops:     ops,
		byKey:   make(map[string]*Operation, len(ops)),
		byID:    make(map[string]*Operation, len(ops)),
		version: version,
	}
	for i := range ops {
		op := &ops[i]
		c.byKey[op.Key()] = op
		c.byID[op.ID] = op
	}
	return c
}

// Version identifies the catalog's inputs (commits and dates).
func (c *Catalog) Version() string { return c.version }

// Operations returns every operation, sorted by path then method.
func (c *Catalog) Operations() []Operation { return c.ops }

// Lookup finds an operation by method and path template.
func (c *Catalog) Lookup(method, template string) (*Operation, bool) {
	op, ok := c.byKey[strings.ToUpper(method)+" "+template]
	return op, ok
}

// ByID finds an operation by its OpenAPI operationId.
func (c *Catalog) ByID(id string) (*Operation, bool) {
	op, ok := c.byID[id]
	return op, ok
}

// Unknown is the path segment that stands for a value unknown at compile
// time in a path given to Match.
const Unknown = "{}"

// Match finds the operations a concrete or partly known path can reach.
// A path segment that is Unknown (or any "{...}") matches any segment.
// Where several templates match, only the most specific are returned: a
// literal template segment that matches a literal path segment beats a
// parameter ("/pulls/comments" is not "/pulls/{pull_number}"). The query
// string, if any, is ignored. An empty method matches every method.
func (c *Catalog) Match(method, path string) []*Operation {
	method = strings.ToUpper(method)
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	segs := splitPath(path)
	var best []*Operation
	bestScore := -1
	for i := range c.ops {
		op := &c.ops[i]
		if method != "" && op.Method != method {
			continue
		}
		score, ok := matchScore(splitPath(op.Path), segs)
		if !ok {
			continue
		}
		switch {
		case score > bestScore:
			best, bestScore = []*Operation{op}, score
		case score == bestScore:
			best = append(best, op)
		}
	}
	sort.Slice(best, func(i, j int) bool { return best[i].Key() < best[j].Key() })
	return best
}

func splitPath(p string) []string {
	return strings.Split(strings.Trim(p, "/"), "/")
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// matchScore reports whether template segments tmpl match path segments
// and, if so, how many literal segments matched literally.
func matchScore(tmpl, segs []string) (int, bool) {
	if len(tmpl) != len(segs) {
		return 0, false
	}
	score := 0
	for i, t := range tmpl {
		s := segs[i]
		switch {
		case isParam(s):
		case isParam(t):
		case t == s:
			score++
		default:
			return 0, false
		}
	}
	return score, true
}
