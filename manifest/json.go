package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// parseJSON reads data as one JSON value into a tree with the position of
// every key and value. Duplicate keys are kept (the interpreter reports them).
func parseJSON(ls *lines) (*node, *Error) {
	data := ls.data
	if bytes.HasPrefix(data, utf8BOM) {
		// Editors on Windows write one; blanks keep the offsets.
		data = append([]byte("   "), data[len(utf8BOM):]...)
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	r := &jsonReader{ls: ls, data: data, d: d}
	n, err := r.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, &Error{Pos: ls.pos(r.start()), Msg: "syntax error: extra data after the JSON value"}
	}
	return n, nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

type jsonReader struct {
	ls    *lines
	data  []byte // ls.data, with a byte order mark blanked
	d     *json.Decoder
	prev  int // offset just after the previous token
	nodes int // values read so far, against maxNodes
}

// start returns the offset where the next token starts: the decoder's
// offset is the end of the last token, before any separator.
func (r *jsonReader) start() int {
	off := r.prev
	for off < len(r.data) {
		switch r.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (r *jsonReader) token() (json.Token, Pos, *Error) {
	at := r.ls.pos(r.start())
	tok, err := r.d.Token()
	if err != nil {
		return nil, at, r.syntaxError(err)
	}
	r.prev = int(r.d.InputOffset())
	return tok, at, nil
}

// syntaxError converts a decoder error. The streaming decoder's offsets
// are inexact, so it re-checks the whole input with json.Unmarshal, whose
// scanner reports the offset just past the offending byte.
func (r *jsonReader) syntaxError(err error) *Error {
	var v any
	if uerr := json.Unmarshal(r.data, &v); uerr != nil {
		err = uerr
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		if se.Error() == "unexpected end of JSON input" {
			return &Error{Pos: r.ls.pos(len(r.ls.data)), Msg: "syntax error: " + se.Error()}
		}
		return &Error{Pos: r.ls.pos(int(se.Offset) - 1), Msg: "syntax error: " + se.Error()}
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Pos: r.ls.pos(len(r.ls.data)), Msg: "syntax error: unexpected end of JSON input"}
	}
	return &Error{Pos: r.ls.pos(r.start()), Msg: "syntax error: " + err.Error()}
}

// value reads one value at nesting depth depth. The limits are checked
// as the tokens come, so that a hostile file costs no more than them.
func (r *jsonReader) value(depth int) (*node, *Error) {
	tok, at, err := r.token()
	if err != nil {
		return nil, err
	}
	if r.nodes++; r.nodes > maxNodes {
		return nil, &Error{Pos: at, Msg: fmt.Sprintf("too many values (more than %d)", maxNodes)}
	}
	switch tok := tok.(type) {
	case json.Delim:
		if (tok == '{' || tok == '[') && depth >= maxDepth {
			return nil, &Error{Pos: at, Msg: fmt.Sprintf("nested too deeply (more than %d levels)", maxDepth)}
		}
		if tok == '{' {
			return r.object(at, depth+1)
		}
		if tok == '[' {
			return r.array(at, depth+1)
		}
		return nil, &Error{Pos: at, Msg: fmt.Sprintf("syntax error: unexpected %q", rune(tok))}
	case string:
		return &node{kind: stringNode, pos: at, text: tok}, nil
	case nil:
		return &node{kind: nullNode, pos: at, text: "null"}, nil
	default: // json.Number, bool
		return &node{kind: scalarNode, pos: at, text: fmt.Sprint(tok)}, nil
	}
}

func (r *jsonReader) object(at Pos, depth int) (*node, *Error) {
	n := &node{kind: mappingNode, pos: at}
	for r.d.More() {
		tok, keyPos, err := r.token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok { // the decoder reports non-string keys itself; be safe
			return nil, &Error{Pos: keyPos, Msg: "syntax error: object key is not a string"}
		}
		v, err := r.value(depth)
		if err != nil {
			return nil, err
		}
		n.fields = append(n.fields, field{key: key, keyPos: keyPos, value: v})
	}
	_, _, err := r.token() // '}'
	return n, err
}

func (r *jsonReader) array(at Pos, depth int) (*node, *Error) {
	n := &node{kind: sequenceNode, pos: at}
	for r.d.More() {
		v, err := r.value(depth)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, v)
	}
	_, _, err := r.token() // ']'
	return n, err
}
