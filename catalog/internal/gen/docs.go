package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const docsDir = "github-docs/fpt-2026-03-10"

// docsFiles are the docs data files the generator reads.
var docsFiles = []string{"server-to-server-permissions.json", "server-to-server-rest.json", "user-to-server-rest.json", "fine-grained-pat-permissions.json", "fine-grained-pat.json"}

// docsEntry is one entry of a *-permissions.json file.
type docsEntry struct {
	Category    string `json:"category"`
	Slug        string `json:"slug"`
	Subcategory string `json:"subcategory"`
	Verb        string `json:"verb"`
	RequestPath string `json:"requestPath"`
	Access      string `json:"access"`
	U2S         *bool  `json:"user-to-server"`
	S2S         *bool  `json:"server-to-server"`
	Additional  bool   `json:"additional-permissions"`
}

type docsGroup struct {
	Title        string      `json:"title"`
	DisplayTitle string      `json:"displayTitle"`
	Permissions  []docsEntry `json:"permissions"`
}

// restEntry is one entry of an endpoint list (*-rest.json, fine-grained-pat.json).
type restEntry struct {
	Slug        string `json:"slug"`
	Subcategory string `json:"subcategory"`
	Verb        string `json:"verb"`
	RequestPath string `json:"requestPath"`
}

// grantEntry is a docs permission entry keyed by manifest key.
type grantEntry struct {
	key        string
	level      string
	s2s, u2s   bool
	additional bool
}

// docsData is GitHub's docs permission data, keyed by "METHOD /path".
type docsData struct {
	groups     map[string]docsGroup // by manifest key
	appPerms   map[string][]grantEntry
	patPerms   map[string][]grantEntry
	s2sList    map[string]bool
	u2sList    map[string]bool
	patList    map[string]bool
	slugs      map[string]string // key -> "METHOD category#slug", to rejoin renamed paths
	subSlugs   map[string]string // key -> "METHOD subcategory#slug"
	unmatched  []string          // docs operations the OpenAPI does not have
	joined     []string          // docs entries joined to OpenAPI operations by anchor
	renamedOps map[string]string // docs key -> OpenAPI key
}

func docsKey(verb, path string) string { return strings.ToUpper(verb) + " " + path }

func loadDocs(dir string, renames map[string]string) (*docsData, error) {
	d := &docsData{
		appPerms: map[string][]grantEntry{},
		patPerms: map[string][]grantEntry{},
		s2sList:  map[string]bool{},
		u2sList:  map[string]bool{},
		patList:  map[string]bool{},
		slugs:    map[string]string{},
		subSlugs: map[string]string{},
	}
	app, err := readGroups(filepath.Join(dir, docsDir, "server-to-server-permissions.json"), true)
	if err != nil {
		return nil, err
	}
	pat, err := readGroups(filepath.Join(dir, docsDir, "fine-grained-pat-permissions.json"), false)
	if err != nil {
		return nil, err
	}
	d.groups = map[string]docsGroup{}
	for _, src := range []struct {
		groups map[string]docsGroup
		into   map[string][]grantEntry
	}{{app, d.appPerms}, {pat, d.patPerms}} {
		for key, g := range src.groups {
			if r, ok := renames[key]; ok {
				key = r
			}
			if _, ok := d.groups[key]; !ok {
				d.groups[key] = g
			}
			for _, e := range g.Permissions {
				k := docsKey(e.Verb, e.RequestPath)
				d.slugs[k] = strings.ToUpper(e.Verb) + " " + e.Category + "#" + e.Slug
				d.subSlugs[k] = strings.ToUpper(e.Verb) + " " + e.Subcategory + "#" + e.Slug
				src.into[k] = append(src.into[k], grantEntry{
					key: key, level: e.Access, additional: e.Additional,
					s2s: e.S2S != nil && *e.S2S, u2s: e.U2S != nil && *e.U2S,
				})
			}
		}
	}
	lists := map[string]map[string]bool{"server-to-server-rest.json": d.s2sList, "user-to-server-rest.json": d.u2sList, "fine-grained-pat.json": d.patList}
	for name, list := range lists {
		var cats map[string][]restEntry
		file := filepath.Join(dir, docsDir, name)
		if err := readJSON(file, &cats); err != nil {
			return nil, err
		}
		for cat, entries := range cats {
			for i, e := range entries {
				if e.Verb == "" || e.RequestPath == "" {
					return nil, fmt.Errorf("%s: %s[%d]: no verb or requestPath", file, cat, i)
				}
				k := docsKey(e.Verb, e.RequestPath)
				d.slugs[k] = strings.ToUpper(e.Verb) + " " + cat + "#" + e.Slug
				d.subSlugs[k] = strings.ToUpper(e.Verb) + " " + e.Subcategory + "#" + e.Slug
				list[k] = true
			}
		}
	}
	return d, nil
}

func readGroups(file string, app bool) (map[string]docsGroup, error) {
	var groups map[string]docsGroup
	if err := readJSON(file, &groups); err != nil {
		return nil, err
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("%s: no permission groups", file)
	}
	for key, g := range groups {
		if g.Title == "" || resourceOf(g.DisplayTitle) == "" {
			return nil, fmt.Errorf("%s: %s: no title or unknown displayTitle %q", file, key, g.DisplayTitle)
		}
		for i, e := range g.Permissions {
			switch {
			case e.Verb == "" || e.RequestPath == "":
				return nil, fmt.Errorf("%s: %s.permissions[%d]: no verb or requestPath", file, key, i)
			case e.Access != "read" && e.Access != "write" && e.Access != "admin":
				return nil, fmt.Errorf("%s: %s.permissions[%d] (%s %s): unknown access %q", file, key, i, e.Verb, e.RequestPath, e.Access)
			case app && (e.S2S == nil || e.U2S == nil):
				return nil, fmt.Errorf("%s: %s.permissions[%d] (%s %s): no server-to-server/user-to-server flags", file, key, i, e.Verb, e.RequestPath)
			}
		}
	}
	return groups, nil
}

func readJSON(file string, v any) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if err := decodeStrict(data, v); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// resourceOf maps a docs displayTitle ("Repository permissions for
// \"Issues\"") to the catalog.Resource constant, or "".
func resourceOf(displayTitle string) string {
	prefix, _, ok := strings.Cut(displayTitle, " permissions for ")
	if !ok {
		return ""
	}
	return map[string]string{
		"Repository":   "RepositoryResource",
		"Organization": "OrganizationResource",
		"User":         "AccountResource",
		"Enterprise":   "EnterpriseResource",
	}[prefix]
}

// rejoin maps docs entries whose path the OpenAPI spells differently
// (GET /repos/{owner}/{repo}/compare/{basehead} is
// /compare/{base}...{head} in @octokit/openapi) to the OpenAPI operation
// with the same method, category and docs anchor, and records the docs
// operations that have no OpenAPI counterpart.
func (d *docsData) rejoin(api *openAPI) {
	byAnchor := map[string][]string{}
	for k, o := range api.ops {
		if o.onDotCom() {
			a := o.method + " " + o.category + "#" + anchorOf(o.docsURL)
			byAnchor[a] = append(byAnchor[a], k)
		}
	}
	d.renamedOps = map[string]string{}
	for dk, anchor := range d.slugs {
		if _, ok := api.ops[dk]; ok {
			continue
		}
		if cands := byAnchor[anchor]; len(cands) == 1 {
			d.renamedOps[dk] = cands[0]
			d.joined = append(d.joined, "docs entry "+dk+" is "+cands[0]+" (same category and docs anchor)")
			continue
		}
		d.unmatched = append(d.unmatched, dk)
	}
	// OpenAPI operations the docs do not list, documented at the same
	// anchor as one docs operation (GET /compare/{base}...{head} and
	// /compare/{basehead} are two descriptions of one endpoint).
	// Octokit files the alias under another category, so the join is by
	// method, subcategory and anchor, and only when exactly one matches.
	byDocsAnchor := map[string][]string{}
	for dk, anchor := range d.subSlugs {
		byDocsAnchor[anchor] = append(byDocsAnchor[anchor], dk)
	}
	for k, o := range api.ops {
		if !o.onDotCom() || d.listed(k) {
			continue
		}
		if cands := byDocsAnchor[o.method+" "+o.subcategory+"#"+anchorOf(o.docsURL)]; len(cands) == 1 {
			d.renamedOps[cands[0]] = k
			d.joined = append(d.joined, k+" has no docs entry; it takes that of "+cands[0]+" (same docs anchor)")
		}
	}
	// Each file joins on its own: the four files come from different
	// commits, and one may spell a path the old way while another has
	// the OpenAPI spelling already.
	for from, to := range d.renamedOps {
		for _, m := range []map[string][]grantEntry{d.appPerms, d.patPerms} {
			if e, ok := m[from]; ok && m[to] == nil {
				m[to] = e
			}
		}
		for _, m := range []map[string]bool{d.s2sList, d.u2sList, d.patList} {
			if m[from] {
				m[to] = true
			}
		}
	}
}

func (d *docsData) listed(k string) bool {
	return d.s2sList[k] || d.u2sList[k] || d.patList[k] || d.appPerms[k] != nil || d.patPerms[k] != nil
}

func anchorOf(url string) string {
	_, a, _ := strings.Cut(url, "#")
	return a
}
