package catalog

import (
	"sort"
	"strings"
)

// node is a segment trie over path templates: Match walks it once per
// path instead of scanning every template.
type node struct {
	literal map[string]*node
	param   *node        // any "{...}" template segment
	ops     []*Operation // templates ending here, sorted by Key
	byVerb  []methodOps  // ops grouped by method
}

type methodOps struct {
	method string
	ops    []*Operation
}

func (n *node) insert(op *Operation) {
	for _, seg := range strings.Split(strings.Trim(op.Path, "/"), "/") {
		next := n.param
		if !isParam(seg) {
			next = n.literal[seg]
		}
		if next == nil {
			next = &node{}
			if isParam(seg) {
				n.param = next
			} else {
				if n.literal == nil {
					n.literal = map[string]*node{}
				}
				n.literal[seg] = next
			}
		}
		n = next
	}
	n.ops = append(n.ops, op)
}

// finish sorts each node's operations and groups them by method.
func (n *node) finish() {
	if len(n.ops) > 0 {
		sort.Slice(n.ops, func(i, j int) bool { return n.ops[i].Key() < n.ops[j].Key() })
		for _, op := range n.ops {
			if k := len(n.byVerb); k > 0 && n.byVerb[k-1].method == op.Method {
				n.byVerb[k-1].ops = append(n.byVerb[k-1].ops, op)
				continue
			}
			n.byVerb = append(n.byVerb, methodOps{op.Method, []*Operation{op}})
		}
		// Clip so that callers appending to a result cannot write into
		// the next group.
		for i := range n.byVerb {
			n.byVerb[i].ops = n.byVerb[i].ops[:len(n.byVerb[i].ops):len(n.byVerb[i].ops)]
		}
		n.ops = n.ops[:len(n.ops):len(n.ops)]
	}
	for _, c := range n.literal {
		c.finish()
	}
	if n.param != nil {
		n.param.finish()
	}
}

func (n *node) forMethod(method string) []*Operation {
	if method == "" {
		return n.ops
	}
	for _, g := range n.byVerb {
		if strings.EqualFold(g.method, method) {
			return g.ops
		}
	}
	return nil
}

// matcher collects the trie nodes that end a path with the best score
// (literal segments matched literally).
type matcher struct {
	method string
	path   string // without leading and trailing "/"
	best   int
	leaves []*node
	buf    [4]*node // backs leaves in the common case
}

// walk matches the path from byte offset off against the subtrie n,
// score literal matches so far.
func (m *matcher) walk(n *node, off, score int) {
	if off > len(m.path) {
		if n.forMethod(m.method) == nil {
			return
		}
		switch {
		case score > m.best:
			m.best, m.leaves = score, append(m.leaves[:0], n)
		case score == m.best:
			m.leaves = append(m.leaves, n)
		}
		return
	}
	end := strings.IndexByte(m.path[off:], '/')
	if end < 0 {
		end = len(m.path)
	} else {
		end += off
	}
	seg, next := m.path[off:end], end+1
	if isParam(seg) {
		for _, c := range n.literal {
			m.walk(c, next, score)
		}
	} else if c := n.literal[seg]; c != nil {
		m.walk(c, next, score+1)
	}
	if n.param != nil {
		m.walk(n.param, next, score)
	}
}
