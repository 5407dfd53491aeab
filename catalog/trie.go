package catalog

import (
	"slices"
	"sort"
	"strings"
)

// node is a segment trie over path templates: Match walks it once per
// path instead of scanning every template.
type node struct {
	literal  map[string]*node
	param    *node        // a "{name}" template segment
	intParam *node        // a "{name}" segment typed integer (Operation.IntParams)
	multi    *node        // a "{name}" segment whose value may span segments (Operation.MultiSegment)
	patterns []pattern    // template segments like "{base}...{head}"
	ops      []*Operation // templates ending here, sorted by Key
	byVerb   []methodOps  // ops grouped by method
}

// pattern is a template segment that mixes parameters and literal text
// ("{base}...{head}"): pieces are the literal parts around the
// parameters, and a path segment matches if it has them in order.
type pattern struct {
	pieces []string
	next   *node
}

func (p *pattern) match(seg string) bool {
	if !strings.HasPrefix(seg, p.pieces[0]) {
		return false
	}
	seg = seg[len(p.pieces[0]):]
	last := len(p.pieces) - 1
	for _, piece := range p.pieces[1:last] {
		i := strings.Index(seg[min(1, len(seg)):], piece) // a parameter is not empty
		if i < 0 {
			return false
		}
		seg = seg[min(1, len(seg))+i+len(piece):]
	}
	return len(seg) > len(p.pieces[last]) && strings.HasSuffix(seg, p.pieces[last])
}

// patternPieces splits a mixed segment into its literal parts, or returns
// nil for a plain literal or a plain "{name}" segment.
func patternPieces(seg string) []string {
	if !strings.Contains(seg, "{") || isParam(seg) && strings.Count(seg, "{") == 1 {
		return nil
	}
	var pieces []string
	for {
		open := strings.IndexByte(seg, '{')
		if open < 0 {
			return append(pieces, seg)
		}
		pieces = append(pieces, seg[:open])
		close := strings.IndexByte(seg[open:], '}')
		if close < 0 {
			return nil
		}
		seg = seg[open+close+1:]
	}
}

type methodOps struct {
	method string
	ops    []*Operation
}

func (n *node) insert(op *Operation) {
	for rest := strings.Trim(op.Path, "/"); ; {
		seg, tail, more := strings.Cut(rest, "/")
		switch {
		case isParam(seg) && slices.Contains(op.MultiSegment, seg[1:len(seg)-1]):
			if n.multi == nil {
				n.multi = &node{}
			}
			n = n.multi
		case isParam(seg) && slices.Contains(op.IntParams, seg[1:len(seg)-1]):
			if n.intParam == nil {
				n.intParam = &node{}
			}
			n = n.intParam
		default:
			n = n.child(seg)
		}
		if !more {
			break
		}
		rest = tail
	}
	n.ops = append(n.ops, op)
}

// child returns the node for template segment seg, adding it if need be.
func (n *node) child(seg string) *node {
	if pieces := patternPieces(seg); pieces != nil {
		return n.patternChild(pieces)
	}
	if isParam(seg) {
		if n.param == nil {
			n.param = &node{}
		}
		return n.param
	}
	next := n.literal[seg]
	if next == nil {
		if n.literal == nil {
			n.literal = map[string]*node{}
		}
		next = &node{}
		n.literal[seg] = next
	}
	return next
}

func (n *node) patternChild(pieces []string) *node {
	for _, p := range n.patterns {
		if slices.Equal(p.pieces, pieces) {
			return p.next
		}
	}
	n.patterns = append(n.patterns, pattern{pieces, &node{}})
	return n.patterns[len(n.patterns)-1].next
}

// finish sorts each node's operations and groups them by method.
func (n *node) finish() {
	if len(n.ops) > 0 {
		sort.Slice(n.ops, func(i, j int) bool { return keyLess(n.ops[i], n.ops[j]) })
		n.ops = n.ops[:len(n.ops):len(n.ops)]
		// The groups share n.ops, clipped so that callers appending to a
		// result cannot write into the next group.
		for start, i := 0, 1; i <= len(n.ops); i++ {
			if i == len(n.ops) || n.ops[i].Method != n.ops[start].Method {
				n.byVerb = append(n.byVerb, methodOps{n.ops[start].Method, n.ops[start:i:i]})
				start = i
			}
		}
	}
	for _, c := range n.literal {
		c.finish()
	}
	if n.param != nil {
		n.param.finish()
	}
	if n.intParam != nil {
		n.intParam.finish()
	}
	if n.multi != nil {
		n.multi.finish()
	}
	for _, p := range n.patterns {
		p.next.finish()
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
		case score == m.best && !slices.Contains(m.leaves, n): // multi-segment parameters reach a node more than one way
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
	// An unknown integer takes only a parameter: it is never the literal
	// word of a template ("issues/%d/x" is not "issues/comments/...").
	unknown, integer := isParam(seg), seg == UnknownInteger
	switch {
	case integer:
	case unknown:
		for _, c := range n.literal {
			m.walk(c, next, score)
		}
	default:
		if c := n.literal[seg]; c != nil {
			m.walk(c, next, score+1)
		}
	}
	for i := range n.patterns {
		switch p := &n.patterns[i]; {
		case integer:
		case unknown:
			m.walk(p.next, next, score)
		case p.match(seg):
			m.walk(p.next, next, score+1)
		}
	}
	if n.param != nil {
		m.walk(n.param, next, score)
	}
	// A parameter typed integer takes a number or an unknown value, not
	// a word ("semantically_similar" is no {comment_id}).
	if n.intParam != nil && (unknown || isNumber(seg)) {
		m.walk(n.intParam, next, score)
	}
	// A multi-segment parameter takes one segment or more: "a/b.go" is
	// the {path} of /contents/{path}.
	for e := end; n.multi != nil; {
		m.walk(n.multi, e+1, score)
		if e >= len(m.path) {
			break
		}
		if i := strings.IndexByte(m.path[e+1:], '/'); i >= 0 {
			e += 1 + i
		} else {
			e = len(m.path)
		}
	}
}

// isNumber reports whether seg is a decimal number, as GitHub's integer
// path parameters are written.
func isNumber(seg string) bool {
	if seg == "" {
		return false
	}
	for _, r := range seg {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// keyLess orders operations by Key without building the keys.
func keyLess(a, b *Operation) bool {
	if a.Method != b.Method {
		return a.Method < b.Method
	}
	return a.Path < b.Path
}
