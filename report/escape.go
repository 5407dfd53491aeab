package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The analysed code controls file names, manifest values and messages
// built from them. Printed raw, a control character is a terminal escape
// sequence (it can rewrite the screen, set the window title or hide
// findings), and a newline forges a line of output. The text renderings
// escape them, as %q does for values in messages; JSON and SARIF escape
// them as JSON does.

// escape returns s with control characters (C0, DEL, C1), the Unicode
// bidirectional controls and invalid UTF-8 escaped in Go's notation
// (\x1b, \n, \u202e, \xff). The characters of keep are left as they are.
func escape(s, keep string) string {
	if !needsEscape(s, keep) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case strings.ContainsRune(keep, r) || !isControl(r):
			b.WriteString(s[i : i+size])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

func needsEscape(s, keep string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isControl(r) && !strings.ContainsRune(keep, r) {
			return true
		}
		i += size
	}
	return false
}

func isControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional controls ("Trojan Source")
	}
	return false
}

// escapeOutput escapes a whole text rendering, keeping the newlines and
// tabs that lay it out: the values in it have been escaped one by one
// where a newline or tab in them would forge the layout.
func escapeOutput(s string) string { return escape(s, "\n\t") }

// escapedWriter collects a text rendering and writes it escaped (see
// escapeOutput) on Flush: escaping the whole keeps a character that two
// writes split whole.
type escapedWriter struct {
	bytes.Buffer
	w io.Writer
}

func (e *escapedWriter) Flush() error {
	_, err := io.WriteString(e.w, escapeOutput(e.String()))
	return err
}
