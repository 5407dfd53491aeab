package analyzer

import (
	"slices"
	"strings"

	"github.com/ghperm/ghperm/compare"
)

// index is the union of the graphs a package sees: its own and its
// imports'. At a main package it is the whole program's.
type index struct {
	funcs map[string]*funcNode
	pkgs  []*pkgGraph     // sorted by Path
	paths map[string]bool // the paths of pkgs
	impls map[string]bool
	// complete is set at a main package, where every conversion of the
	// program is known: only there can an interface call be found to have
	// no implementation.
	complete bool
	memo     map[string][]reached
}

func newIndex(pkgs []*pkgGraph, complete bool) *index {
	ix := &index{funcs: make(map[string]*funcNode), paths: make(map[string]bool), impls: make(map[string]bool), complete: complete, memo: make(map[string][]reached)}
	for _, g := range pkgs {
		if ix.paths[g.Path] {
			continue
		}
		ix.paths[g.Path] = true
		ix.pkgs = append(ix.pkgs, g)
		for _, n := range g.Funcs {
			n.pkg = g.Path
			ix.funcs[n.Key] = n
		}
		for _, i := range g.Impls {
			ix.impls[i] = true
		}
	}
	slices.SortFunc(ix.pkgs, func(a, b *pkgGraph) int { return strings.Compare(a.Path, b.Path) })
	return ix
}

// reached is one GitHub call reached from a start: the i-th site of a
// node.
type reached struct {
	node *funcNode
	site *site
	i    int
	tree *tree
}

// chain is the steps from the start's first edge down to the call itself
// (its last step). Built on demand: most reached calls only add an
// endpoint already seen.
func (r reached) chain() []Step {
	last := Step{Name: r.site.Callee, At: r.node.place(PlaceSite, r.i)}
	if r.site.Style == StyleRegistered {
		last.Kind = KindRegistered
	}
	return append(r.tree.path(r.node), last)
}

// unresolved reports whether the call's endpoint is unknown. A call
// through an interface is resolved by the program's conversions; it is
// unresolved only when the whole program converts nothing to the
// interface.
func (ix *index) unresolved(s *site) (reason string, ok bool) {
	switch {
	case s.Iface == "":
		return s.Reason, s.Reason != ""
	case ix.complete && !ix.impls[s.Iface]:
		return "call through interface " + s.Iface + ": the program converts no type to it", true
	}
	return "", false
}

// counts reports whether a reached site stands for a GitHub call of its
// own (an interface call resolved by conversions stands for nothing).
func (ix *index) counts(s *site) bool {
	_, unresolved := ix.unresolved(s)
	return s.Iface == "" || unresolved
}

// tree is a breadth-first walk of the graph: the nodes reached in order,
// each with the step that first reached it from its parent.
type tree struct {
	order   []*funcNode
	parent  map[string]treeLink
	callers map[string][]caller // built on first use
}

// caller is a call of a node by a node of the tree.
type caller struct {
	from *funcNode // nil: the call that starts the tree
	args []argKind
}

type treeLink struct {
	from *funcNode // nil for a start
	step Step
}

// walk reaches what the nodes keyed starts reach, breadth first, so each
// node's chain is a shortest one.
func (ix *index) walk(starts ...string) *tree {
	t := &tree{parent: make(map[string]treeLink)}
	for _, k := range starts {
		if n := ix.funcs[k]; n != nil && !t.has(k) {
			t.parent[k] = treeLink{}
			t.order = append(t.order, n)
		}
	}
	for i := 0; i < len(t.order); i++ {
		n := t.order[i]
		for j, e := range n.Edges {
			to := ix.funcs[e.To]
			if to == nil || t.has(e.To) {
				continue
			}
			t.parent[e.To] = treeLink{from: n, step: Step{Name: to.Name, At: n.place(PlaceEdge, j), Kind: e.Kind}}
			t.order = append(t.order, to)
		}
	}
	return t
}

func (t *tree) has(key string) bool { _, ok := t.parent[key]; return ok }

// paramRef names the parameter (1-based; 0: none) that holds a client, of
// the function keyed fn ("": the one making the call).
type paramRef struct {
	fn    string
	param uint8
}

// clientKind is the token kind of the client of a call that n makes:
// by, when the code shows it, else that of the parameter ref, at the
// calls among the tree's nodes (startArgs: the call that starts the tree)
// of the function that has it.
func (t *tree) clientKind(ix *index, n *funcNode, by compare.ClientToken, ref paramRef, startArgs []argKind) compare.ClientToken {
	if by.Known() || ref.param == 0 {
		return by
	}
	if ref.fn != "" {
		if !t.has(ref.fn) {
			return compare.UnknownClient
		}
		n = ix.funcs[ref.fn]
	}
	return t.paramKind(n, ref.param, startArgs, 0)
}

// paramKind is the token kind of the client that n's param-th (1-based)
// parameter holds: that of the argument every call of n among the tree's
// nodes passes, and startArgs' if n is the tree's start, when they are
// all known and agree.
func (t *tree) paramKind(n *funcNode, param uint8, startArgs []argKind, depth int) compare.ClientToken {
	if t.callers == nil {
		t.callers = make(map[string][]caller)
		for _, m := range t.order {
			for _, e := range m.Edges {
				if e.Kind == KindCall && t.has(e.To) {
					t.callers[e.To] = append(t.callers[e.To], caller{m, e.Args})
				}
			}
		}
	}
	calls := t.callers[n.Key]
	if t.parent[n.Key].from == nil {
		calls = append(slices.Clip(calls), caller{nil, startArgs})
	}
	kind := compare.UnknownClient
	for i, c := range calls {
		var k compare.ClientToken
		if int(param) <= len(c.args) {
			a := c.args[param-1]
			k = a.By
			if !k.Known() && a.Param > 0 && c.from != nil && depth < maxClientDepth {
				k = t.paramKind(c.from, a.Param, startArgs, depth+1)
			}
		}
		if !k.Known() || i > 0 && k != kind {
			return compare.UnknownClient
		}
		kind = k
	}
	return kind
}

// path returns the steps from n's start down to n.
func (t *tree) path(n *funcNode) []Step {
	var rev []Step
	for l := t.parent[n.Key]; l.from != nil; l = t.parent[l.from.Key] {
		rev = append(rev, l.step)
	}
	slices.Reverse(rev)
	return rev
}

// root returns the start n was reached from.
func (t *tree) root(n *funcNode) *funcNode {
	for l := t.parent[n.Key]; l.from != nil; l = t.parent[l.from.Key] {
		n = l.from
	}
	return n
}

// sites lists the GitHub calls of the tree's nodes.
func (ix *index) sites(t *tree) []reached {
	var out []reached
	for _, n := range t.order {
		for i := range n.Sites {
			if s := &n.Sites[i]; ix.counts(s) {
				out = append(out, reached{node: n, site: s, i: i, tree: t})
			}
		}
	}
	return out
}

// from returns the GitHub calls reached from the node keyed key, with
// chains from it (the node itself is not a step).
func (ix *index) from(key string) []reached {
	if r, ok := ix.memo[key]; ok {
		return r
	}
	r := ix.sites(ix.walk(key))
	ix.memo[key] = r
	return r
}

// place is the Place of the n-th site or edge of the function (kind
// PlaceDecl: its declaration).
func (n *funcNode) place(kind PlaceKind, i int) Place {
	return Place{Pkg: n.pkg, Func: n.Key, Name: n.Name, Kind: kind, N: i}
}

// initKey is the key of a package's initialisation node.
func initKey(pkgPath string) string { return pkgPath + ".init" }
