package compare

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

// scopes compares the uses with an OAuth or classic token's scopes.
func (c *comparer) scopes() {
	have := make([]string, len(c.Grants.Scopes))
	for i, s := range c.Grants.Scopes {
		have[i] = s.Name
	}
	var used []*catalog.Operation // known, satisfied
	why := map[*catalog.Operation]*Site{}
	for _, u := range c.Uses {
		req := u.Op.Requirement(catalog.OAuth)
		switch {
		case !req.Known():
			c.unknown++
			c.perSite(u, UnknownRequirement, fmt.Sprintf("%s: GitHub's description does not say which OAuth scopes it needs", opName(u.Op)))
		case !req.Usable:
			c.perSite(u, UnusableEndpoint, fmt.Sprintf("%s cannot be called with %s (%s)", opName(u.Op), tokenPhrase[c.tok], req.Basis))
		case c.Catalog.ScopesSatisfyFor(have, u.Op, c.Visibility):
			used = append(used, u.Op)
			why[u.Op] = &u.Sites[0]
		default:
			alts := u.Op.ScopesFor(c.Visibility)
			msg := fmt.Sprintf("%s needs %s; %s", opName(u.Op), describeScopes(alts), c.scopeList(have))
			for _, s := range active(u) {
				c.report(Finding{Category: MissingGrant, Site: s, Position: s.Position, Op: u.Op,
					Key: alts[0][0], Message: via(msg, s), Related: c.scopeRelated()})
			}
		}
	}
	minimal := c.Catalog.MinimalScopesFor(used, c.Visibility)
	for _, s := range c.Grants.Scopes {
		if _, known := c.Catalog.Scope(s.Name); !known || c.Grants.Allowed(s.Name) != "" || slices.Contains(minimal, s.Name) {
			continue // unknown scopes are manifest errors
		}
		others := slices.DeleteFunc(slices.Clone(have), func(n string) bool { return n == s.Name })
		f := Finding{Category: ExcessGrant, Position: position(s.Pos), Key: s.Name}
		if op := firstBroken(c.Catalog, others, used, c.Visibility); op != nil {
			// Needed, but a narrower scope would do.
			var narrower []string
			for _, m := range minimal {
				if m != s.Name && c.Catalog.ScopeCovers([]string{s.Name}, m) {
					narrower = append(narrower, m)
				}
			}
			if len(narrower) == 0 {
				continue
			}
			f.Message = fmt.Sprintf("scope %s is granted but the code needs at most %s (%s at %s)",
				s.Name, strings.Join(narrower, ", "), op.Key(), where(why[op]))
			f.Related = []Related{{why[op].Pos, why[op].Position, op.Key() + " is called here"}}
		} else {
			f.Message = fmt.Sprintf("scope %s is granted but nothing needs it", s.Name)
		}
		f.Message += c.incomplete()
		c.report(f)
	}
}

// firstBroken returns the first of ops that scopes do not satisfy.
func firstBroken(cat *catalog.Catalog, scopes []string, ops []*catalog.Operation, v catalog.Visibility) *catalog.Operation {
	for _, op := range ops {
		if !cat.ScopesSatisfyFor(scopes, op, v) {
			return op
		}
	}
	return nil
}

// describeScopes is "the repo scope" or "the repo or security_events scope".
func describeScopes(alts [][]string) string {
	parts := make([]string, len(alts))
	for i, alt := range alts {
		parts[i] = strings.Join(alt, " and ")
	}
	if len(alts) == 1 && len(alts[0]) == 1 {
		return "the " + parts[0] + " scope"
	}
	return "the scopes " + strings.Join(parts, " or ")
}

func (c *comparer) scopeList(have []string) string {
	if len(have) == 0 {
		return "the token has no scopes"
	}
	return "the token has " + strings.Join(have, ", ")
}

func (c *comparer) scopeRelated() []Related {
	var rel []Related
	for _, s := range c.Grants.Scopes {
		rel = append(rel, Related{token.NoPos, position(s.Pos), "scope " + s.Name + " is granted here"})
	}
	return rel
}
