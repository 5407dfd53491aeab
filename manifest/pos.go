package manifest

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a manifest or config file. Line and Col are 1-based;
// Col counts bytes, as go/token does. Offset is the 0-based byte offset,
// which is what a driver needs to place a diagnostic with token.File.Pos.
type Pos struct {
	File   string
	Offset int
	Line   int
	Col    int
}

// IsValid reports whether p names a place in a file (Line > 0).
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string {
	switch {
	case p.IsValid():
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.File != "":
		return p.File
	}
	return "-"
}

// Error is one problem in a file, at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is every problem found in a file, in file order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Err returns l as an error, or nil if l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l *ErrorList) add(p Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Offset < b.Offset
	})
}

// lines maps byte offsets of one file's content to positions.
type lines struct {
	file  string
	data  []byte
	start []int  // byte offset of each line's first byte
	ascii []bool // whether each line is ASCII, so columns are bytes
	// runes holds, for the non-ASCII lines runePos was asked about, the
	// byte offset of each character: a YAML parser gives character
	// columns, and counting from the line's start for every value would
	// be quadratic in a long line ([a,a,a,...] of a megabyte).
	runes map[int][]int
}

func newLines(file string, data []byte) *lines {
	start, ascii := []int{0}, []bool{true}
	for i, c := range data {
		switch {
		case c == '\n':
			start, ascii = append(start, i+1), append(ascii, true)
		case c >= utf8.RuneSelf:
			ascii[len(ascii)-1] = false
		}
	}
	return &lines{file: file, data: data, start: start, ascii: ascii}
}

// pos returns the position of a byte offset, clamped to the content.
func (ls *lines) pos(off int) Pos {
	off = max(0, min(off, len(ls.data)))
	i := sort.Search(len(ls.start), func(i int) bool { return ls.start[i] > off }) - 1
	return Pos{File: ls.file, Offset: off, Line: i + 1, Col: off - ls.start[i] + 1}
}

// runePos returns the position of a 1-based line and 1-based column
// counted in characters, as YAML parsers report them.
func (ls *lines) runePos(line, col int) Pos {
	if line < 1 {
		return ls.pos(0)
	}
	if line > len(ls.start) {
		return ls.pos(len(ls.data))
	}
	off, end := ls.start[line-1], len(ls.data)
	if line < len(ls.start) {
		end = ls.start[line] - 1 // the newline
	}
	if col < 1 {
		col = 1
	}
	if ls.ascii[line-1] {
		return ls.pos(min(off+col-1, end))
	}
	offs, ok := ls.runes[line]
	if !ok {
		for i := off; i < end; {
			offs = append(offs, i)
			_, size := utf8.DecodeRune(ls.data[i:end])
			i += size
		}
		if ls.runes == nil {
			ls.runes = map[int][]int{}
		}
		ls.runes[line] = offs
	}
	if col-1 < len(offs) {
		return ls.pos(offs[col-1])
	}
	return ls.pos(end)
}
