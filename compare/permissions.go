package compare

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/manifest"
	"github.com/ghperm/ghperm/report"
)

// permissions compares the uses with a token that has permissions (an
// app's installation or user token, a fine-grained PAT, the GITHUB_TOKEN)
// or the app's JWT.
func (c *comparer) permissions() {
	m := c.Grants.Manifest
	have := granted(m)
	var reqs [][]catalog.Set // what each use needs of the grants
	var why []reason
	for _, u := range c.Uses {
		tok := u.Token(c.tok)
		if !c.usable(&u, tok) {
			continue
		}
		req := u.Requirement(tok)
		switch {
		case tok == catalog.Actions && !actionsCanHold(req.Sets):
			c.perSite(u, report.UnusableEndpoint, fmt.Sprintf("%s needs %s, which the GITHUB_TOKEN cannot be granted", opName(u.Op), c.describeReq(req.Sets)))
		case !holdsGrants(tok) || c.tok == catalog.AppJWT || len(req.Sets) == 0:
			// The app's JWT and OAuth tokens hold no permissions of
			// these grants: the call needs only to be possible.
		case have.coversAny(req.Sets):
			reqs = append(reqs, coveredSets(have, req.Sets))
			why = append(why, reason{u.Op, &u.Sites[0]})
		default:
			c.missing(u, req.Sets, have)
			// What is granted towards the missing grant is not excess.
			reqs = append(reqs, partlyGranted(have, req.Sets))
			why = append(why, reason{u.Op, &u.Sites[0]})
		}
	}
	if m == nil || c.tok == catalog.AppJWT {
		return
	}
	events := c.events(have)
	c.handled()
	need := choose(levels{}, append(events, reqs...))
	c.steps(have)
	c.excess(need, attribute(need, reqs, why))
}

// steps reports what the steps of a workflow's job need of the
// GITHUB_TOKEN and its permissions do not grant, at the step.
func (c *comparer) steps(have levels) {
	for _, s := range c.Grants.Manifest.Steps {
		if have[s.Key] >= s.Level {
			continue
		}
		c.report(Finding{Category: report.MissingGrant, Position: position(s.Pos), Key: s.Key,
			Message: fmt.Sprintf("%s in job %s needs %s: %s; the job's permissions grant %s", s.Action, s.Job, s.Written, s.Level, c.grantText(s.Key, have[s.Key]))})
	}
}

// grantText is what the grants give of key: "no contents",
// "pull-requests: read" (spelt as the grants spell it).
func (c *comparer) grantText(key string, l catalog.Level) string {
	if l == catalog.None {
		return "no " + c.spell(key)
	}
	return c.spell(key) + ": " + l.String()
}

// stepNeeds returns, per key, the strongest need of a workflow's steps.
func stepNeeds(m *manifest.Manifest) map[string]manifest.StepNeed {
	out := map[string]manifest.StepNeed{}
	for _, s := range m.Steps {
		if cur, ok := out[s.Key]; !ok || s.Level > cur.Level {
			out[s.Key] = s
		}
	}
	return out
}

// holdsGrants reports whether a token of kind t holds the permissions
// of an app's (or a fine-grained token's, or a workflow's) grants: all
// kinds but the app's JWT and OAuth tokens, which have scopes.
func holdsGrants(t catalog.Token) bool { return t != catalog.AppJWT && t != catalog.OAuth }

// coveredSets returns the alternatives of sets that have covers.
func coveredSets(have levels, sets []catalog.Set) []catalog.Set {
	var out []catalog.Set
	for _, s := range sets {
		if have.covers(s) {
			out = append(out, s)
		}
	}
	return out
}

// partlyGranted returns the alternatives of sets that have grants some
// of, or all of sets if none: the ones to complete.
func partlyGranted(have levels, sets []catalog.Set) []catalog.Set {
	var out []catalog.Set
	for _, s := range sets {
		if slices.ContainsFunc(s, func(g catalog.Grant) bool { return have[g.Key] > catalog.None && g.Key != "metadata" }) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return sets
	}
	return out
}

// actionsCanHold reports whether some alternative uses only permissions
// a GITHUB_TOKEN can be granted (metadata is implicit).
func actionsCanHold(sets []catalog.Set) bool {
	if len(sets) == 0 {
		return true
	}
	for _, s := range sets {
		ok := true
		for _, g := range s {
			if g.Key != "metadata" && !manifest.ActionsGrantable(g.Key) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (c *comparer) perSite(u Use, cat report.Category, msg string) {
	for _, s := range active(u) {
		c.report(Finding{Category: cat, Site: s, Position: s.Position, Op: u.Op, Message: msg})
	}
}

// missing reports a use whose requirement no grant satisfies.
func (c *comparer) missing(u Use, sets []catalog.Set, have levels) {
	msg := fmt.Sprintf("%s needs %s; %s", useName(&u), c.describeReq(sets), c.grantedOf(sets, have))
	rel := c.relatedGrants(sets)
	key := sets[0][0].Key
	for _, g := range sets[0] {
		if !have.covers(catalog.Set{g}) {
			key = g.Key // the first grant lacking
			break
		}
	}
	for _, s := range active(u) {
		c.report(Finding{Category: report.MissingGrant, Site: s, Position: s.Position, Op: u.Op,
			Key: key, Message: via(msg, s), Related: rel})
	}
}

// describeReq is "checks: write" or "issues: write or pull_requests: write",
// with keys spelt as the grants spell them (pull-requests in a workflow).
func (c *comparer) describeReq(sets []catalog.Set) string {
	parts := make([]string, len(sets))
	for i, s := range sets {
		gs := make([]string, len(s))
		for j, g := range s {
			gs[j] = c.spell(g.Key) + ": " + g.Level.String()
		}
		parts[i] = strings.Join(gs, " and ")
	}
	return strings.Join(parts, " or ")
}

// grantedOf says what the grants give of the keys sets mention:
// "app.yml grants checks: read and no pull_requests".
func (c *comparer) grantedOf(sets []catalog.Set, have levels) string {
	var parts []string
	seen := map[string]bool{}
	for _, s := range sets {
		for _, g := range s {
			if seen[g.Key] {
				continue
			}
			seen[g.Key] = true
			parts = append(parts, c.grantText(g.Key, have[g.Key]))
		}
	}
	return c.source() + " grants " + strings.Join(parts, " and ")
}

// spell writes a permission key as the grants write it: a workflow's
// permissions: block says pull-requests for pull_requests.
func (c *comparer) spell(key string) string {
	if m := c.Grants.Manifest; m != nil && m.Format == manifest.Workflow {
		if name, ok := manifest.ActionsName(key); ok {
			return name
		}
	}
	return key
}

// source names the grants for messages: "app.yml", "the workflow w.yml".
func (c *comparer) source() string {
	m := c.Grants.Manifest
	if m == nil {
		return "the token"
	}
	name := baseName(m.Path)
	switch m.Format {
	case manifest.Workflow:
		return "the workflow " + name
	case manifest.Config:
		return "the permissions: of " + name
	}
	return name
}

// relatedGrants points at the grants a requirement mentions, or at the
// manifest's permissions when it has none of them.
func (c *comparer) relatedGrants(sets []catalog.Set) []Related {
	m := c.Grants.Manifest
	if m == nil {
		return nil
	}
	var rel []Related
	for _, s := range sets {
		for _, g := range s {
			if p, ok := m.Permission(g.Key); ok && !containsPos(rel, p.Pos) {
				rel = append(rel, Related{token.NoPos, position(p.Pos), fmt.Sprintf("%s: %s is granted here", p.Written, p.Level)})
			}
		}
	}
	if len(rel) == 0 {
		rel = append(rel, Related{token.NoPos, position(m.PermissionsPos), "the permissions are granted here"})
	}
	return rel
}

func containsPos(rel []Related, p manifest.Pos) bool {
	for _, r := range rel {
		if r.Position.Offset == p.Offset && r.Position.Filename == p.File {
			return true
		}
	}
	return false
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// events reports subscribed events without the permission they need and
// returns the needs of the others: the grants they keep.
func (c *comparer) events(have levels) [][]catalog.Set {
	var keep [][]catalog.Set
	for _, e := range c.Grants.Manifest.Events {
		ev, ok := c.Catalog.Event(e.Name)
		if !ok {
			continue // unknown event names are reported by manifest.Check
		}
		if !ev.Known() {
			c.unknownEvents++
			c.report(Finding{Category: report.UnknownRequirement, Position: position(e.Pos), Key: e.Name,
				Message: fmt.Sprintf("the %s event: GitHub's data does not say which permission it needs", e.Name)})
			continue
		}
		if len(ev.Needs) == 0 {
			continue
		}
		if !have.coversAny(ev.Needs) {
			c.report(Finding{Category: report.MissingGrant, Position: position(e.Pos), Key: e.Name,
				Message: fmt.Sprintf("the %s event needs %s; %s", e.Name, c.describeReq(ev.Needs), c.grantedOf(ev.Needs, have))})
			continue
		}
		keep = append(keep, coveredSets(have, ev.Needs))
	}
	return keep
}

// handled compares the events the code handles with those the manifest
// subscribes to: a handled event not subscribed never arrives
// (missing-event, at the site that reaches its handler); a subscribed
// event nothing handles, when the code handles some, is excess
// (excess-event, at the manifest's line) unless an allow reason keeps it.
// Workflows and configs subscribe to nothing: not compared.
func (c *comparer) handled() {
	m := c.Grants.Manifest
	if len(c.Handled) == 0 || m.Format != manifest.AppYAML && m.Format != manifest.AppJSON {
		return
	}
	subscribed := map[string]bool{}
	for _, e := range m.Events {
		subscribed[e.Name] = true
	}
	handled := map[string]bool{}
	for _, h := range c.Handled {
		handled[h.Name] = true
		if ev, ok := c.Catalog.Event(h.Name); subscribed[h.Name] || ok && ev.Default {
			continue // delivered to every app: nothing to subscribe
		}
		site := h.Site
		msg := fmt.Sprintf("the code handles the %s event (%s), but %s does not subscribe to it: the handler never runs", h.Name, strings.Join(site.Chain, " → "), baseName(m.Path))
		if ev, ok := c.Catalog.Event(h.Name); ok && ev.Known() && len(ev.Needs) > 0 {
			msg += fmt.Sprintf(" (it needs %s)", c.describeReq(ev.Needs))
		}
		c.report(Finding{Category: report.MissingEvent, Site: &site, Position: site.Position, Key: h.Name, Message: msg,
			Related: []Related{{token.NoPos, position(m.EventsPos), "the events are subscribed here"}}})
	}
	for _, e := range m.Events {
		if handled[e.Name] || c.Grants.Allowed(e.Name) != "" {
			continue
		}
		c.report(Finding{Category: report.ExcessEvent, Position: position(e.Pos), Key: e.Name,
			Message: fmt.Sprintf("the %s event is subscribed but no reached code handles it%s", e.Name, c.incomplete())})
	}
}

// reason is why a grant is needed: the first use that needs it.
type reason struct {
	op   *catalog.Operation
	site *Site
}

// attribute finds, for each key of need, a use whose covered alternative
// needs that key at the needed level.
func attribute(need levels, reqs [][]catalog.Set, why []reason) map[string]reason {
	out := map[string]reason{}
	for i, sets := range reqs {
		s, _ := chosen(need, sets)
		for _, g := range s {
			if _, done := out[g.Key]; !done && g.Level == need[g.Key] {
				out[g.Key] = why[i]
			}
		}
	}
	return out
}

// excess reports grants above need.
func (c *comparer) excess(need levels, why map[string]reason) {
	steps := stepNeeds(c.Grants.Manifest)
	for _, p := range c.Grants.Manifest.Permissions {
		if p.Level == catalog.None || p.Key == "metadata" && p.Level == catalog.Read {
			continue
		}
		if perm, known := c.Catalog.Permission(p.Key); !known || !perm.Allows(p.Level) || c.Grants.Allowed(p.Key) != "" {
			continue // unknown keys and levels are manifest errors
		}
		n := need[p.Key]
		step, byStep := steps[p.Key]
		byStep = byStep && step.Level > n
		if byStep {
			n = step.Level
		}
		if n >= p.Level {
			continue
		}
		f := Finding{Category: report.ExcessGrant, Position: position(p.Pos), Key: p.Key}
		switch {
		case n == catalog.None:
			f.Message = fmt.Sprintf("%s: %s is granted but nothing needs %s", p.Written, p.Level, p.Written)
		case byStep:
			f.Message = fmt.Sprintf("%s: %s is granted but the job needs at most %s: %s (%s in job %s)", p.Written, p.Level, p.Written, n, step.Action, step.Job)
		default:
			f.Message = fmt.Sprintf("%s: %s is granted but the code needs at most %s: %s", p.Written, p.Level, p.Written, n)
			if r, ok := why[p.Key]; ok {
				f.Message += fmt.Sprintf(" (%s at %s)", r.op.Key(), where(r.site))
				f.Related = []Related{{r.site.Pos, r.site.Position, fmt.Sprintf("%s needs %s: %s", r.op.Key(), p.Key, n)}}
			}
		}
		f.Message += c.incomplete()
		c.report(f)
	}
}
