package catalog

import (
	"errors"
	"fmt"
	"strings"
)

// PathAlias says that GitHub serves every path under Alias as the
// operation under Canonical with the same rest: routes by numeric ID
// ("/repositories/{repository_id}/issues" is
// "/repos/{owner}/{repo}/issues"). The aliases come from
// upstream/path-aliases.tsv, each with the OpenAPI description that
// names it.
type PathAlias struct {
	Alias     string // "/repositories/{repository_id}"
	Canonical string // "/repos/{owner}/{repo}"
	Evidence  string
}

// Aliases returns the path aliases the catalog resolves (Load only). The
// slice is shared and must not be modified.
func (c *Catalog) Aliases() []PathAlias { return c.aliases }

// Canonical rewrites a template or concrete path that starts with an
// alias to the canonical path; a parameter of the alias matches any one
// segment. It reports false, and returns path, when no alias applies.
func (c *Catalog) Canonical(path string) (string, *PathAlias, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i := range c.aliases {
		a := &c.aliases[i]
		prefix := strings.Split(strings.Trim(a.Alias, "/"), "/")
		if len(segs) < len(prefix) || !aliasMatch(prefix, segs) {
			continue
		}
		rest := strings.Join(segs[len(prefix):], "/")
		if rest == "" {
			return a.Canonical, a, true
		}
		return a.Canonical + "/" + rest, a, true
	}
	return path, nil, false
}

func aliasMatch(prefix, segs []string) bool {
	for i, s := range prefix {
		if segs[i] == "" || !isParam(s) && s != segs[i] {
			return false
		}
	}
	return true
}

// ErrNotInCatalog is the reason Resolve gives for an operation the
// catalog does not have: GitHub removed it from its description (Projects
// (classic), team discussions...) or never described it.
var ErrNotInCatalog = errors.New("not in GitHub's current OpenAPI description")

// Resolve is Lookup with a reason when there is no operation: an error
// wrapping ErrNotInCatalog that names the operation and, for an alias
// path, the canonical operation that is missing.
func (c *Catalog) Resolve(method, template string) (*Operation, error) {
	if op, ok := c.Lookup(method, template); ok {
		return op, nil
	}
	method = strings.ToUpper(method)
	if canon, _, ok := c.Canonical(template); ok {
		return nil, fmt.Errorf("operation %s %s (%s %s) is %w", method, template, method, canon, ErrNotInCatalog)
	}
	return nil, fmt.Errorf("operation %s %s is %w", method, template, ErrNotInCatalog)
}

// shape is a template with every parameter name dropped
// ("/repos/{}/{}/pulls/{}", "/compare/{}...{}"): templates that differ
// only in parameter names are one endpoint.
func shape(template string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(template, '{')
		if open < 0 {
			b.WriteString(template)
			return b.String()
		}
		end := strings.IndexByte(template[open:], '}')
		if end < 0 {
			b.WriteString(template)
			return b.String()
		}
		b.WriteString(template[:open+1])
		template = template[open+end:]
	}
}
