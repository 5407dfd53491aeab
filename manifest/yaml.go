package manifest

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// parseYAML reads the YAML document of data into a tree with the
// position of every key and value. Duplicate keys are kept (the interpreter
// reports them); aliases are followed. A second document is an error: a
// manifest is one document, and what follows "---" would be silently
// ignored otherwise.
//
// yaml.v3 builds its own tree of the whole document before the node limit
// is checked here; MaxFileSize bounds that tree (yaml.v3 itself bounds the
// nesting at 10,000 levels).
func parseYAML(ls *lines) (*node, *Error) {
	dec := yaml.NewDecoder(bytes.NewReader(ls.data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return &node{kind: nullNode, pos: ls.pos(0)}, nil
	} else if err != nil {
		return nil, yamlError(ls, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &Error{Pos: ls.runePos(next.Line, next.Column), Msg: "a second YAML document; a manifest, config or workflow is one document"}
	case err != io.EOF:
		return nil, yamlError(ls, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 { // empty or only comments
		return &node{kind: nullNode, pos: ls.pos(0)}, nil
	}
	r := yamlReader{ls: ls, active: map[*yaml.Node]bool{}}
	return r.convert(doc.Content[0], 0)
}

// yaml.v3 reports syntax errors as "yaml: line N: message" (several such
// lines for type errors, which cannot occur when decoding into a Node).
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlError(ls *lines, err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p := ls.runePos(line, 1)
		// The parser gives no column: point at the line's first non-blank.
		for p.Offset < len(ls.data) && (ls.data[p.Offset] == ' ' || ls.data[p.Offset] == '\t') {
			p = ls.pos(p.Offset + 1)
		}
		return &Error{Pos: p, Msg: "syntax error: " + m[2]}
	}
	return &Error{Pos: ls.pos(0), Msg: "syntax error: " + strings.TrimPrefix(msg, "yaml: ")}
}

type yamlReader struct {
	ls     *lines
	active map[*yaml.Node]bool // aliases being expanded, to stop cycles
	nodes  int
}

// convert converts y at nesting depth depth. maxNodes also bounds alias
// expansion ("billion laughs").
func (r *yamlReader) convert(y *yaml.Node, depth int) (*node, *Error) {
	r.nodes++
	if r.nodes > maxNodes {
		return nil, &Error{Pos: r.ls.runePos(y.Line, y.Column), Msg: fmt.Sprintf("too many values (more than %d; alias expansion?)", maxNodes)}
	}
	pos := r.ls.runePos(y.Line, y.Column)
	if depth > maxDepth {
		return nil, &Error{Pos: pos, Msg: fmt.Sprintf("nested too deeply (more than %d levels)", maxDepth)}
	}
	comment := strings.TrimSpace(strings.TrimPrefix(y.LineComment, "#"))
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil || r.active[y.Alias] {
			return nil, &Error{Pos: pos, Msg: "alias refers to itself"}
		}
		r.active[y.Alias] = true
		defer delete(r.active, y.Alias)
		return r.convert(y.Alias, depth)
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return &node{kind: nullNode, pos: pos}, nil
		}
		return r.convert(y.Content[0], depth)
	case yaml.MappingNode:
		n := &node{kind: mappingNode, pos: pos, comment: comment}
		var merged []field // from "<<: *anchor", overridden by explicit keys
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			kpos := r.ls.runePos(k.Line, k.Column)
			if k.Kind != yaml.ScalarNode {
				return nil, &Error{Pos: kpos, Msg: "mapping key is not a scalar"}
			}
			val, err := r.convert(v, depth+1)
			if err != nil {
				return nil, err
			}
			if k.ShortTag() == "!!merge" {
				m, err := mergeFields(val, kpos)
				if err != nil {
					return nil, err
				}
				merged = append(merged, m...)
				continue
			}
			if val.comment == "" { // "key: value # c" may attach c to the key
				val.comment = strings.TrimSpace(strings.TrimPrefix(k.LineComment, "#"))
			}
			n.fields = append(n.fields, field{key: k.Value, keyPos: kpos, value: val})
		}
		for _, f := range merged {
			if findField(n, f.key) == nil {
				n.fields = append(n.fields, f)
			}
		}
		return n, nil
	case yaml.SequenceNode:
		n := &node{kind: sequenceNode, pos: pos, comment: comment}
		for _, c := range y.Content {
			item, err := r.convert(c, depth+1)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, item)
		}
		return n, nil
	case yaml.ScalarNode:
		k := scalarNode
		switch y.ShortTag() {
		case "!!str":
			k = stringNode
		case "!!null":
			k = nullNode
		}
		return &node{kind: k, pos: pos, text: y.Value, comment: comment}, nil
	}
	return nil, &Error{Pos: pos, Msg: fmt.Sprintf("unexpected YAML node kind %d", y.Kind)}
}

// mergeFields returns the fields a merge key ("<<") brings: those of a
// mapping, or of a list of mappings, the first of which wins.
func mergeFields(v *node, at Pos) ([]field, *Error) {
	switch v.kind {
	case mappingNode:
		return v.fields, nil
	case sequenceNode:
		var out []field
		for _, item := range v.items {
			if item.kind != mappingNode {
				return nil, &Error{Pos: item.pos, Msg: "a merge key (<<) takes mappings"}
			}
			out = append(out, item.fields...)
		}
		return out, nil
	}
	return nil, &Error{Pos: at, Msg: "a merge key (<<) takes a mapping or a list of mappings"}
}
