package scan

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/analyzer"
	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
	"github.com/ghperm/ghperm/manifest"
	"github.com/ghperm/ghperm/report"
	"golang.org/x/tools/go/analysis/checker"
)

// Needs computes the least privilege of the analysed programs for a
// token kind (nil for the one their ghperm config names, else
// installation): the uses of the main packages (or of every root package
// when none is a program), chosen among alternatives by package compare.
func (r *Result) Needs(tokenKind *catalog.Token) *report.Needs {
	acts := r.programs()
	return r.needsOf(acts, r.grants(acts), tokenKind, false)
}

// needsOf computes the least privilege of the programs of acts, whose
// grants (nil if none) give the token kind, the events and the
// repositories' visibility. With keepSubscribed, every event the grants
// subscribe to counts, handled or not (fix keeps the subscriptions).
func (r *Result) needsOf(acts []*checker.Action, grants *manifest.Grants, tokenKind *catalog.Token, keepSubscribed bool) *report.Needs {
	var uses []compare.Use
	byKey := map[string]int{}
	sites := map[token.Pos]*analyzer.Result{} // where each use's chain is
	var unresolved, unreached []report.Call
	var fset *token.FileSet
	for _, act := range acts {
		res, ok := act.Result.(*analyzer.Result)
		if !ok {
			continue
		}
		fset = act.Package.Fset
		us, _ := res.Uses(r.catalog, fset, r.root)
		for _, u := range us {
			for _, s := range u.Sites {
				sites[s.Pos] = res
			}
			if i, ok := byKey[u.Key()]; ok {
				uses[i].Sites = append(uses[i].Sites, u.Sites...)
				continue
			}
			byKey[u.Key()] = len(uses)
			uses = append(uses, u)
		}
		if prog := res.Program; prog != nil {
			for _, pc := range prog.Reached {
				if pc.Reason != "" {
					unresolved = append(unresolved, report.Call{Position: r.placePosition(pc.At), Message: pc.Callee + ": " + pc.Reason, Chain: r.steps(pc.RootChain())})
				}
			}
			for _, pc := range prog.Unreached {
				unreached = append(unreached, report.Call{Position: r.placePosition(pc.At), Message: unreachedMessage(pc)})
			}
			continue
		}
		for _, c := range res.Unresolved {
			unresolved = append(unresolved, report.Call{Position: r.position(fset, c.Pos, c.End), Message: c.Callee + ": " + c.Reason})
		}
		for _, c := range res.Calls {
			for _, in := range c.Inner {
				unresolved = append(unresolved, report.Call{Position: r.position(fset, c.Pos, c.End), Message: in.Reason, Chain: r.steps(in.Chain)})
			}
		}
	}

	tok := catalog.Installation
	if grants != nil {
		tok = grants.Token
	}
	if tokenKind != nil {
		tok = *tokenKind
	}
	// The events: those the code handles, else (or also, when the
	// subscriptions are kept) those the manifest subscribes to. Only a
	// GitHub App receives the events its manifest subscribes to: an OAuth,
	// fine-grained or Actions token needs nothing for them.
	var events []string
	var handlers map[string][]analyzer.Step
	fromCode := true
	if tok == catalog.Installation || tok == catalog.User || tok == catalog.AppJWT {
		events, handlers = handledEvents(acts)
		if grants != nil && grants.Manifest != nil && (len(events) == 0 || keepSubscribed) {
			fromCode = len(events) > 0
			for _, e := range grants.Manifest.Events {
				if !slices.Contains(events, e.Name) {
					events = append(events, e.Name)
				}
			}
		}
	}

	vis := catalog.AnyVisibility
	if grants != nil {
		vis = grants.Visibility()
	}
	var held *manifest.Manifest
	if grants != nil && grants.Token == tok {
		held = grants.Manifest
	}
	least := compare.LeastPrivilegeFor(uses, events, tok, r.catalog, vis, held)
	n := &report.Needs{
		Ghperm:      *r.Report(),
		Token:       tok.String(),
		Permissions: map[string]string{},
		Scopes:      least.Scopes,
		Unresolved:  unresolved,
		Unreached:   unreached,
	}
	if len(events) > 0 {
		n.EventsFrom = "manifest"
		if fromCode {
			n.EventsFrom = "code"
		}
	}
	for _, nd := range least.Permissions {
		n.Permissions[nd.Grant.Key] = nd.Grant.Level.String()
	}
	if tok == catalog.Actions && grants != nil && grants.Manifest != nil {
		for _, st := range grants.Manifest.Steps {
			n.Steps = append(n.Steps, report.NeededStep{Action: st.Action, Job: st.Job, Permission: st.Written + ":" + st.Level.String(),
				Position: report.Position{File: report.RelPath(r.root, st.Pos.File), Line: st.Pos.Line, Col: st.Pos.Col}})
			if l, _ := catalog.ParseLevel(n.Permissions[st.Key]); l < st.Level {
				n.Permissions[st.Key] = st.Level.String()
			}
		}
	}
	if tok == catalog.Actions {
		// A workflow block spells keys its own way, and cannot hold
		// metadata (GitHub rejects it): the GITHUB_TOKEN has it anyway.
		n.WorkflowPermissions = map[string]string{}
		for k, l := range n.Permissions {
			if name, ok := manifest.ActionsName(k); ok {
				n.WorkflowPermissions[name] = l
			}
		}
	}
	for _, name := range events {
		ev := report.NeededEvent{Name: name, Handler: r.steps(handlers[name])}
		if slices.Contains(least.UnknownEvents, name) {
			ev.Permission = "unknown"
		} else if ce, ok := r.catalog.Event(name); ok {
			ev.Permission = r.requirement(tok, ce.Needs).String()
			ev.Default = ce.Default
		}
		n.Events = append(n.Events, ev)
	}
	for _, u := range uses {
		e := report.NeededEndpoint{
			Endpoint: report.Endpoint{Method: u.Op.Method, Path: u.Op.Path, OperationID: u.Op.ID},
			Status:   report.StatusNeeded,
		}
		switch {
		case slices.ContainsFunc(least.Unusable, func(x compare.Use) bool { return x.Key() == u.Key() }):
			e.Status = report.StatusUnusable
		case slices.ContainsFunc(least.Unknown, func(x compare.Use) bool { return x.Key() == u.Key() }):
			e.Status = report.StatusUnknown
		default:
			e.Requirement = r.requirement(tok, u.Requirement(u.Token(tok)).Sets)
			e.Chosen = r.requirement(tok, []catalog.Set{least.Chosen[u.Key()]})[0]
		}
		e.Note = u.Note()
		if u.By.Known() {
			e.By = u.Token(tok).As()
		}
		for _, s := range u.Sites {
			e.Calls = append(e.Calls, report.Call{
				Position: r.position(fset, s.Pos, token.NoPos),
				Chain:    r.steps(sites[s.Pos].SiteChain(s.Pos, u.Op.Key())),
			})
		}
		n.Endpoints = append(n.Endpoints, e)
	}
	return n
}

// unreachedMessage says what a call not reached would do.
func unreachedMessage(pc analyzer.ProgramCall) string {
	what := strings.Join(pc.Endpoints, ", ")
	if pc.Reason != "" {
		what = pc.Reason
	}
	return fmt.Sprintf("%s in %s: %s", pc.Callee, pc.At.Name, what)
}

// programs returns the root actions of the main packages (test mains and
// test variants left out), or every root action when there is none.
func (r *Result) programs() []*checker.Action {
	var mains []*checker.Action
	for _, act := range r.graph.Roots {
		p := act.Package
		if p.Name == "main" && p.ID == p.PkgPath && !strings.HasSuffix(p.PkgPath, ".test") {
			mains = append(mains, act)
		}
	}
	if len(mains) == 0 {
		return r.graph.Roots
	}
	return mains
}

// grants reads the grants of the programs' module as the analyzer finds
// them (the -manifest flag, a //ghperm:manifest directive, the ghperm
// config, the well-known names); nil when there are none or they cannot be
// read (ghperm check reports why).
func (r *Result) grants(acts []*checker.Action) *manifest.Grants {
	for _, act := range acts {
		if g, _, ok := r.grantsOf(act); ok {
			return g
		}
	}
	return nil
}

// grantsOf reads the grants of one program and the problems found in
// them; ok is false when the program has no module (nothing is looked
// for), and g is nil when it has no grants or they cannot be read.
func (r *Result) grantsOf(act *checker.Action) (g *manifest.Grants, errs manifest.ErrorList, ok bool) {
	mod := act.Package.Module
	if mod == nil || mod.Dir == "" {
		return nil, nil, false
	}
	explicit := r.cfg.Analyzer.Manifest
	if explicit != "" && !filepath.IsAbs(explicit) {
		explicit = filepath.Join(mod.Dir, explicit)
	}
	directive, _, none := analyzer.ManifestDirective(act.Package.Fset, act.Package.Syntax)
	if none && explicit == "" {
		return nil, nil, true
	}
	loc, err := manifest.Discover(mod.Dir, explicit, directive)
	if err != nil {
		return nil, manifest.ErrorList{{Msg: err.Error()}}, true
	}
	if len(act.Package.GoFiles) > 0 {
		loc.Program = manifest.ProgramAt(mod.Dir, filepath.Dir(act.Package.GoFiles[0]), act.Package.PkgPath)
	}
	g, errs = manifest.Load(loc, r.catalog)
	return g, errs, true
}

// requirement renders permission sets as "key:level" lists, with the keys
// spelt as the token kind's configuration spells them.
func (r *Result) requirement(tok catalog.Token, sets []catalog.Set) report.Requirement {
	out := make(report.Requirement, len(sets))
	for i, s := range sets {
		out[i] = []string{}
		for _, g := range s {
			out[i] = append(out[i], r.keyFor(tok, g.Key)+":"+g.Level.String())
		}
	}
	return out
}

// keyFor spells a permission key for the token kind: workflow
// permissions: blocks write pull-requests for pull_requests.
func (r *Result) keyFor(tok catalog.Token, key string) string {
	if tok == catalog.Actions {
		if name, ok := manifest.ActionsName(key); ok {
			return name
		}
	}
	return key
}

// handledEvents are the webhook events the programs handle, sorted, and
// the chain to the first handler of each.
func handledEvents(acts []*checker.Action) ([]string, map[string][]analyzer.Step) {
	var out []string
	chains := map[string][]analyzer.Step{}
	for _, act := range acts {
		if res, ok := act.Result.(*analyzer.Result); ok && res.Program != nil {
			for _, ev := range res.Program.Events {
				if _, seen := chains[ev.Name]; !seen {
					chains[ev.Name] = ev.Chain
					out = append(out, ev.Name)
				}
			}
		}
	}
	slices.Sort(out)
	return out, chains
}
