package catalog

import "strings"

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
	var segs []string
	for _, s := range strings.Split(path, "/") {
		switch {
		case s == "", s == "en", s == "v3", s == "rest", s == "reference", strings.Contains(s, "@"):
			continue
		}
		segs = append(segs, s)
	}
	k := docsKey{anchor: strings.ToLower(anchor)}
	switch len(segs) {
	case 2:
		k.subcategory = segs[1]
		fallthrough
	case 1:
		k.category = segs[0]
		return k, true
	}
	return docsKey{}, false
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
	if ops := c.byDocs[k]; len(ops) > 0 || k.subcategory == "" {
		return ops
	}
	k.subcategory = ""
	return c.byDocs[k]
}
