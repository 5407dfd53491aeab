package manifest

import (
	"bufio"
	"bytes"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// directivePrefix starts the line of a //ghperm:manifest directive.
const directivePrefix = "//ghperm:manifest "

// Inputs returns every file that discovery and loading may read for the
// module containing dir: the well-known manifests and configs at its
// root, the files that //ghperm:manifest directives in its Go files name,
// the configs next to those, and the manifests and workflows the configs
// name. go vet caches a vet tool's output by the package's inputs, which
// do not include these files; hashing them into the tool's identity makes
// an edit of a manifest alone re-run the tool.
//
// Directives are found by reading the module's .go files as text, which
// is cheap next to vetting them.
func Inputs(dir string) []string {
	root := ModuleRoot(dir)
	var directives []string
	walkGoFiles(root, func(path string, data []byte) {
		for _, arg := range scanDirectives(data) {
			directives = append(directives, DirectivePath(filepath.Dir(path), arg))
		}
	})
	var files []string
	add := func(loc Location) {
		for _, p := range []string{loc.Manifest, loc.Config} {
			if p != "" {
				files = append(files, p)
			}
		}
		if loc.Config == "" {
			return
		}
		if data, err := os.ReadFile(loc.Config); err == nil {
			if s, _ := ParseConfig(loc.Config, data); s != nil {
				files = append(files, s.Manifest, s.Workflow)
			}
		}
	}
	loc, _ := Discover(root, "", "")
	add(loc)
	for _, d := range directives {
		loc, _ := Discover(root, "", d)
		add(loc)
	}
	files = slices.DeleteFunc(files, func(s string) bool { return s == "" })
	slices.Sort(files)
	return slices.Compact(files)
}

// walkGoFiles calls fn with every .go file of the module at root, except
// those under vendor, testdata, nested modules and directories whose
// names start with . or _.
func walkGoFiles(root string, fn func(path string, data []byte)) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				isFile(filepath.Join(path, "go.mod"))) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") {
			if data, err := os.ReadFile(path); err == nil {
				fn(path, data)
			}
		}
		return nil
	})
}

// scanDirectives returns the arguments of the //ghperm:manifest lines of
// a Go file's content.
func scanDirectives(data []byte) []string {
	if !bytes.Contains(data, []byte(directivePrefix)) {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if arg, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), directivePrefix); ok && strings.TrimSpace(arg) != "" {
			out = append(out, arg)
		}
	}
	return out
}

// DirectivePath returns the path that the arguments of a
// //ghperm:manifest directive in a file of dir name: the first word (a
// comment may follow), relative to dir unless absolute.
func DirectivePath(dir, args string) string {
	arg, _, _ := strings.Cut(strings.TrimSpace(args), " ")
	if arg == "" || filepath.IsAbs(arg) {
		return arg
	}
	return filepath.Join(dir, filepath.FromSlash(arg))
}

// program is a main package of a module, as found by reading its files.
type program struct {
	Dir       string
	Directive string // the path its //ghperm:manifest names, resolved; "" if none
}

// programs returns the main packages of the module at root, sorted by
// directory: the directories with a non-test .go file that says package
// main (files with a //go:build ignore line do not count).
func programs(root string) []program {
	byDir := map[string]*program{}
	walkGoFiles(root, func(path string, data []byte) {
		if strings.HasSuffix(path, "_test.go") || bytes.Contains(data, []byte("//go:build ignore")) {
			return
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, data, parser.PackageClauseOnly)
		if err != nil || f.Name.Name != "main" {
			return
		}
		dir := filepath.Dir(path)
		p := byDir[dir]
		if p == nil {
			p = &program{Dir: dir}
			byDir[dir] = p
		}
		if args := scanDirectives(data); len(args) > 0 && p.Directive == "" {
			p.Directive = DirectivePath(dir, args[0])
		}
	})
	var out []program
	for _, p := range byDir {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b program) int { return strings.Compare(a.Dir, b.Dir) })
	return out
}

// Sharers returns the directories of the module's main packages that use
// the same grants as the one whose //ghperm:manifest names directive
// ("" if it has none): with several, no one package sees the program's
// needs together under go vet.
func Sharers(root, directive string) []string {
	mine, err := Discover(root, "", directive)
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range programs(root) {
		if loc, err := Discover(root, "", p.Directive); err == nil && loc.Manifest == mine.Manifest && loc.Config == mine.Config {
			out = append(out, p.Dir)
		}
	}
	return out
}

// ModuleRoot returns the nearest directory at or above dir that holds a
// go.mod, or dir itself.
func ModuleRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if isFile(filepath.Join(d, "go.mod")) {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
