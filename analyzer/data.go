package analyzer

import (
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
	// versions whose source has no //meta:operation directives.
	methods func(name string, major int) []string
}

// loadEndpointData loads the embedded catalog and go-github method table,
// once per process.
var loadEndpointData = sync.OnceValues(func() (*endpointData, error) {
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	table, err := catalog.LoadGoGitHub()
	if err != nil {
		return nil, err
	}
	return &endpointData{cat: cat, methods: table.Operations}, nil
})

// endpoint builds the Endpoint for a catalog key.
func (d *endpointData) endpoint(key string, chain []Step) Endpoint {
	e := Endpoint{Key: key, Chain: chain}
	if op, ok := d.operation(key); ok {
		e.ID = op.ID
	}
	return e
}

// operation returns the catalog's operation for a key.
func (d *endpointData) operation(key string) (*catalog.Operation, bool) {
	method, tmpl, _ := strings.Cut(key, " ")
	return d.cat.Lookup(method, tmpl)
}
