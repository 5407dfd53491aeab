package scan

import (
	"bytes"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"

	"golang.org/x/tools/go/packages"

	"github.com/ghperm/ghperm/report"
)

// extend gives a position without an end (a finding at a call or at a
// grant) one, for renderings that show regions (SARIF): in Go code the
// end of the call that starts at pos, elsewhere (a grant's line in a
// manifest, a //ghperm:manifest directive) the end of the line, trailing
// spaces left out.
func (r *Result) extend(pkg *packages.Package, pos token.Pos, p *report.Position) {
	if p.EndLine != 0 || p.Line == 0 {
		return
	}
	if call := callAt(pkg, pos); call != nil {
		e := pkg.Fset.Position(call.End())
		p.EndLine, p.EndCol = e.Line, e.Column
		return
	}
	file := filepath.FromSlash(p.File)
	if !filepath.IsAbs(file) {
		file = filepath.Join(r.root, file)
	}
	content, err := os.ReadFile(file)
	if err != nil {
		return
	}
	lines := bytes.Split(content, []byte("\n"))
	if p.Line > len(lines) {
		return
	}
	line := bytes.TrimRight(lines[p.Line-1], " \t\r")
	if end := len(line) + 1; end > p.Col {
		p.EndLine, p.EndCol = p.Line, end
	}
}

// callAt returns the call expression of pkg that starts at pos, or nil.
func callAt(pkg *packages.Package, pos token.Pos) *ast.CallExpr {
	for _, f := range pkg.Syntax {
		if pos < f.FileStart || pos > f.FileEnd {
			continue
		}
		var found *ast.CallExpr
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil || n == nil || pos < n.Pos() || pos >= n.End() {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok && call.Pos() == pos {
				found = call
			}
			return found == nil
		})
		return found
	}
	return nil
}

// repoRoot is the root of the version-control repository that holds the
// analysed modules (the closest directory upwards with a .git, which a
// worktree or submodule has as a file), or "" outside one.
func (r *Result) repoRoot() string {
	dirs := r.moduleDirs()
	if len(dirs) == 0 {
		dirs = []string{r.root}
	}
	for dir := dirs[0]; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
