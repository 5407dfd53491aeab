package scan

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strings"
)

// nolint reads //nolint comments as golangci-lint does, so that the
// ghperm command drops the findings a golangci-lint run of ghperm would:
// "//nolint" (every linter) or "//nolint:a,b" naming ghperm, optionally
// followed by " // reason". An inline comment covers its line; a comment
// alone on its line covers the declaration or statement that begins on
// the next line, and one above the package clause the whole file.
type nolint struct {
	files map[string][]lineRange // by absolute file name
}

type lineRange struct{ from, to int }

// covers reports whether a //nolint comment of file covers line.
func (n *nolint) covers(file string, line int) bool {
	if n.files == nil {
		n.files = make(map[string][]lineRange)
	}
	rs, ok := n.files[file]
	if !ok {
		rs = nolintRanges(file)
		n.files[file] = rs
	}
	return slices.ContainsFunc(rs, func(r lineRange) bool { return r.from <= line && line <= r.to })
}

// nolintRanges returns the lines of a Go file that its //nolint comments
// naming ghperm cover; none if it cannot be read or parsed.
func nolintRanges(file string) []lineRange {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	tf := fset.File(f.Pos())
	lines := bytes.Split(src, []byte("\n"))
	var out []lineRange
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if !namesGhperm(c.Text) {
				continue
			}
			pos := tf.Position(c.Slash)
			alone := len(bytes.TrimSpace(lines[pos.Line-1][:pos.Column-1])) == 0
			switch {
			case !alone:
				out = append(out, lineRange{pos.Line, pos.Line})
			case c.Slash < f.Package:
				out = append(out, lineRange{1, tf.LineCount()})
			default:
				out = append(out, lineRange{pos.Line, nodeEnd(f, tf, pos.Line+1)})
			}
		}
	}
	return out
}

// namesGhperm reports whether a comment is a //nolint directive for
// every linter or one naming ghperm.
func namesGhperm(text string) bool {
	rest, ok := strings.CutPrefix(text, "//nolint")
	if !ok {
		return false
	}
	rest, _, _ = strings.Cut(rest, " ")
	if rest == "" {
		return true
	}
	names, ok := strings.CutPrefix(rest, ":")
	return ok && slices.ContainsFunc(strings.Split(names, ","), func(n string) bool { return n == "ghperm" || n == "all" })
}

// nodeEnd returns the last line of the widest declaration or statement
// that begins on line, or line itself if none does.
func nodeEnd(f *ast.File, tf *token.File, line int) int {
	end := line
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		switch n.(type) {
		case ast.Decl, ast.Stmt, ast.Spec:
			if tf.Line(n.Pos()) == line {
				end = max(end, tf.Line(n.End()))
			}
		}
		return tf.Line(n.Pos()) <= line
	})
	return end
}
