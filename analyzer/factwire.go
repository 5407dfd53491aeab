package analyzer

import (
	"bytes"
	"encoding/gob"
	"fmt"

	"github.com/ghperm/ghperm/compare"
)

// The encoding of a graphFact. Every package downstream of a GitHub call
// carries its imports' graphs again, so the fact is written with each
// string once (paths, function names, endpoint keys repeat across
// nodes): about a fifth of the plain gob encoding.
type wireFact struct {
	Strings []string
	Self    uint32
	Pkgs    []wirePkg
}

type wirePkg struct {
	Path  uint32
	Funcs []wireFunc
	Impls []uint32
}

type wireFunc struct {
	Key, Name uint32
	Sites     []wireSite
	Edges     []wireEdge
	Events    []uint32
}

type wireSite struct {
	Callee, Style, Reason uint32
	Iface, Declared       uint32
	Endpoints             []uint32
	Workflow              compare.Workflow
	By                    compare.ClientToken
	Param                 uint8
	From                  uint32
}

type wireEdge struct {
	To   uint32
	Kind Kind
	Args []argKind
}

// strtab interns strings in first-use order, so the encoding is
// deterministic.
type strtab struct {
	index map[string]uint32
	list  []string
}

func (t *strtab) id(s string) uint32 {
	if i, ok := t.index[s]; ok {
		return i
	}
	i := uint32(len(t.list))
	t.index[s] = i
	t.list = append(t.list, s)
	return i
}

func (t *strtab) ids(ss []string) []uint32 {
	out := make([]uint32, len(ss))
	for i, s := range ss {
		out[i] = t.id(s)
	}
	return out
}

func (f *graphFact) GobEncode() ([]byte, error) {
	t := &strtab{index: make(map[string]uint32)}
	w := wireFact{Self: t.id(f.Self)}
	for _, g := range f.Pkgs {
		wp := wirePkg{Path: t.id(g.Path), Impls: t.ids(g.Impls)}
		for _, n := range g.Funcs {
			wf := wireFunc{Key: t.id(n.Key), Name: t.id(n.Name), Events: t.ids(n.Events)}
			for _, s := range n.Sites {
				wf.Sites = append(wf.Sites, wireSite{
					Callee: t.id(s.Callee), Style: t.id(string(s.Style)),
					Reason: t.id(s.Reason), Iface: t.id(s.Iface), Endpoints: t.ids(s.Endpoints),
					Workflow: s.Workflow, By: s.By, Param: s.Param, From: t.id(s.From), Declared: t.id(s.Declared),
				})
			}
			for _, e := range n.Edges {
				wf.Edges = append(wf.Edges, wireEdge{To: t.id(e.To), Kind: e.Kind, Args: e.Args})
			}
			wp.Funcs = append(wp.Funcs, wf)
		}
		w.Pkgs = append(w.Pkgs, wp)
	}
	w.Strings = t.list
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(&w)
	return b.Bytes(), err
}

func (f *graphFact) GobDecode(data []byte) error {
	var w wireFact
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&w); err != nil {
		return err
	}
	var bad error
	str := func(i uint32) string {
		if int(i) >= len(w.Strings) {
			bad = fmt.Errorf("ghperm fact: string %d of %d", i, len(w.Strings))
			return ""
		}
		return w.Strings[i]
	}
	strs := func(ids []uint32) []string {
		if len(ids) == 0 {
			return nil
		}
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = str(id)
		}
		return out
	}
	*f = graphFact{Self: str(w.Self)}
	for _, wp := range w.Pkgs {
		g := &pkgGraph{Path: str(wp.Path), Impls: strs(wp.Impls)}
		for _, wf := range wp.Funcs {
			n := &funcNode{Key: str(wf.Key), Name: str(wf.Name), pkg: g.Path, Events: strs(wf.Events)}
			for _, s := range wf.Sites {
				n.Sites = append(n.Sites, site{
					Callee: str(s.Callee), Style: Style(str(s.Style)),
					Reason: str(s.Reason), Iface: str(s.Iface), Endpoints: strs(s.Endpoints),
					Workflow: s.Workflow, By: s.By, Param: s.Param, From: str(s.From), Declared: str(s.Declared),
				})
			}
			for _, e := range wf.Edges {
				n.Edges = append(n.Edges, edge{To: str(e.To), Kind: e.Kind, Args: e.Args})
			}
			g.Funcs = append(g.Funcs, n)
		}
		f.Pkgs = append(f.Pkgs, g)
	}
	return bad
}
