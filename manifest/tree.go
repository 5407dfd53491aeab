package manifest

import "slices"

// The JSON and YAML readers both produce a tree of nodes with positions, so
// that one interpreter (app.go, workflow.go, config.go) checks the shape of
// either syntax the same way.

type kind uint8

const (
	mappingNode kind = iota
	sequenceNode
	stringNode
	scalarNode // number or boolean: a scalar that is neither string nor null
	nullNode   // null, or an empty YAML value
)

func (k kind) String() string {
	return [...]string{"a mapping", "a list", "a string", "a number or boolean", "empty"}[k]
}

type node struct {
	kind   kind
	pos    Pos
	text   string  // scalars: the value as written (strings unquoted)
	fields []field // mappings, in file order
	items  []*node // sequences
	// comment is a YAML line comment on this node ("# ghperm:allow ...").
	comment string
}

type field struct {
	key    string
	keyPos Pos
	value  *node
}

// checkFields reports duplicate keys of a mapping and keys that known
// rejects, suggesting a close known key. It returns the fields to use,
// dropping the later duplicates. known may be nil to accept every key.
func checkFields(n *node, what string, known []string, errs *ErrorList) []field {
	seen := make(map[string]bool, len(n.fields))
	var out []field
	for _, f := range n.fields {
		if seen[f.key] {
			errs.add(f.keyPos, "duplicate %s %s", what, quote(f.key))
			continue
		}
		seen[f.key] = true
		if known != nil && !slices.Contains(known, f.key) {
			errs.add(f.keyPos, "unknown %s %s%s", what, quote(f.key), didYouMean(f.key, known))
			continue
		}
		out = append(out, f)
	}
	return out
}

// expect reports whether n has kind k, and reports an error if not.
func expect(n *node, k kind, what string, errs *ErrorList) bool {
	if n.kind == k {
		return true
	}
	errs.add(n.pos, "%s is %s; want %s", what, n.kind, k)
	return false
}
