package manifest

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Limits on what ghperm reads. The files are the analysed code's, and the
// code may be hostile: a manifest nested two million deep, a list of 100 MB,
// a FIFO or /dev/zero must give an error, not a crash, a hang or gigabytes.
const (
	// MaxFileSize is the largest manifest, config or workflow read.
	MaxFileSize = 1 << 20
	// maxDepth bounds the nesting of mappings and lists.
	maxDepth = 100
	// maxNodes bounds the values of one file (after YAML alias expansion).
	maxNodes = 100000
	// maxErrorsPerFile bounds the problems reported for one file; the
	// last says how many more there are.
	maxErrorsPerFile = 50
)

// ReadFile reads a manifest, config or workflow: only a regular file (a
// directory, FIFO or device is an error, and opening a FIFO never blocks),
// of at most MaxFileSize bytes. The errors name neither the path (the
// caller's position does) nor anything of the content.
func ReadFile(path string) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, pathless(err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file is larger than %d MiB, the limit for manifests, configs and workflows", MaxFileSize>>20)
	}
	return data, nil
}

// openRegular opens path for reading if it is a regular file (after
// following symbolic links). It checks before opening, so that a FIFO is
// never opened (which would block until a writer comes), and again on the
// open file, in case the path changed in between.
func openRegular(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, pathless(err)
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(info.Mode())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, pathless(err)
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err != nil {
			return nil, pathless(err)
		}
		return nil, notRegular(info.Mode())
	}
	return f, nil
}

func notRegular(m fs.FileMode) error {
	what := "not a regular file"
	switch {
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	}
	return fmt.Errorf("is %s, not a regular file", what)
}

// exists reports whether there is a directory entry at path, whatever it
// is (a dangling symbolic link, a directory or a FIFO included): discovery
// finds such entries, and loading reports why they cannot be read, as it
// does for the same path named by the -manifest flag.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// Confine checks that path, which the analysed code named (a
// //ghperm:manifest directive, or a ghperm config's manifest: or
// workflow:), lies inside the directory tree dir once symbolic links are
// resolved. The code is not trusted: a directive naming /etc/shadow would
// otherwise bring fragments of that file into the findings, which CI may
// publish. A path that does not exist yet is checked as far as it exists.
// The error names the path, never its content.
func Confine(dir, path string) error {
	if dir == "" {
		return nil
	}
	rdir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		rdir = filepath.Clean(dir)
	}
	rpath := resolveExisting(path)
	if rel, err := filepath.Rel(rdir, rpath); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
		return nil
	}
	return fmt.Errorf("%s is outside %s; a manifest, config or workflow that the code or a config names must be inside the module (or workspace) tree (name other files with the -manifest flag)", printable(path), printable(dir))
}

// printable escapes the control characters of a path that the analysed
// code chose, as %q would but without the quotes, for messages that go vet
// prints as they are.
func printable(path string) string {
	q := strconv.Quote(path)
	if q[1:len(q)-1] == strings.ReplaceAll(strings.ReplaceAll(path, `\`, `\\`), `"`, `\"`) {
		return path // nothing but backslashes and quotes to escape
	}
	return q[1 : len(q)-1]
}

// resolveExisting resolves the symbolic links of the longest existing
// prefix of path and joins the rest. A dangling link is followed as far as
// it goes: its target is what a later read would open.
func resolveExisting(path string) string {
	path = filepath.Clean(path)
	if !filepath.IsAbs(path) {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
	}
	var rest []string
	for p := path; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		if target, err := os.Readlink(p); err == nil && len(rest) < 40 {
			// A dangling link: resolve its target instead.
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(p), target)
			}
			return resolveExisting(filepath.Join(append([]string{target}, rest...)...))
		}
		if filepath.Dir(p) == p {
			return path
		}
		rest = append([]string{filepath.Base(p)}, rest...)
	}
}

// capErrors keeps at most maxErrorsPerFile problems per file (errs in file
// order), replacing the rest with one saying how many were left out.
func capErrors(errs ErrorList) ErrorList {
	count := map[string]int{}
	out := errs[:0:0]
	var last map[string]*Error = map[string]*Error{}
	for _, e := range errs {
		count[e.Pos.File]++
		switch n := count[e.Pos.File]; {
		case n <= maxErrorsPerFile:
			out = append(out, e)
		case n == maxErrorsPerFile+1:
			last[e.Pos.File] = &Error{Pos: e.Pos}
			out = append(out, last[e.Pos.File])
		}
	}
	for file, e := range last {
		e.Msg = fmt.Sprintf("and %s more problems in this file", thousands(count[file]-maxErrorsPerFile))
	}
	return out
}

// thousands formats n with commas: 999,950.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
