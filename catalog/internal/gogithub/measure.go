package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

// coverage counts, for one or more go-github versions, the service methods
// and those the table resolves by name.
type coverage struct {
	methods, resolved int
	unresolved        []method
}

func (c coverage) percent() float64 {
	if c.methods == 0 {
		return 0
	}
	return 100 * float64(c.resolved) / float64(c.methods)
}

// measureVersion counts the service methods of ms that table resolves as
// of major.
func measureVersion(table *catalog.GoGitHubTable, ms []method, major int) coverage {
	var c coverage
	for _, m := range ms {
		if !m.Service {
			continue
		}
		c.methods++
		if table.Operations(m.Name, major) != nil {
			c.resolved++
		} else {
			c.unresolved = append(c.unresolved, m)
		}
	}
	return c
}

// runMeasure measures the embedded table against go-github majors
// first..last and, given an OpenAPI description, the docs-link fallback.
func runMeasure(w io.Writer, first, last int, openapi string) error {
	table, err := catalog.LoadGoGitHub()
	if err != nil {
		return err
	}
	var docs docsIndex
	if openapi != "" {
		if docs, err = loadDocsIndex(openapi); err != nil {
			return err
		}
	}
	var total coverage
	var links linkStats
	names, unresolvedNames := map[string]bool{}, map[string]bool{}
	for major := first; major <= last; major++ {
		mod, err := download(major)
		if err != nil {
			return err
		}
		ms, err := parseGitHubPackage(mod.Dir)
		if err != nil {
			return fmt.Errorf("%s@%s: %w", mod.Path, mod.Version, err)
		}
		c := measureVersion(table, ms, major)
		fmt.Fprintf(w, "%s@%s: %d of %d service methods resolved (%.2f %%)\n", mod.Path, mod.Version, c.resolved, c.methods, c.percent())
		for _, m := range c.unresolved {
			fmt.Fprintf(w, "\tunresolved %s", m.Name)
			if docs != nil {
				fmt.Fprintf(w, " (docs link: %s)", strings.Join(docs.lookup(m.DocsURLs), ", "))
			}
			fmt.Fprintln(w)
			unresolvedNames[m.Name] = true
		}
		if docs != nil {
			links.add(table, docs, ms, major)
		}
		for _, m := range ms {
			if m.Service {
				names[m.Name] = true
			}
		}
		total.methods += c.methods
		total.resolved += c.resolved
	}
	fmt.Fprintf(w, "total v%d..v%d: %d of %d service methods resolved (%.3f %%); distinct names: %d of %d\n",
		first, last, total.resolved, total.methods, total.percent(), len(names)-len(unresolvedNames), len(names))
	if docs != nil {
		fmt.Fprintf(w, "docs links: %d of %d unresolved methods found by their docs link;", links.unresolvedFound, total.methods-total.resolved)
		fmt.Fprintf(w, " of %d resolved methods whose docs link finds an operation, %d agree with the table\n", links.resolvedFound, links.resolvedAgree)
	}
	return nil
}

// linkStats measures the docs-link fallback against the name table.
type linkStats struct {
	unresolvedFound, resolvedFound, resolvedAgree int
}

func (s *linkStats) add(table *catalog.GoGitHubTable, docs docsIndex, ms []method, major int) {
	for _, m := range ms {
		if !m.Service {
			continue
		}
		found := docs.lookup(m.DocsURLs)
		if len(found) == 0 {
			continue
		}
		ops := table.Operations(m.Name, major)
		if ops == nil {
			s.unresolvedFound++
			continue
		}
		s.resolvedFound++
		if slices.ContainsFunc(found, func(op string) bool { return slices.Contains(ops, op) }) {
			s.resolvedAgree++
		}
	}
}

// docsIndex maps a docs link's key (see docsKey) to the operations whose
// OpenAPI externalDocs link has that key.
type docsIndex map[string][]string

func loadDocsIndex(path string) (docsIndex, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("openapi %s: %w", path, err)
	}
	idx := docsIndex{}
	for p, item := range doc.Paths {
		for method, raw := range item {
			var op struct {
				ExternalDocs struct{ URL string } `json:"externalDocs"`
			}
			if json.Unmarshal(raw, &op) != nil || op.ExternalDocs.URL == "" {
				continue // parameters, servers, ... beside the operations
			}
			if k := docsKey(op.ExternalDocs.URL); k != "" {
				idx[k] = append(idx[k], strings.ToUpper(method)+" "+p)
			}
		}
	}
	for _, ops := range idx {
		sort.Strings(ops)
	}
	return idx, nil
}

// lookup returns the operations the docs links find, or nil.
func (idx docsIndex) lookup(links []string) []string {
	var ops []string
	for _, l := range links {
		for _, op := range idx[docsKey(l)] {
			if !slices.Contains(ops, op) {
				ops = append(ops, op)
			}
		}
	}
	return ops
}

// docsKey reduces a docs link to "category#anchor": docs.github.com has
// moved pages (/en/rest/reference/repos#x, /rest/repos/repos#x) but kept
// the top-level category and the anchor.
func docsKey(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Fragment == "" {
		return ""
	}
	var segs []string
	for _, s := range strings.Split(u.Path, "/") {
		if s == "" || s == "en" || s == "reference" || strings.Contains(s, "@") {
			continue
		}
		segs = append(segs, s)
	}
	if len(segs) < 2 || segs[0] != "rest" {
		return ""
	}
	return segs[1] + "#" + u.Fragment
}
