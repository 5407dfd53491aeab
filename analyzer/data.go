package analyzer

import (
	"errors"
	"net/url"
	"strings"
	"sync"

	"github.com/ghperm/ghperm/catalog"
)

// endpointData is the catalog data the pass reads. It is immutable once
// built, and built at most once per process, lazily: most packages under
// go vet (the standard library, unrelated dependencies) never need it.
type endpointData struct {
	cat *catalog.Catalog
	// methods maps a go-github method ("RepositoriesService.Get") of a
	// major version to its operations ("GET /repos/{owner}/{repo}"), for
	// versions whose source has no //meta:operation directives. Nil when
	// no table is available.
	methods func(name string, major int) []string
	docs    map[string][]*catalog.Operation // docsKey → operations
}

func newEndpointData(cat *catalog.Catalog, methods func(string, int) []string) *endpointData {
	d := &endpointData{cat: cat, methods: methods, docs: make(map[string][]*catalog.Operation)}
	ops := cat.Operations()
	for i := range ops {
		if k := docsKey(ops[i].DocsURL); k != "" {
			d.docs[k] = append(d.docs[k], &ops[i])
		}
	}
	return d
}

// docsKey reduces a docs.github.com REST URL to its page's last path
// element and anchor ("repos#get-a-repository"): go-github's old links
// (".../en/rest/reference/repos#get-a-repository") and the OpenAPI's
// (".../rest/repos/repos#get-a-repository") agree on those.
func docsKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Fragment == "" || !strings.HasSuffix(u.Host, "docs.github.com") {
		return ""
	}
	p := strings.TrimSuffix(u.Path, "/")
	return p[strings.LastIndex(p, "/")+1:] + "#" + u.Fragment
}

// byDocsURL returns the operations documented at a docs URL.
func (d *endpointData) byDocsURL(raw string) []*catalog.Operation {
	return d.docs[docsKey(raw)]
}

// endpoint builds the Endpoint for a catalog key.
func (d *endpointData) endpoint(key string, chain []Step) Endpoint {
	e := Endpoint{Key: key, Chain: chain}
	if method, tmpl, ok := strings.Cut(key, " "); ok {
		if op, ok := d.cat.Lookup(method, tmpl); ok {
			e.ID = op.ID
		}
	}
	return e
}

// operation returns the catalog's operation for a key.
func (d *endpointData) operation(key string) (*catalog.Operation, bool) {
	method, tmpl, _ := strings.Cut(key, " ")
	return d.cat.Lookup(method, tmpl)
}

// loadEndpointData loads the embedded catalog once per process.
//
// TODO(catalog): the embedded operation table (catalog.Load) is being
// generated on the catalog branch; until it lands the production analyzer
// has the go-github method table but no operations.
var loadEndpointData = sync.OnceValues(func() (*endpointData, error) {
	table, err := catalog.LoadGoGitHub()
	if err != nil {
		return nil, err
	}
	_ = table
	return nil, errors.New("the endpoint catalog is not generated yet")
})
