package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// NewTextHandler returns a handler that writes findings as
// "file:line:col: message [category]" lines (so that grep finds a
// category, as staticcheck's "(SA1019)"), grouped by category under a
// header, each followed by indented details (endpoint, requirement,
// related positions, call chain), and a summary line with the counts per
// category.
func NewTextHandler(w io.Writer) Handler { return &textHandler{w: w} }

type textHandler struct {
	collector
	w io.Writer
}

func (h *textHandler) Flush() error {
	fs := h.sorted()
	slices.SortStableFunc(fs, func(a, b *Finding) int { return compareCategories(a.Category, b.Category) })
	bw := &escapedWriter{w: h.w}
	var counts []string
	for i := 0; i < len(fs); {
		cat := fs[i].Category
		j := i
		for j < len(fs) && fs[j].Category == cat {
			j++
		}
		fmt.Fprintf(bw, "== %s (%d): %s\n", cat, j-i, ruleFor(cat).Short)
		for _, f := range fs[i:j] {
			writeTextFinding(bw, f)
		}
		fmt.Fprintln(bw)
		counts = append(counts, fmt.Sprintf("%d %s", j-i, cat))
		i = j
	}
	summary := "no findings"
	if len(fs) > 0 {
		summary = fmt.Sprintf("%d %s: %s", len(fs), plural(len(fs), "finding"), strings.Join(counts, ", "))
	}
	if n := h.config.Unreached; n > 0 {
		summary += fmt.Sprintf("; %d GitHub %s not reached", n, plural(n, "call"))
	}
	fmt.Fprintf(bw, "ghperm %s: %s (catalog %s)\n", h.config.Version, summary, h.config.Catalog)
	return bw.Flush()
}

func writeTextFinding(w io.Writer, f *Finding) {
	fmt.Fprintf(w, "%s: %s [%s]\n", f.Position, escape(f.Message, ""), escape(string(f.Category), ""))
	if e := f.Endpoint; e != nil {
		fmt.Fprintf(w, "\tendpoint: %s %s", e.Method, e.Path)
		if e.OperationID != "" {
			fmt.Fprintf(w, " (%s)", e.OperationID)
		}
		fmt.Fprintln(w)
	}
	if len(f.Requirement) > 0 {
		fmt.Fprintf(w, "\tneeds: %s\n", f.Requirement)
	}
	if m := f.otherManifest(); m != nil {
		fmt.Fprintf(w, "\tmanifest: %s\n", *m)
	}
	for _, r := range f.Related {
		fmt.Fprintf(w, "\t%s: %s\n", r.Position, escape(r.Message, ""))
	}
	if len(f.Chain) > 0 {
		fmt.Fprintln(w, "\tcall chain:")
		for _, s := range f.Chain {
			fmt.Fprintf(w, "\t\t%s @ %s\n", escape(s.Function, ""), s.Position)
		}
	}
}

// String formats the position as file:line:col, the file name's control
// characters escaped.
func (p Position) String() string {
	file := escape(p.File, "")
	if p.Line == 0 {
		return file
	}
	if p.Col == 0 {
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// String formats the alternative sets as "a:write & b:read | c:admin".
func (r Requirement) String() string {
	if len(r) == 0 || len(r) == 1 && len(r[0]) == 0 {
		return "nothing"
	}
	alts := make([]string, len(r))
	for i, s := range r {
		alts[i] = strings.Join(s, " & ")
	}
	return strings.Join(alts, " | ")
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
