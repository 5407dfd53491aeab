package catalog

//go:generate go run ./internal/gen -in upstream -out zz_generated.go

// Load returns the catalog generated from the inputs in catalog/upstream
// and embedded in the binary. Every call returns a new index over the same
// immutable tables.
func Load() (*Catalog, error) {
	c := New(generatedVersion, generatedOps)
	c.perms = generatedPermissions
	c.events = generatedEvents
	c.scopeList = generatedScopes
	c.aliases = generatedAliases
	for _, s := range generatedScopes {
		c.scopes[s.Name] = s
	}
	return c, nil
}
