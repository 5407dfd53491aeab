package manifest

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

// Editing grants in place. ghperm fix rewrites a permissions block (or a
// list of scopes) to what a program needs, and nothing else: the bytes of
// the file outside the entries it adds, changes or removes stay as they
// are, so comments, key order, quoting, indentation and unrelated content
// survive. The edits are made at the positions the parser recorded, not
// by marshalling a tree again (which would drop comments and reorder keys).

// SetPermissions returns data, the content of the file m was parsed from,
// with m's permissions block granting exactly want (app keys to levels):
// levels changed in place (quotes kept), grants not in want removed with
// their line (block style) or their separator (flow style, JSON), and new
// grants appended in key order, written as the block's last entry is. A
// grant at level none that want leaves out is removed too. A workflow's
// read-all or write-all becomes a mapping.
func SetPermissions(m *Manifest, data []byte, want map[string]catalog.Level) ([]byte, error) {
	e := &editor{data: data, json: m.Format == AppJSON}
	name := func(key string) string {
		if m.Format == Workflow {
			n, _ := ActionsName(key)
			return n
		}
		return key
	}
	// A workflow's read-all or write-all grants every key with one
	// scalar: it becomes a mapping of what is wanted.
	scalar := len(m.Permissions) > 0 && m.Permissions[0].Pos == m.Permissions[0].LevelPos
	var add []string
	for _, k := range sortedKeys(want) {
		if _, ok := m.Permission(k); !ok || scalar {
			add = append(add, e.entry(name(k), want[k].String(), m.Permissions))
		}
	}
	if scalar {
		return e.expandScalar(m, add)
	}
	for _, p := range m.Permissions {
		if p.Pos.Offset <= m.PermissionsPos.Offset && m.PermissionsPos.IsValid() {
			return nil, fmt.Errorf("%s: the grant of %s comes from a YAML alias or merge key: edit it by hand", p.Pos, p.Written)
		}
	}
	c, err := e.container(m.PermissionsPos, blockName(m))
	if err != nil {
		return nil, err
	}
	for _, p := range m.Permissions {
		end := e.scalarEnd(p.LevelPos.Offset)
		keep := false
		if l, ok := want[p.Key]; ok {
			keep = true
			if l != p.Level {
				e.replaceScalar(p.LevelPos.Offset, end, l.String())
			}
		}
		c.entries = append(c.entries, span{p.Pos.Offset, end, keep})
	}
	return e.finish(c, add)
}

// SetScopes returns data, the content of the config s was parsed from,
// with its scopes: list holding exactly want: scopes not in want removed,
// new ones appended in want's order.
func SetScopes(s *Settings, data []byte, want []string) ([]byte, error) {
	e := &editor{data: data}
	c, err := e.container(s.ScopesPos, "scopes")
	if err != nil {
		return nil, err
	}
	var have []string
	for _, sc := range s.Scopes {
		c.entries = append(c.entries, span{sc.Pos.Offset, e.scalarEnd(sc.Pos.Offset), slices.Contains(want, sc.Name)})
		have = append(have, sc.Name)
	}
	var add []string
	for _, w := range want {
		if !slices.Contains(have, w) {
			add = append(add, w)
		}
	}
	return e.finish(c, add)
}

// blockName is the key of m's permissions block, for a block to add.
func blockName(m *Manifest) string {
	switch m.Format {
	case AppJSON, AppYAML:
		return "default_permissions"
	}
	return "permissions"
}

func sortedKeys(m map[string]catalog.Level) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// editor collects replacements of byte ranges of data.
type editor struct {
	data  []byte
	json  bool
	edits []replacement
}

type replacement struct {
	start, end int
	text       string
}

// span is one entry of a mapping or list: [start, end) from its key (or
// item) to the end of its value; keep says whether it stays.
type span struct {
	start, end int
	keep       bool
}

// container is a mapping or list being edited.
type container struct {
	key     int  // the offset of its key; -1 if absent from the file
	colon   int  // the offset just after the key's ':'
	flow    bool // {...} or [...] (JSON always)
	open    int  // flow: the offset of '{' or '['; block: the end of the key's line; -1 if the value is empty
	indent  string
	name    string
	entries []span
	seq     bool
}

// container finds the value of the key at pos (an invalid pos: no such
// key). name is the key, to add it when it is absent.
func (e *editor) container(pos Pos, name string) (*container, error) {
	c := &container{key: -1, open: -1, name: name, seq: name == "scopes"}
	if !pos.IsValid() || !e.keyAt(pos.Offset, name) {
		return c, nil
	}
	c.key = pos.Offset
	c.indent = e.lineIndent(pos.Offset)
	i := e.scalarEnd(pos.Offset)
	for i < len(e.data) && (e.data[i] == ' ' || e.data[i] == '\t') {
		i++
	}
	if i >= len(e.data) || e.data[i] != ':' {
		return nil, fmt.Errorf("%s: no ':' after %s", pos, name)
	}
	i++
	c.colon = i
	for i < len(e.data) && (e.data[i] == ' ' || e.data[i] == '\t' || e.json && (e.data[i] == '\n' || e.data[i] == '\r')) {
		i++
	}
	switch {
	case i < len(e.data) && (e.data[i] == '{' || e.data[i] == '['):
		c.flow, c.open = true, i
	case e.json:
		return nil, fmt.Errorf("%s: %s is not an object", pos, name)
	default:
		c.open = e.lineEnd(i)
	}
	return c, nil
}

// keyAt reports whether the text at off is the key name.
func (e *editor) keyAt(off int, name string) bool {
	rest := e.data[min(off, len(e.data)):]
	rest = bytes.TrimLeft(rest, "\"'")
	return bytes.HasPrefix(rest, []byte(name)) && e.scalarEnd(off) <= off+len(name)+2
}

// entry formats a new permission entry as the block's entries are
// written: "key: level", or "key: 'level'" when the last level is quoted
// so, and JSON's "key": "level".
func (e *editor) entry(key, level string, perms []Permission) string {
	if e.json {
		return fmt.Sprintf("%q: %q", key, level)
	}
	q := ""
	if n := len(perms); n > 0 {
		if b := e.data[perms[n-1].LevelPos.Offset]; b == '"' || b == '\'' {
			q = string(b)
		}
	}
	return key + ": " + q + level + q
}

// finish applies the removals of c's entries and adds the new ones.
func (e *editor) finish(c *container, add []string) ([]byte, error) {
	kept := slices.ContainsFunc(c.entries, func(s span) bool { return s.keep })
	switch {
	case c.key < 0:
		e.appendBlock(c, add)
	case c.flow:
		e.flowEdits(c, add)
	case len(c.entries) == 0 && len(add) > 0:
		// "permissions:" with an empty value: the entries go below.
		e.insert(c.open, e.blockLines(c.indent+"  ", c.seq, add))
	case len(c.entries) > 0 && !kept && len(add) == 0:
		// Every entry removed: the block becomes empty.
		e.blockEdits(c, nil)
		e.insert(c.colon, map[bool]string{false: " {}", true: " []"}[c.seq])
	default:
		e.blockEdits(c, add)
	}
	return e.apply(), nil
}

// blockEdits removes the lines of the entries not kept and adds the new
// ones after the last entry, each line begun as the last entry's is
// ("  " or "  - ").
func (e *editor) blockEdits(c *container, add []string) {
	for _, s := range c.entries {
		if !s.keep {
			e.replace(e.lineStart(s.start), e.nextLine(s.end), "")
		}
	}
	if len(add) == 0 {
		return
	}
	last := c.entries[len(c.entries)-1]
	prefix := string(e.data[e.lineStart(last.start):last.start])
	at := e.nextLine(last.end)
	var b strings.Builder
	if at == len(e.data) && (at == 0 || e.data[at-1] != '\n') {
		b.WriteString(e.newline())
	}
	for _, a := range add {
		b.WriteString(prefix + a + e.newline())
	}
	e.insert(at, b.String())
}

// flowEdits removes the entries not kept with their separators and adds
// the new ones after the last, separated as the entries are.
func (e *editor) flowEdits(c *container, add []string) {
	n := len(c.entries)
	if n == 0 {
		if len(add) > 0 {
			sep := ", "
			if e.json {
				sep = ",\n" + c.indent + "  "
				e.insert(c.open+1, "\n"+c.indent+"  "+strings.Join(add, sep)+"\n"+c.indent)
				return
			}
			e.insert(c.open+1, strings.Join(add, sep))
		}
		return
	}
	sep := e.separator(c)
	anyKept := false
	for i := 0; i < n; {
		if c.entries[i].keep {
			anyKept = true
			i++
			continue
		}
		j := i
		for j+1 < n && !c.entries[j+1].keep {
			j++
		}
		switch {
		case j+1 < n:
			e.replace(c.entries[i].start, c.entries[j+1].start, "")
		case i > 0:
			e.replace(c.entries[i-1].end, c.entries[j].end, "")
		default: // all removed
			e.replace(c.entries[0].start, c.entries[n-1].end, strings.Join(add, sep))
			return
		}
		i = j + 1
	}
	if len(add) > 0 && anyKept {
		e.insert(c.entries[n-1].end, sep+strings.Join(add, sep))
	}
}

// separator is what stands between a flow container's entries: the text
// between the first two, or after the opening bracket for one entry.
func (e *editor) separator(c *container) string {
	if len(c.entries) > 1 {
		s := string(e.data[c.entries[0].end:c.entries[1].start])
		if !strings.Contains(s, "#") && !strings.Contains(s, "//") {
			return s
		}
	}
	lead := string(e.data[c.open+1 : c.entries[0].start])
	if i := strings.LastIndexByte(lead, '\n'); i >= 0 {
		return ",\n" + lead[i+1:]
	}
	return ", "
}

// appendBlock adds a block that the file lacks: at the end of a YAML
// file, before the closing brace of a JSON one.
func (e *editor) appendBlock(c *container, add []string) {
	if len(add) == 0 {
		return
	}
	if e.json {
		end := bytes.LastIndexByte(e.data, '}')
		if end < 0 {
			return
		}
		prev := bytes.TrimRight(e.data[:end], " \t\r\n")
		sep := ""
		if len(prev) > 0 && prev[len(prev)-1] != '{' {
			sep = ","
		}
		body := "{\n    " + strings.Join(add, ",\n    ") + "\n  }"
		e.replace(len(prev), end, sep+"\n  "+fmt.Sprintf("%q", c.name)+": "+body+"\n")
		return
	}
	var b strings.Builder
	if len(e.data) > 0 && e.data[len(e.data)-1] != '\n' {
		b.WriteString(e.newline())
	}
	b.WriteString(c.name + ":" + e.blockLines("  ", c.seq, add) + e.newline())
	e.insert(len(e.data), b.String())
}

// blockLines renders entries one a line, each after a newline.
func (e *editor) blockLines(indent string, seq bool, entries []string) string {
	var b strings.Builder
	for _, s := range entries {
		b.WriteString(e.newline() + indent)
		if seq {
			b.WriteString("- ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// expandScalar replaces a workflow's read-all or write-all with a
// mapping of the entries to add.
func (e *editor) expandScalar(m *Manifest, add []string) ([]byte, error) {
	p := m.Permissions[0]
	end := e.scalarEnd(p.LevelPos.Offset)
	c, err := e.container(m.PermissionsPos, "permissions")
	if err != nil {
		return nil, err
	}
	if len(add) == 0 {
		e.replace(p.LevelPos.Offset, end, "{}")
	} else {
		e.replace(c.colon, end, e.blockLines(c.indent+"  ", false, add))
	}
	return e.apply(), nil
}

// scalarEnd returns the offset just after the scalar starting at off: a
// quoted one through its closing quote, a plain one up to a blank, a
// comment or a flow indicator.
func (e *editor) scalarEnd(off int) int {
	d := e.data
	if off >= len(d) {
		return len(d)
	}
	if q := d[off]; q == '"' || q == '\'' {
		for i := off + 1; i < len(d); i++ {
			switch {
			case d[i] == '\\' && q == '"':
				i++
			case d[i] == q && q == '\'' && i+1 < len(d) && d[i+1] == '\'':
				i++ // '' in a single-quoted scalar
			case d[i] == q:
				return i + 1
			}
		}
		return len(d)
	}
	i := off
	for i < len(d) && !strings.ContainsRune(" \t\r\n,{}[]#", rune(d[i])) {
		if d[i] == ':' && (i+1 == len(d) || strings.ContainsRune(" \t\r\n", rune(d[i+1]))) {
			break
		}
		i++
	}
	return i
}

// replaceScalar replaces the scalar [start, end) by text, inside its
// quotes if it has them.
func (e *editor) replaceScalar(start, end int, text string) {
	if q := e.data[start]; q == '"' || q == '\'' {
		start, end = start+1, end-1
	}
	e.replace(start, end, text)
}

// newline is how the file ends its lines: "\r\n" if it does so anywhere.
func (e *editor) newline() string {
	if bytes.Contains(e.data, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

func (e *editor) lineStart(off int) int { return bytes.LastIndexByte(e.data[:off], '\n') + 1 }

// lineEnd is the offset of the newline ending off's line (or the end).
func (e *editor) lineEnd(off int) int {
	if i := bytes.IndexByte(e.data[off:], '\n'); i >= 0 {
		end := off + i
		if end > 0 && e.data[end-1] == '\r' {
			end--
		}
		return end
	}
	return len(e.data)
}

// nextLine is the offset of the line after off's (or the end).
func (e *editor) nextLine(off int) int {
	if i := bytes.IndexByte(e.data[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(e.data)
}

// lineIndent is the blanks that begin off's line.
func (e *editor) lineIndent(off int) string {
	start := e.lineStart(off)
	i := start
	for i < off && (e.data[i] == ' ' || e.data[i] == '\t') {
		i++
	}
	return string(e.data[start:i])
}

func (e *editor) replace(start, end int, text string) {
	e.edits = append(e.edits, replacement{start, end, text})
}

func (e *editor) insert(at int, text string) { e.replace(at, at, text) }

// apply returns data with the replacements made. Replacements do not
// overlap; an insertion at the end of a removed range comes after it.
func (e *editor) apply() []byte {
	slices.SortStableFunc(e.edits, func(a, b replacement) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	var out bytes.Buffer
	at := 0
	for _, r := range e.edits {
		if r.start < at {
			continue // overlapping: cannot happen by construction
		}
		out.Write(e.data[at:r.start])
		out.WriteString(r.text)
		at = r.end
	}
	out.Write(e.data[at:])
	return out.Bytes()
}
