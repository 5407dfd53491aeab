package compare

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/report"
)

// scopes compares the uses with an OAuth or classic token's scopes.
func (c *comparer) scopes() {
	have := make([]string, len(c.Grants.Scopes))
	for i, s := range c.Grants.Scopes {
		have[i] = s.Name
	}
	var used []*Use // known, satisfied
	for i := range c.Uses {
		u := &c.Uses[i]
		if t := u.Token(catalog.OAuth); t != catalog.OAuth {
			c.usable(u, t) // made with another token: no scopes
			continue
		}
		req := u.Requirement(catalog.OAuth)
		switch {
		case !req.Known():
			c.unknown++
			msg := fmt.Sprintf("%s: GitHub's description does not say which OAuth scopes it needs", opName(u.Op))
			if u.Op.IsDeclared() {
				msg = fmt.Sprintf("%s declares no OAuth scopes: add scopes=... (or none)", opName(u.Op))
			}
			c.perSite(*u, report.UnknownRequirement, msg)
		case !req.Usable:
			c.perSite(*u, report.UnusableEndpoint, fmt.Sprintf("%s cannot be called with %s (%s)", opName(u.Op), c.tok.Phrase(), req.Basis))
		case u.Op.ScopesKnown && c.Catalog.ScopesCoverAny(have, u.Scopes(c.Visibility)):
			used = append(used, u)
		default:
			alts := u.Scopes(c.Visibility)
			msg := fmt.Sprintf("%s needs %s; %s", useName(u), describeScopes(alts), c.scopeList(have))
			for _, s := range active(*u) {
				c.report(Finding{Category: report.MissingGrant, Site: s, Position: s.Position, Op: u.Op,
					Key: alts[0][0], Message: via(msg, s), Related: c.scopeRelated()})
			}
		}
	}
	reqs := make([][][]string, len(used))
	for i, u := range used {
		reqs[i] = u.Scopes(c.Visibility)
	}
	minimal := c.Catalog.MinimalScopesOf(reqs)
	for _, s := range c.Grants.Scopes {
		if _, known := c.Catalog.Scope(s.Name); !known || c.Grants.Allowed(s.Name) != "" || slices.Contains(minimal, s.Name) {
			continue // unknown scopes are manifest errors
		}
		others := slices.DeleteFunc(slices.Clone(have), func(n string) bool { return n == s.Name })
		f := Finding{Category: report.ExcessGrant, Position: position(s.Pos), Key: s.Name}
		if u := firstBroken(c.Catalog, others, used, c.Visibility); u != nil {
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
			site := &u.Sites[0]
			f.Message = fmt.Sprintf("scope %s is granted but the code needs at most %s (%s at %s)",
				s.Name, strings.Join(narrower, ", "), u.Op.Key(), where(site))
			f.Related = []Related{{site.Pos, site.Position, u.Op.Key() + " is called here"}}
		} else {
			f.Message = fmt.Sprintf("scope %s is granted but nothing needs it", s.Name)
		}
		f.Message += c.incomplete()
		c.report(f)
	}
}

// firstBroken returns the first of uses that scopes do not satisfy.
func firstBroken(cat *catalog.Catalog, scopes []string, uses []*Use, v catalog.Visibility) *Use {
	for _, u := range uses {
		if !cat.ScopesCoverAny(scopes, u.Scopes(v)) {
			return u
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

// usable reports whether a token of kind t can make the use, and
// reports it when t cannot, or when GitHub's data does not say what t
// needs.
func (c *comparer) usable(u *Use, t catalog.Token) bool {
	switch req := u.Requirement(t); {
	case !req.Known():
		c.unknown++
		msg := fmt.Sprintf("%s: GitHub's data does not say what %s needs for it", opName(u.Op), t.Phrase())
		if u.Op.IsDeclared() {
			msg = fmt.Sprintf("%s declares no permissions, which %s needs: add them (or none)", opName(u.Op), t.Phrase())
		}
		c.perSite(*u, report.UnknownRequirement, msg)
		return false
	case !req.Usable:
		c.perSite(*u, report.UnusableEndpoint, fmt.Sprintf("%s cannot be called with %s (%s)", opName(u.Op), t.Phrase(), req.Basis))
		return false
	}
	return true
}
