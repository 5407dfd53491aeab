package analyzer

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"
)

// TestGraphFactEncoding checks that a graph fact decodes to what was
// encoded, and that a string index out of range is an error, not a panic.
func TestGraphFactEncoding(t *testing.T) {
	at := func(line int) Pos { return Pos{File: "example.com/app/h/h.go", Line: line, Col: 2} }
	f := &graphFact{Self: "example.com/app/h", Pkgs: []*pkgGraph{{
		Path:  "example.com/app/h",
		Impls: []string{"example.com/app/h.Getter"},
		Funcs: []*funcNode{{
			Key: "example.com/app/h.(*H).Handle", Name: "(*h.H).Handle", Pos: at(10),
			Sites: []site{
				{Pos: at(11), Callee: "(*github.PullRequestsService).Get", Style: StyleGoGitHub, Endpoints: []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}"}},
				{Pos: at(12), Callee: "(*github.Client).NewRequest", Style: StyleEscape, Reason: "URL not known at compile time"},
				{Pos: at(13), Callee: "(h.Getter).Get", Style: StyleIface, Iface: "example.com/app/h.Getter"},
			},
			Edges: []edge{{To: "example.com/app/h.helper", Kind: KindValue, Pos: at(14)}},
		}, {
			Key: "example.com/app/h.helper", Name: "h.helper", Pos: at(20),
			Sites: []site{{Pos: at(21), Callee: "(*github.PullRequestsService).Get", Style: StyleGoGitHub, Endpoints: []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}"}}},
		}},
	}}}
	data, err := f.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	got := new(graphFact)
	if err := got.GobDecode(data); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("decoded\n%+v\nwant\n%+v", got, f)
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&wireFact{Strings: []string{"x"}, Self: 5}); err != nil {
		t.Fatal(err)
	}
	if err := new(graphFact).GobDecode(b.Bytes()); err == nil {
		t.Error("a string index out of range decoded without error")
	}
}
