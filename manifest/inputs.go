package manifest

import (
	"bufio"
	"bytes"
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
// Directives are found by reading the module's .go files as text
// (skipping vendor, testdata and directories whose names start with . or
// _), which is cheap next to vetting them.
func Inputs(dir string) []string {
	root := ModuleRoot(dir)
	var directives []string
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
			for _, arg := range scanDirectives(path) {
				if !filepath.IsAbs(arg) {
					arg = filepath.Join(filepath.Dir(path), filepath.FromSlash(arg))
				}
				directives = append(directives, arg)
			}
		}
		return nil
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

// scanDirectives returns the arguments of the //ghperm:manifest lines of
// a Go file.
func scanDirectives(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(data, []byte(directivePrefix)) {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if arg, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), directivePrefix); ok && strings.TrimSpace(arg) != "" {
			out = append(out, strings.TrimSpace(arg))
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
