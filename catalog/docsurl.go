package catalog

import (
	"strings"
	"sync"
	"unicode"
)

// docsKey is a REST docs URL reduced to what identifies an operation
// across the URL forms GitHub has used.
type docsKey struct {
	category, subcategory, anchor string
}

// parseDocsURL reduces a REST API docs URL to its category, subcategory
// and anchor. It accepts the forms go-github has linked to over the
// years: developer.github.com/v3/..., docs.github.com with or without
// /en/, free-pro-team@latest (or another version@), /rest/reference/,
// trailing slashes and ?apiVersion= queries.
func parseDocsURL(url string) (docsKey, bool) {
	url, anchor, ok := strings.Cut(url, "#")
	if !ok || anchor == "" {
		return docsKey{}, false
	}
	if i := strings.IndexByte(url, '?'); i >= 0 {
		url = url[:i]
	}
	url = strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://")
	host, path, _ := strings.Cut(url, "/")
	if host != "docs.github.com" && host != "developer.github.com" {
		return docsKey{}, false
	}
	var segs [2]string
	n := 0
	for rest, more := path, true; more; {
		var s string
		s, rest, more = strings.Cut(rest, "/")
		switch {
		case s == "", s == "en", s == "v3", s == "rest", s == "reference", strings.Contains(s, "@"):
			continue
		case n == len(segs):
			return docsKey{}, false
		}
		segs[n] = s
		n++
	}
	if n == 0 {
		return docsKey{}, false
	}
	if strings.ContainsFunc(anchor, unicode.IsUpper) {
		anchor = strings.ToLower(anchor)
	}
	return docsKey{category: segs[0], subcategory: segs[1], anchor: anchor}, true
}

// ByDocsURL returns the operations documented at url, in any of the forms
// parseDocsURL accepts. The anchor must be the slug of an operation's
// summary in the given category (and subcategory when the URL has one
// that still exists); old anchors that GitHub has since renamed give
// nothing rather than a guess.
func (c *Catalog) ByDocsURL(url string) []*Operation {
	k, ok := parseDocsURL(url)
	if !ok {
		return nil
	}
	idx := c.docs.get(c.ops)
	var inCategory, inSubcategory []*Operation
	for _, i := range idx.byAnchor[k.anchor] {
		if dk := idx.keys[i]; dk.category == k.category {
			inCategory = append(inCategory, &c.ops[i])
			if dk.subcategory == k.subcategory {
				inSubcategory = append(inSubcategory, &c.ops[i])
			}
		}
	}
	if k.subcategory != "" && len(inSubcategory) > 0 {
		return inSubcategory
	}
	return inCategory
}

// docsIndex indexes the operations by docs anchor. It is built on first
// use: only go-github versions without operation directives need it.
type docsIndex struct {
	once     sync.Once
	keys     []docsKey // parallel to the operations
	byAnchor map[string][]int32
}

func (d *docsIndex) get(ops []Operation) *docsIndex {
	d.once.Do(func() {
		d.keys = make([]docsKey, len(ops))
		d.byAnchor = make(map[string][]int32, len(ops))
		for i := range ops {
			if k, ok := parseDocsURL(ops[i].DocsURL); ok {
				d.keys[i] = k
				d.byAnchor[k.anchor] = append(d.byAnchor[k.anchor], int32(i))
			}
		}
	})
	return d
}
