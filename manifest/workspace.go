package manifest

import (
	"os"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// TreeRoot returns the tree that the module at root may name files in:
// the directory of the go.work that uses the module (a workspace's modules
// may share a manifest), else root itself.
func TreeRoot(root string) string {
	work := WorkFile(root)
	if work == "" {
		return root
	}
	wdir := filepath.Dir(work)
	for _, m := range WorkModules(work) {
		if sameDir(m, root) && Confine(wdir, root) == nil {
			return wdir
		}
	}
	return root
}

// WorkFile returns the go.work file that governs dir, as the go command
// finds it: $GOWORK (none if "off"), else the first go.work at or above
// dir; "" if there is none.
func WorkFile(dir string) string {
	switch env := os.Getenv("GOWORK"); {
	case env == "off":
		return ""
	case env != "":
		return env
	}
	for d := dir; ; d = filepath.Dir(d) {
		if p := filepath.Join(d, "go.work"); isFile(p) {
			return p
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// WorkModules returns the directories of the modules a go.work uses; nil
// if it cannot be read or parsed (the go command reports that).
func WorkModules(work string) []string {
	data, err := ReadFile(work)
	if err != nil {
		return nil
	}
	wf, err := modfile.ParseWork(work, data, nil)
	if err != nil {
		return nil
	}
	var out []string
	for _, u := range wf.Use {
		dir := filepath.FromSlash(u.Path)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(filepath.Dir(work), dir)
		}
		out = append(out, filepath.Clean(dir))
	}
	return out
}

func sameDir(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ra, err1 := filepath.EvalSymlinks(a)
	rb, err2 := filepath.EvalSymlinks(b)
	return err1 == nil && err2 == nil && ra == rb
}
