package analyzer

import (
	"fmt"
	"strings"
	"sync"

	"github.com/ghperm/ghperm/catalog"
)

// The embedded catalog and go-github method table, each loaded at most once
// per process and only on first need: under go vet the tool runs once per
// package, and most packages (the standard library, unrelated
// dependencies, code calling only typed go-github methods) need neither.
// Both are immutable once loaded.
var (
	loadCatalog = sync.OnceValues(catalog.Load)
	loadTable   = sync.OnceValues(catalog.LoadGoGitHub)
)

// theCatalog returns the catalog, with an error that says what failed.
func theCatalog() (*catalog.Catalog, error) {
	cat, err := loadCatalog()
	if err != nil {
		return nil, fmt.Errorf("ghperm: loading the endpoint catalog: %w", err)
	}
	return cat, nil
}

// operation returns the catalog's operation for a key "METHOD /path",
// or the operation of a declaration's key (declaredKey).
func operation(cat *catalog.Catalog, key string) (*catalog.Operation, bool) {
	if op, ok := declaredOp(key); ok {
		return op, true
	}
	method, tmpl, _ := strings.Cut(key, " ")
	return cat.Lookup(method, tmpl)
}
