package catalog

import (
	"sort"
	"strings"
	"sync"
)

// Catalog is the indexed table of operations and the permission, event
// and scope vocabularies. It is immutable after New or Load. Its indexes
// are built on first use: under go vet the catalog is loaded once per
// package, and most packages need one index or none.
type Catalog struct {
	ops     []Operation
	keys    keyIndex  // for Lookup and ByID
	trie    trieIndex // for Match
	docs    docsIndex // for ByDocsURL: only old go-github needs it
	version string

	perms     []Permission // sorted by key
	events    []Event      // sorted by name
	scopeList []Scope      // sorted by name
	scopes    map[string]Scope
	aliases   []PathAlias
}

// opKey identifies an operation by method and path template.
type opKey struct{ method, path string }

// New returns a catalog of ops. The catalog keeps ops; callers must not
// change them. Its permission, event and scope vocabularies are empty:
// Load returns the full catalog.
func New(version string, ops []Operation) *Catalog {
	return &Catalog{ops: ops, version: version, scopes: map[string]Scope{}}
}

// keyIndex indexes the operations by method and template, by method and
// shape (nil when two templates share one), and by operationId.
type keyIndex struct {
	once    sync.Once
	byKey   map[opKey]*Operation
	byShape map[opKey]*Operation
	byID    map[string]*Operation
}

func (x *keyIndex) get(ops []Operation) *keyIndex {
	x.once.Do(func() {
		x.byKey = make(map[opKey]*Operation, len(ops))
		x.byShape = make(map[opKey]*Operation, len(ops))
		x.byID = make(map[string]*Operation, len(ops))
		for i := range ops {
			op := &ops[i]
			x.byKey[opKey{op.Method, op.Path}] = op
			k := opKey{op.Method, shape(op.Path)}
			if _, dup := x.byShape[k]; dup {
				x.byShape[k] = nil
			} else {
				x.byShape[k] = op
			}
			if _, dup := x.byID[op.ID]; !dup {
				x.byID[op.ID] = op
			}
		}
	})
	return x
}

// trieIndex is the segment trie Match walks.
type trieIndex struct {
	once sync.Once
	root *node
}

func (t *trieIndex) get(ops []Operation) *node {
	t.once.Do(func() {
		t.root = &node{}
		for i := range ops {
			t.root.insert(&ops[i])
		}
		t.root.finish()
	})
	return t.root
}

// Version identifies the catalog's inputs (commits and dates).
func (c *Catalog) Version() string { return c.version }

// Operations returns every operation, sorted by path then method. The
// slice is shared and must not be modified.
func (c *Catalog) Operations() []Operation { return c.ops }

// Lookup finds an operation by method and path template. A template
// that differs from the operation's only in parameter names
// ("/user/{user_id}" for "/user/{account_id}") finds it, as does an alias
// path ("/repositories/{repository_id}/issues", see Canonical).
func (c *Catalog) Lookup(method, template string) (*Operation, bool) {
	method = strings.ToUpper(method)
	if op, ok := c.lookup(method, template); ok {
		return op, true
	}
	if canon, _, ok := c.Canonical(template); ok {
		return c.lookup(method, canon)
	}
	return nil, false
}

func (c *Catalog) lookup(method, template string) (*Operation, bool) {
	x := c.keys.get(c.ops)
	if op, ok := x.byKey[opKey{method, template}]; ok {
		return op, true
	}
	op := x.byShape[opKey{method, shape(template)}]
	return op, op != nil
}

// ByID finds an operation by its OpenAPI operationId.
func (c *Catalog) ByID(id string) (*Operation, bool) {
	op, ok := c.keys.get(c.ops).byID[id]
	return op, ok
}

// Unknown is the path segment that stands for a value unknown at compile
// time in a path given to Match.
const Unknown = "{}"

// UnknownInteger is the path segment that stands for an integer unknown at
// compile time (a %d verb, an integer argument): Match lets it take only a
// template parameter, never a literal segment.
const UnknownInteger = "{%d}"

// Match finds the operations a concrete or partly known path can reach.
// A path segment that is Unknown (or any "{...}") matches any segment,
// UnknownInteger any parameter; a template parameter typed integer
// (Operation.IntParams) matches only a number or an unknown segment, so a
// path whose literal words fit no template matches nothing rather than
// something near; a multi-segment parameter (Operation.MultiSegment)
// matches one or more segments.
// Where several templates match, only the most specific are returned: a
// literal template segment that matches a literal path segment beats a
// parameter ("/pulls/comments" is not "/pulls/{pull_number}"), and so does
// a template segment that mixes parameters and literal text when the path
// segment has that text ("main...dev" is "{base}...{head}"). The query
// string, if any, is ignored, and so are the scheme and host of a full
// URL ("https://api.github.com/repos/...") and a GHES "/api/v3" prefix
// after a host. A path that no template matches but that starts with an
// alias ("/repositories/123/issues") matches as its canonical path. An
// empty method matches every method. The result is sorted by Key and must
// not be modified.
func (c *Catalog) Match(method, path string) []*Operation {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	path = stripHost(path)
	out := c.match(method, path)
	if len(out) == 0 {
		if canon, _, ok := c.Canonical(path); ok {
			return c.match(method, canon)
		}
	}
	return out
}

func (c *Catalog) match(method, path string) []*Operation {
	m := matcher{method: method, path: strings.Trim(path, "/"), best: -1}
	m.leaves = m.buf[:0]
	m.walk(c.trie.get(c.ops), 0, 0)
	if len(m.leaves) == 1 {
		return m.leaves[0].forMethod(method)
	}
	var out []*Operation
	for _, n := range m.leaves {
		out = append(out, n.forMethod(method)...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key() < out[j].Key() })
	return out
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// stripHost removes the scheme and host of a full URL and the "/api/v3"
// prefix of a GHES URL.
func stripHost(url string) string {
	rest, ok := strings.CutPrefix(url, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(url, "http://"); !ok {
			return url
		}
	}
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return "/"
	}
	path := rest[i:]
	if p, ok := strings.CutPrefix(path, "/api/v3"); ok && (p == "" || p[0] == '/') {
		return p
	}
	return path
}
