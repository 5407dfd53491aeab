package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
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
	var docs *docsIndex
	if openapi != "" {
		if docs, err = loadDocsIndex(openapi); err != nil {
			return err
		}
	}
	var total coverage
	var links linkStats
	names, unresolvedNames := map[string]bool{}, map[string]bool{}
	for major := first; major <= last; major++ {
		mod, ms, err := downloadMethods(major)
		if err != nil {
			return err
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
			found := links.add(table, docs, ms, major)
			fmt.Fprintf(w, "\tdocs links alone find an operation for %d of %d\n", found, c.methods)
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
		fmt.Fprintf(w, "docs links: find an operation for %d of %d service methods; for %d of the %d unresolved ones;",
			links.unresolvedFound+links.resolvedFound, total.methods, links.unresolvedFound, total.methods-total.resolved)
		fmt.Fprintf(w, " of %d resolved methods whose docs link finds an operation, %d agree with the table\n", links.resolvedFound, links.resolvedAgree)
		return missingOperations(w, table, docs, openapi)
	}
	return nil
}

// missingOperations lists the operations of the table that the OpenAPI
// description lacks, and says which of them the endpoint catalog still
// resolves (another plan, a path alias, other parameter names); for the
// others it cannot say what they need.
func missingOperations(w io.Writer, table *catalog.GoGitHubTable, docs *docsIndex, openapi string) error {
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	all, missing := map[string]bool{}, map[string][]string{} // operation -> methods
	for _, name := range table.Methods() {
		for _, e := range table.History(name) {
			all[e.Operation] = true
			if !docs.ops[e.Operation] && !slices.Contains(missing[e.Operation], name) {
				missing[e.Operation] = append(missing[e.Operation], name)
			}
		}
	}
	resolved := 0
	var lines []string
	for _, op := range slices.Sorted(maps.Keys(missing)) {
		method, path, _ := strings.Cut(op, " ")
		how := "missing"
		if found, err := cat.Resolve(method, path); err == nil {
			resolved++
			how = "catalog " + found.Key() + " (" + strings.Join(found.Plans.Names(), ", ") + ") for"
		}
		lines = append(lines, fmt.Sprintf("\t%s %s (%s)\n", how, op, strings.Join(missing[op], ", ")))
	}
	fmt.Fprintf(w, "table operations not in %s: %d of %d; the catalog resolves %d of them, %d remain unknown\n", openapi, len(missing), len(all), resolved, len(missing)-resolved)
	for _, l := range lines {
		fmt.Fprint(w, l)
	}
	return nil
}

// linkStats measures the docs-link fallback against the name table.
type linkStats struct {
	unresolvedFound, resolvedFound, resolvedAgree int
}

// add counts the service methods of ms and returns how many of them their
// docs links find.
func (s *linkStats) add(table *catalog.GoGitHubTable, docs *docsIndex, ms []method, major int) int {
	n := 0
	for _, m := range ms {
		if !m.Service {
			continue
		}
		found := docs.lookup(m.DocsURLs)
		if len(found) == 0 {
			continue
		}
		n++
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
	return n
}

// docsIndex maps a docs link's key (see docsKey) to the operations whose
// OpenAPI externalDocs link has that key, and holds every operation.
type docsIndex struct {
	byKey map[string][]string
	ops   map[string]bool // "GET /user"
}

func loadDocsIndex(path string) (*docsIndex, error) {
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
	idx := &docsIndex{byKey: map[string][]string{}, ops: map[string]bool{}}
	for p, item := range doc.Paths {
		for method, raw := range item {
			var op struct {
				OperationID  string               `json:"operationId"`
				ExternalDocs struct{ URL string } `json:"externalDocs"`
			}
			if json.Unmarshal(raw, &op) != nil || op.OperationID == "" {
				continue // parameters, servers, ... beside the operations
			}
			key := strings.ToUpper(method) + " " + p
			idx.ops[key] = true
			if k := docsKey(op.ExternalDocs.URL); k != "" {
				idx.byKey[k] = append(idx.byKey[k], key)
			}
		}
	}
	for _, ops := range idx.byKey {
		sort.Strings(ops)
	}
	return idx, nil
}

// lookup returns the operations the docs links find, or nil.
func (idx *docsIndex) lookup(links []string) []string {
	var ops []string
	for _, l := range links {
		for _, op := range idx.byKey[docsKey(l)] {
			if !slices.Contains(ops, op) {
				ops = append(ops, op)
			}
		}
	}
	return ops
}

// docsKey reduces a docs link to "category#anchor": GitHub's docs have
// moved pages (developer.github.com/v3/repos/#x, /en/rest/reference/repos#x,
// /rest/repos/repos#x) but mostly kept the top-level category and the
// anchor.
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
	if len(segs) < 2 || segs[0] != "rest" && segs[0] != "v3" {
		return ""
	}
	return segs[1] + "#" + u.Fragment
}
