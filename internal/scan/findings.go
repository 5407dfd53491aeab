package scan

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/manifest"
	"github.com/ghperm/ghperm/report"
)

// moduleDirs returns the directory trees of the analysed modules (their
// workspace's, in a workspace).
func (r *Result) moduleDirs() []string {
	seen := map[string]bool{}
	var dirs []string
	for _, act := range r.graph.Roots {
		if m := act.Package.Module; m != nil && m.Dir != "" && !seen[m.Dir] {
			seen[m.Dir] = true
			if t := manifest.TreeRoot(m.Dir); !slices.Contains(dirs, t) {
				dirs = append(dirs, t)
			}
		}
	}
	return dirs
}

// inModule keeps every position that the findings print inside the
// analysed modules: with -test, the go command generates each test
// binary's main package in its build cache, and a finding there would print
// (and upload, in SARIF) a path of this machine that the user cannot open.
// Chain steps and related positions outside are dropped; a finding at a
// position outside moves to its first chain step inside (the test's call),
// else to its manifest position, and is dropped if it is then the same as
// another finding, or if it has no position inside at all.
func inModule(findings []*report.Finding, root string, dirs []string) []*report.Finding {
	inside := func(p report.Position) bool {
		file := filepath.FromSlash(p.File)
		if !filepath.IsAbs(file) && !strings.HasPrefix(p.File, "../") && p.File != ".." {
			return true // relative to the directory of the run
		}
		if !filepath.IsAbs(file) {
			file = filepath.Join(root, file)
		}
		return slices.ContainsFunc(dirs, func(d string) bool {
			rel, err := filepath.Rel(d, file)
			return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
		})
	}
	type key struct {
		category report.Category
		pos      report.Position
		endpoint report.Endpoint
	}
	keyOf := func(f *report.Finding) key {
		// By start: a finding moved to a chain step has no end, the
		// same finding reported at that step has the call's.
		k := key{category: f.Category, pos: report.Position{File: f.Position.File, Line: f.Position.Line, Col: f.Position.Col}}
		if f.Endpoint != nil {
			k.endpoint = *f.Endpoint
		}
		return k
	}
	seen := map[key]bool{}
	var out, moved []*report.Finding
	for _, f := range findings {
		f.Chain = slices.DeleteFunc(f.Chain, func(s report.Step) bool { return !inside(s.Position) })
		f.Related = slices.DeleteFunc(f.Related, func(r report.Related) bool { return !inside(r.Position) })
		if f.Manifest != nil && !inside(*f.Manifest) {
			f.Manifest = nil
		}
		if inside(f.Position) {
			seen[keyOf(f)] = true
			out = append(out, f)
			continue
		}
		switch {
		case len(f.Chain) > 0:
			f.Position = f.Chain[0].Position
		case f.Manifest != nil:
			f.Position = *f.Manifest
		default:
			continue
		}
		moved = append(moved, f)
	}
	for _, f := range moved {
		if !seen[keyOf(f)] {
			seen[keyOf(f)] = true
			out = append(out, f)
		}
	}
	return out
}
