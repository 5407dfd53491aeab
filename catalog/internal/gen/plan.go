package main

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// planSources are the directories of GitHub's permission data for other
// plans than api.github.com, transcribed (not copied) for the operations
// that api.github.com does not have (see the header of each file), in the
// order they are consulted: an operation takes the first whose plan
// serves it and whose data names it. complete says whether the
// permissions file was read in full: only then does an operation in the
// endpoint list without a permission row need no permission.
var planSources = []struct {
	dir, ident string
	complete   bool
}{
	{"github-docs/ghec-2026-03-10", "GHEC", true},
	{"github-docs/ghes-3.19-2022-11-28", "GHES319", false},
}

// planDir is the GHEC directory (the version string and the docs name it).
var planDir = planSources[0].dir

// planEntry is a row of planDir/server-to-server-permissions.tsv.
type planEntry struct {
	grantEntry
	offset string
}

// planData is the GHEC permission data the catalog uses for operations
// that are not on api.github.com.
type planData struct {
	dir, ident string
	complete   bool
	perms      map[string][]planEntry // by "METHOD /path"
	rest       map[string]string      // listed for installation tokens: offset
	groups     map[string]docsGroup   // by manifest key: title, displayTitle
	commit     map[string]string      // file -> commit
}

// planList is the data of every plan source.
type planList []*planData

func readPlans(dir string, renames map[string]string) (planList, error) {
	var out planList
	for _, src := range planSources {
		p, err := readPlanData(dir, src.dir, renames)
		if err != nil {
			return nil, err
		}
		p.ident, p.complete = src.ident, src.complete
		out = append(out, p)
	}
	return out, nil
}

// requirement is the first plan source's answer.
func (l planList) requirement(o *opInfo, s2s bool) (requirement, bool) {
	for _, p := range l {
		if r, ok := p.requirement(o, s2s); ok {
			return r, true
		}
	}
	return requirement{}, false
}

func readPlanData(dir, planDir string, renames map[string]string) (*planData, error) {
	p := &planData{dir: planDir, perms: map[string][]planEntry{}, rest: map[string]string{}, groups: map[string]docsGroup{}, commit: map[string]string{}}
	rows, err := readTSV(filepath.Join(dir, planDir, "COMMITS.tsv"), "", 2)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if len(r.fields[1]) != 40 {
			return nil, r.errorf("want a 40-digit commit, have %q", r.fields[1])
		}
		p.commit[r.fields[0]] = r.fields[1]
	}
	resources := map[string]bool{"Repository": true, "Organization": true, "User": true, "Enterprise": true}
	if rows, err = readTSV(filepath.Join(dir, planDir, "server-to-server-permissions.tsv"), "", 10); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := r.fields
		key, title, resource := f[0], f[1], f[2]
		if to, ok := renames[key]; ok {
			key = to
		}
		if !resources[resource] || title == "" {
			return nil, r.errorf("unknown resource %q or no title", resource)
		}
		if _, ok := levelOrder[f[5]]; !ok {
			return nil, r.errorf("unknown access %q", f[5])
		}
		flag := func(s string) (bool, error) {
			switch s {
			case "1":
				return true, nil
			case "0":
				return false, nil
			}
			return false, r.errorf("want 0 or 1, have %q", s)
		}
		u2s, err1 := flag(f[6])
		s2s, err2 := flag(f[7])
		add, err3 := flag(f[8])
		for _, err := range []error{err1, err2, err3} {
			if err != nil {
				return nil, err
			}
		}
		p.groups[key] = docsGroup{Title: title, DisplayTitle: fmt.Sprintf("%s permissions for %q", resource, title)}
		k := docsKey(f[3], f[4])
		p.perms[k] = append(p.perms[k], planEntry{grantEntry{key: key, level: f[5], s2s: s2s, u2s: u2s, additional: add}, f[9]})
	}
	if rows, err = readTSV(filepath.Join(dir, planDir, "server-to-server-rest.tsv"), "", 4); err != nil {
		return nil, err
	}
	for _, r := range rows {
		p.rest[docsKey(r.fields[1], r.fields[2])] = r.fields[3]
	}
	return p, nil
}

// requirement decides what installation (s2s) or user tokens need on GHEC
// for an operation api.github.com does not have, from the GHEC data: the
// permission listed (several: usable, sets not known, as the data
// flattens them), user tokens only, listed without a permission, or
// nothing known (ok false).
func (p *planData) requirement(o *opInfo, s2s bool) (requirement, bool) {
	if p == nil || !o.onPlan(p.ident) {
		return requirement{}, false
	}
	planDir := "src/github-apps/data/" + strings.TrimPrefix(p.dir, "github-docs/")
	k := o.key()
	var es []planEntry
	for _, e := range p.perms[k] {
		if s2s && e.s2s || !s2s && e.u2s {
			es = append(es, e)
		}
	}
	permsFile := fmt.Sprintf("github/docs %s/server-to-server-permissions.json@%s", planDir, p.commit["server-to-server-permissions.json"][:8])
	if !p.complete {
		permsFile += " (transcribed in part)"
	}
	switch {
	case len(es) > 0:
		distinct := map[grant]bool{}
		additional := false
		var at []string
		for _, e := range es {
			distinct[grant{e.key, e.level}] = true
			additional = additional || e.additional
			at = append(at, e.key+":"+e.level+" at offset "+e.offset)
		}
		sort.Strings(at)
		ev := permsFile + ": " + strings.Join(at, "; ")
		if len(distinct) > 1 || additional {
			return requirement{usable: true, basis: "BasisPlanSetsUnknown", evidence: ev}, true
		}
		return requirement{usable: true, sets: [][]grant{{{es[0].key, es[0].level}}}, basis: "BasisPlanPermissions", evidence: ev}, true
	case s2s && len(p.perms[k]) > 0:
		return requirement{basis: "BasisUserOnly", evidence: permsFile + ": user-to-server only"}, true
	case s2s && p.rest[k] != "" && p.complete:
		return requirement{usable: true, basis: "BasisPlanNoPermission",
			evidence: fmt.Sprintf("github/docs %s/server-to-server-rest.json@%s at offset %s; not in the permissions file", planDir, p.commit["server-to-server-rest.json"][:8], p.rest[k])}, true
	case s2s && p.rest[k] != "":
		return requirement{usable: true, basis: "BasisPlanListedOnly",
			evidence: fmt.Sprintf("github/docs %s/server-to-server-rest.json@%s at offset %s; the permissions file is not transcribed in full", planDir, p.commit["server-to-server-rest.json"][:8], p.rest[k])}, true
	}
	return requirement{}, false
}
