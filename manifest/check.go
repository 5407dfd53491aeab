package manifest

import "github.com/ghperm/ghperm/catalog"

// Check reports the names in m that the catalog does not know: unknown
// permission keys (suggesting a close one), levels a key does not allow
// (workflows: read) and unknown webhook events. Workflow blocks are
// checked against the GITHUB_TOKEN's own vocabulary when parsed.
func Check(m *Manifest, cat *catalog.Catalog) ErrorList {
	var errs ErrorList
	if m.Format == Workflow {
		return nil
	}
	var keys []string
	for _, p := range cat.Permissions() {
		keys = append(keys, p.Key)
	}
	for _, g := range m.Permissions {
		p, ok := cat.Permission(g.Key)
		switch {
		case !ok:
			errs.add(g.Pos, "unknown permission %s%s", quote(g.Written), didYouMean(g.Written, keys))
		case g.Level != catalog.None && !p.Allows(g.Level):
			errs.add(g.LevelPos, "%s cannot be %s; want %s", g.Key, g.Level, joinLevels(p.Levels))
		}
	}
	var names []string
	for _, e := range cat.Events() {
		names = append(names, e.Name)
	}
	for _, e := range m.Events {
		if _, ok := cat.Event(e.Name); !ok {
			errs.add(e.Pos, "unknown webhook event %s%s", quote(e.Name), didYouMean(e.Name, names))
		}
	}
	errs.sort()
	return errs
}

// CheckScopes reports unknown and repeated OAuth scopes.
func CheckScopes(scopes []Scope, cat *catalog.Catalog) ErrorList {
	var errs ErrorList
	var names []string
	for _, s := range cat.Scopes() {
		names = append(names, s.Name)
	}
	seen := map[string]bool{}
	for _, s := range scopes {
		switch _, ok := cat.Scope(s.Name); {
		case seen[s.Name]:
			errs.add(s.Pos, "duplicate scope %s", quote(s.Name))
		case !ok:
			errs.add(s.Pos, "unknown OAuth scope %s%s", quote(s.Name), didYouMean(s.Name, names))
		}
		seen[s.Name] = true
	}
	return errs
}
