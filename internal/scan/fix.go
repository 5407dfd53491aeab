package scan

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/manifest"
	"github.com/ghperm/ghperm/report"
	"golang.org/x/tools/go/analysis/checker"
)

// A FileFix is the rewrite of one file of grants (an app manifest, a
// ghperm config's permissions: or scopes:, a workflow's permissions:
// block) to what the programs it governs need.
type FileFix struct {
	Path     string // the file, as loaded
	Rel      string // the file relative to the run's directory, slash-separated
	Old, New []byte
	// Changes say what the rewrite does, in file order, then the
	// additions: "add checks: read", "lower contents: write to read",
	// "remove pages: write".
	Changes []string
	// Held are the removals and lowerings not made (without force)
	// because Unresolved or Unreached calls remain.
	Held []string
	// Unresolved and Unreached are the programs' calls whose endpoint is
	// unknown and the calls they do not reach: what those need is
	// unknown, so a grant that seems unused may be needed.
	Unresolved, Unreached []report.Call
}

// Fix computes, for each file of grants that the analysed programs are
// compared with, the rewrite that grants exactly what they need
// (Needs): missing grants added, levels raised or lowered, excess grants
// removed. Grants that subscribed events need are needs; grants kept with
// a reason (# ghperm:allow, the config's allow:) stay, at least at their
// level; grants at level none and metadata: read stay. While unresolved
// or unreached calls remain, removals and lowerings are held back unless
// force is set. Programs that share a file are fixed together. Files
// with errors are not rewritten: the error says to run check.
func (r *Result) Fix(force bool) ([]*FileFix, error) {
	groups, order, err := r.grantGroups()
	if err != nil {
		return nil, err
	}
	var out []*FileFix
	for _, path := range order {
		gr := groups[path]
		n := r.needsOf(gr.acts, gr.grants, nil, true)
		fix := &FileFix{Path: path, Rel: report.RelPath(r.root, path), Unresolved: n.Unresolved, Unreached: n.Unreached}
		data, err := manifest.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fix.Rel, err)
		}
		fix.Old = data
		hold := len(fix.Unresolved)+len(fix.Unreached) > 0 && !force
		if gr.grants.Token == catalog.OAuth {
			fix.New, err = r.fixScopes(fix, gr.grants, n, hold)
		} else {
			fix.New, err = r.fixPermissions(fix, gr.grants, n, hold)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fix.Rel, err)
		}
		out = append(out, fix)
	}
	return out, nil
}

// grantGroup is the programs governed by one file of grants.
type grantGroup struct {
	grants *manifest.Grants
	acts   []*checker.Action
}

// grantGroups groups the programs by the file of their grants, in the
// order first met.
func (r *Result) grantGroups() (map[string]*grantGroup, []string, error) {
	groups := map[string]*grantGroup{}
	var order []string
	for _, act := range r.programs() {
		g, errs, ok := r.grantsOf(act)
		if !ok || g == nil && len(errs) == 0 {
			continue // no grants to fix
		}
		if len(errs) > 0 {
			return nil, nil, fmt.Errorf("%s: the grants of %s have errors (%s); ghperm check shows them all", act.Package.PkgPath, firstError(errs), count(len(errs), "error"))
		}
		path := ""
		switch {
		case g.Token == catalog.OAuth && g.Settings != nil:
			path = g.Settings.Path
		case g.Manifest != nil:
			path = g.Manifest.Path
		default:
			continue // an app JWT needs no grants
		}
		if groups[path] == nil {
			groups[path] = &grantGroup{grants: g}
			order = append(order, path)
		}
		groups[path].acts = append(groups[path].acts, act)
	}
	if len(order) == 0 {
		return nil, nil, errors.New("no grants to fix: no program has an app manifest, ghperm.yml or //ghperm:manifest directive (ghperm needs prints what they need)")
	}
	return groups, order, nil
}

func firstError(errs manifest.ErrorList) string {
	e := errs[0]
	if e.Pos.IsValid() {
		return fmt.Sprintf("%s:%d: %s", e.Pos.File, e.Pos.Line, e.Msg)
	}
	return e.Msg
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// fixPermissions rewrites a permissions block to the needs.
func (r *Result) fixPermissions(fix *FileFix, g *manifest.Grants, n *report.Needs, hold bool) ([]byte, error) {
	m := g.Manifest
	if m.Format == manifest.Workflow && m.PermissionsPos.Col == 1 {
		// The workflow's own block: rewriting it for one program would
		// change the token of every job without a block of its own.
		return nil, fmt.Errorf("line %d: the workflow's permissions: govern the job, and every job without its own: give the job a permissions: block of its own, which fix rewrites", m.PermissionsPos.Line)
	}
	need := map[string]catalog.Level{}
	for k, l := range n.Permissions {
		level, err := catalog.ParseLevel(l)
		if err != nil {
			return nil, err
		}
		need[strings.ReplaceAll(k, "-", "_")] = level // workflows spell pull-requests
	}
	want := map[string]catalog.Level{}
	for _, p := range m.Permissions {
		l := need[p.Key]
		if p.Key == catalog.Metadata {
			l = max(l, catalog.Read) // every app holds it: no need to remove it
		}
		switch {
		case p.Level == catalog.None:
			l = catalog.None // grants nothing; kept as written
		case g.Allowed(p.Key) != "":
			l = max(l, p.Level) // kept with a reason
		case l < p.Level && hold:
			fix.Held = append(fix.Held, lowerOrRemove(p.Written, p.Level, l))
			l = p.Level
		}
		if l == catalog.None && p.Level != catalog.None {
			fix.Changes = append(fix.Changes, fmt.Sprintf("remove %s: %s", p.Written, p.Level))
			continue
		}
		if l != p.Level {
			verb := "raise"
			if l < p.Level {
				verb = "lower"
			}
			fix.Changes = append(fix.Changes, fmt.Sprintf("%s %s: %s to %s", verb, p.Written, p.Level, l))
		}
		want[p.Key] = l
	}
	for _, k := range slices.Sorted(maps.Keys(need)) {
		if _, ok := m.Permission(k); ok || k == catalog.Metadata {
			continue // metadata: read is every app's without asking
		}
		want[k] = need[k]
		fix.Changes = append(fix.Changes, fmt.Sprintf("add %s: %s", r.keyFor(g.Token, k), need[k]))
	}
	if len(fix.Changes) == 0 {
		return fix.Old, nil
	}
	return manifest.SetPermissions(m, fix.Old, want)
}

// fixScopes rewrites a config's scopes: to the minimal scopes needed.
func (r *Result) fixScopes(fix *FileFix, g *manifest.Grants, n *report.Needs, hold bool) ([]byte, error) {
	var want []string
	for _, s := range g.Settings.Scopes {
		needed := slices.Contains(n.Scopes, s.Name)
		switch {
		case needed || g.Allowed(s.Name) != "":
			want = append(want, s.Name)
		case hold:
			fix.Held = append(fix.Held, "remove scope "+s.Name)
			want = append(want, s.Name)
		default:
			fix.Changes = append(fix.Changes, "remove scope "+s.Name)
		}
	}
	for _, s := range n.Scopes {
		if !slices.Contains(want, s) && !slices.ContainsFunc(g.Settings.Scopes, func(h manifest.Scope) bool { return h.Name == s }) {
			want = append(want, s)
			fix.Changes = append(fix.Changes, "add scope "+s)
		}
	}
	if len(fix.Changes) == 0 {
		return fix.Old, nil
	}
	return manifest.SetScopes(g.Settings, fix.Old, want)
}

func lowerOrRemove(key string, from, to catalog.Level) string {
	if to == catalog.None {
		return fmt.Sprintf("remove %s: %s", key, from)
	}
	return fmt.Sprintf("lower %s: %s to %s", key, from, to)
}

// Changed reports whether the rewrite changes the file.
func (f *FileFix) Changed() bool { return !bytes.Equal(f.Old, f.New) }
