package manifest

import (
	"bufio"
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

// directivePrefix starts the line of a //ghperm:manifest directive.
const directivePrefix = "//ghperm:manifest "

// Inputs returns every file that discovery and loading may read for the
// modules of the workspace containing dir (or for its module, outside a
// workspace): the well-known manifests and configs at each module's root,
// the files that //ghperm:manifest directives in its Go files name, the
// configs next to those, and the manifests and workflows the configs name.
// go vet caches a vet tool's output by the package's inputs, which do not
// include these files; hashing them into the tool's identity makes an
// edit of a manifest alone re-run the tool. Files outside the module (or
// workspace) tree are left out: loading them is an error.
//
// Directives are found by reading the modules' .go files as text, which
// is cheap next to vetting them.
func Inputs(dir string) []string {
	files, _ := VetInputs(dir)
	return files
}

// VetInputs returns Inputs and Programs of dir, from one reading of each
// module's Go files: go vet asks the vet tool's identity on every run.
func VetInputs(dir string) (files, programs []string) {
	for _, root := range Modules(dir) {
		sc := scanModule(root)
		files = append(files, moduleInputs(root, sc.directives)...)
		programs = append(programs, sc.governed(root)...)
	}
	slices.Sort(files)
	slices.Sort(programs)
	return slices.Compact(files), programs
}

func moduleInputs(root string, directives []string) []string {
	var files []string
	add := func(loc Location) {
		for _, p := range []string{loc.Manifest, loc.Config} {
			if p != "" && loc.confine(p, loc.How == ByConfig) == nil {
				files = append(files, p)
			}
		}
		if loc.Config == "" || loc.confine(loc.Config, false) != nil {
			return
		}
		if data, err := ReadFile(loc.Config); err == nil {
			if s, _ := ParseConfig(loc.Config, data); s != nil {
				for _, p := range []string{s.Manifest, s.Workflow} {
					if p != "" && loc.confine(p, true) == nil {
						files = append(files, p)
					}
				}
				if s.Token == catalog.Actions && s.Workflow == "" {
					files = append(files, workflowFiles(loc.Root)...) // discovered when loaded
				}
			}
		}
	}
	loc, _ := Discover(root, "", "")
	add(loc)
	for _, d := range directives {
		loc, err := Discover(root, "", d)
		if err == nil {
			add(loc)
		}
	}
	return files
}

// Programs returns, for the modules of the workspace containing dir (or
// its module), every main package's directory and the manifest and config
// that govern it, one line each, sorted. A main package's findings depend
// on the other programs that share its grants (excess grants are reported
// only for a program that has its grants alone), which go vet's cache key
// for the package does not include: the vet tool's identity hashes this.
func Programs(dir string) []string {
	_, programs := VetInputs(dir)
	return programs
}

// governed describes each main package of the scan: its directory and
// the manifest and config that govern it.
func (sc moduleScan) governed(root string) []string {
	var out []string
	for _, p := range sc.programs {
		loc, _ := Discover(root, "", p.Directive)
		out = append(out, fmt.Sprintf("%s\x00%s\x00%s", p.Dir, loc.Manifest, loc.Config))
	}
	return out
}

// Modules returns the root directories of the modules of the workspace
// containing dir (the go.work that governs it), or of the module
// containing dir.
func Modules(dir string) []string {
	if work := WorkFile(dir); work != "" {
		if mods := WorkModules(work); len(mods) > 0 {
			return mods
		}
	}
	return []string{ModuleRoot(dir)}
}

// walkGoFiles calls fn with every .go file of the module at root, except
// those under vendor, testdata, nested modules and directories whose
// names start with . or _, with its package name and content: all of a
// main package's file, only the head of another, as far as its package
// clause (directives elsewhere are ignored). Only regular files are read
// (a FIFO named x.go would block). go vet runs this walk on every run (see
// VetInputs), so it costs a directory read per directory and an open,
// fstat, read and close per file, nothing more.
func walkGoFiles(root string, fn func(path, pkg string, data []byte)) {
	var walk func(dir string)
	walk = func(dir string) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		if dir != root && slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == "go.mod" }) {
			return // a nested module
		}
		for _, e := range entries {
			name, path := e.Name(), filepath.Join(dir, e.Name())
			switch {
			case e.IsDir():
				if name != "vendor" && name != "testdata" && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_") {
					walk(path)
				}
			case strings.HasSuffix(name, ".go"):
				if pkg, data, err := readGoFile(path, e.Type()); err == nil {
					fn(path, pkg, data)
				}
			}
		}
	}
	walk(root)
}

const (
	// goFileHead is what is read first of a .go file: enough for the
	// package clause of nearly every file (a longer head is read whole).
	goFileHead = 8 << 10
	// maxGoFileSize bounds what is read of one .go file.
	maxGoFileSize = 64 << 20
)

// readGoFile reads the package name of the .go file the directory entry
// of type typ names, and its content: whole for package main, else the
// head. An entry that is a regular file is opened at once; another (a
// symbolic link) is checked first, so that a FIFO is never opened.
func readGoFile(path string, typ fs.FileMode) (pkg string, data []byte, err error) {
	var f *os.File
	if typ.IsRegular() {
		f, err = os.Open(path)
	} else {
		f, err = openRegular(path)
	}
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", nil, err
	}
	if !fi.Mode().IsRegular() {
		return "", nil, notRegular(fi.Mode())
	}
	size := min(fi.Size(), maxGoFileSize)
	head := make([]byte, min(size, goFileHead))
	n, err := io.ReadFull(f, head)
	if err == io.ErrUnexpectedEOF { // the file shrank since fstat
		size, err = int64(n), nil
	}
	if err != nil {
		return "", nil, err
	}
	if int64(n) == size {
		pkg, _ := packageName(head[:n], true)
		return pkg, head[:n], nil
	}
	if pkg, ok := packageName(head, false); ok && pkg != "main" {
		return pkg, head, nil
	}
	data = make([]byte, size)
	copy(data, head)
	m, err := io.ReadFull(f, data[n:])
	if err == io.ErrUnexpectedEOF {
		err = nil
	}
	data = data[:n+m]
	pkg, _ = packageName(data, true)
	return pkg, data, err
}

// packageName returns the name in the package clause of src, a .go file
// or its head (whole is false); ok is false if the clause is not complete
// in src.
func packageName(src []byte, whole bool) (name string, ok bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.PackageClauseOnly)
	if err != nil || !whole && fset.Position(f.Name.End()).Offset >= len(src) {
		return "", false
	}
	return f.Name.Name, true
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
func programs(root string) []program { return scanModule(root).programs }

// moduleScan is what one reading of a module's Go files finds.
type moduleScan struct {
	directives []string  // the paths of its main packages' //ghperm:manifest directives, resolved
	programs   []program // its main packages, by directory
}

func scanModule(root string) moduleScan {
	var sc moduleScan
	byDir := map[string]*program{}
	walkGoFiles(root, func(path, pkg string, data []byte) {
		if pkg != "main" {
			return // a //ghperm:manifest directive elsewhere is ignored
		}
		args := scanDirectives(data)
		for _, arg := range args {
			sc.directives = append(sc.directives, DirectivePath(filepath.Dir(path), arg))
		}
		if strings.HasSuffix(path, "_test.go") || bytes.Contains(data, []byte("//go:build ignore")) {
			return
		}
		dir := filepath.Dir(path)
		p := byDir[dir]
		if p == nil {
			p = &program{Dir: dir}
			byDir[dir] = p
		}
		if len(args) > 0 && p.Directive == "" {
			p.Directive = DirectivePath(dir, args[0])
		}
	})
	for _, p := range byDir {
		sc.programs = append(sc.programs, *p)
	}
	slices.SortFunc(sc.programs, func(a, b program) int { return strings.Compare(a.Dir, b.Dir) })
	return sc
}

// Sharers returns the directories of the module's main packages that use
// the same grants as the one whose //ghperm:manifest names directive
// ("" if it has none): with several, no one package sees the program's
// needs together under go vet.
func Sharers(root, directive string) []string {
	return sharers(root, directive, programs(root))
}

func sharers(root, directive string, progs []program) []string {
	mine, err := Discover(root, "", directive)
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range progs {
		if loc, err := Discover(root, "", p.Directive); err == nil && loc.Manifest == mine.Manifest && loc.Config == mine.Config {
			out = append(out, p.Dir)
		}
	}
	return out
}

// Governs reports whether every main package of the module at root uses
// the grants found at root without a directive: then they are the grants
// of every package of the module, and a package can be compared with them
// on its own.
func Governs(root string) bool {
	progs := programs(root)
	return len(sharers(root, "", progs)) == len(progs)
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
