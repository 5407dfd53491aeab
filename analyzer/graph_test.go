package analyzer

import (
	"testing"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
)

// TestParamKind: a client parameter's token kind is that of the argument
// every call in the tree passes, through wrappers of wrappers, and
// unknown when the calls disagree or one does not show it.
func TestParamKind(t *testing.T) {
	jwt, inst := compare.ClientOf(catalog.AppJWT), compare.ClientOf(catalog.Installation)
	known := func(k compare.ClientToken) []argKind { return []argKind{{By: k}} }
	// main calls outer (which hands its parameter on to inner) and, in
	// some cases, inner itself.
	graph := func(outer, direct []argKind) *tree {
		mainEdges := []edge{{To: "p.outer", Kind: KindCall, Args: outer}}
		if direct != nil {
			mainEdges = append(mainEdges, edge{To: "p.inner", Kind: KindCall, Args: direct})
		}
		ix := newIndex([]*pkgGraph{{Path: "p", Funcs: []*funcNode{
			{Key: "p.main", Edges: mainEdges},
			{Key: "p.outer", Edges: []edge{{To: "p.inner", Kind: KindCall, Args: []argKind{{Param: 1}}}}},
			{Key: "p.inner", Sites: []site{{Param: 1}}},
		}}}, true)
		return ix.walk("p.main")
	}
	for _, c := range []struct {
		name          string
		outer, direct []argKind
		want          compare.ClientToken
	}{
		{"through two wrappers", known(jwt), nil, jwt},
		{"two calls that agree", known(jwt), known(jwt), jwt},
		{"two calls that disagree", known(jwt), known(inst), compare.UnknownClient},
		{"a call that does not show it", nil, known(jwt), compare.UnknownClient},
	} {
		tr := graph(c.outer, c.direct)
		inner := tr.order[len(tr.order)-1]
		if inner.Key != "p.inner" {
			t.Fatalf("%s: walk reached %s last", c.name, inner.Key)
		}
		if got := tr.paramKind(inner, 1, nil, 0); got != c.want {
			t.Errorf("%s: paramKind = %v, want %v", c.name, got, c.want)
		}
	}
	// At the start of a tree, the kind comes from the call that starts it.
	ix := newIndex([]*pkgGraph{{Path: "p", Funcs: []*funcNode{{Key: "p.inner", Sites: []site{{Param: 1}}}}}}, false)
	tr := ix.walk("p.inner")
	if got := tr.paramKind(tr.order[0], 1, known(jwt), 0); got != jwt {
		t.Errorf("start: paramKind = %v, want %v", got, jwt)
	}
	if got := tr.paramKind(tr.order[0], 1, nil, 0); got != compare.UnknownClient {
		t.Errorf("start without arguments: paramKind = %v, want unknown", got)
	}
}
