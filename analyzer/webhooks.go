package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"
	"unicode"
)

// The webhook events a program handles: go-github's event types in type
// switches and assertions (on what github.ParseWebHook returns) and in
// variable declarations (a payload decoded into one), event
// names compared with github.WebHookType's result (in a switch or with
// ==), and the names go-githubapp handlers return from Handles(). Each
// function records the events its body handles; a main package handles
// those of the functions its roots reach.

// events returns the webhook events that n, a node of a function body,
// handles: names GitHub's data knows as events (go-github's IssueEvent
// is an issue's timeline entry, not the issues event).
func (p *pkgPass) events(n ast.Node) []string {
	names := p.eventNames(n)
	if len(names) == 0 {
		return nil
	}
	cat, err := theCatalog()
	if err != nil {
		return nil
	}
	return slices.DeleteFunc(names, func(name string) bool {
		_, ok := cat.Event(name)
		return !ok
	})
}

func (p *pkgPass) eventNames(n ast.Node) []string {
	info := p.pass.TypesInfo
	switch n := n.(type) {
	case *ast.TypeAssertExpr:
		if n.Type != nil {
			return eventOfType(info.TypeOf(n.Type))
		}
	case *ast.ValueSpec: // var ev github.CheckSuiteEvent, decoded from the body
		if n.Type != nil {
			return eventOfType(info.TypeOf(n.Type))
		}
	case *ast.CaseClause: // of a type switch, or of a switch on WebHookType
		var out []string
		for _, e := range n.List {
			if tv, ok := info.Types[e]; ok && tv.IsType() {
				out = append(out, eventOfType(tv.Type)...)
			}
		}
		return out
	case *ast.SwitchStmt:
		if n.Tag != nil && isWebHookType(info, n.Tag) {
			var out []string
			for _, s := range n.Body.List {
				for _, e := range s.(*ast.CaseClause).List {
					out = append(out, constStrings(info, e)...)
				}
			}
			return out
		}
	case *ast.BinaryExpr:
		switch {
		case isWebHookType(info, n.X):
			return constStrings(info, n.Y)
		case isWebHookType(info, n.Y):
			return constStrings(info, n.X)
		}
	case *ast.FuncDecl:
		// go-githubapp: func (h *H) Handles() []string { return []string{"issues"} }
		if n.Recv != nil && n.Name.Name == "Handles" && n.Body != nil && n.Type.Params.NumFields() == 0 {
			var out []string
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if r, ok := m.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
					if lit, ok := r.Results[0].(*ast.CompositeLit); ok {
						for _, e := range lit.Elts {
							out = append(out, constStrings(info, e)...)
						}
					}
				}
				return true
			})
			return out
		}
	}
	return nil
}

// eventOfType is the event of a go-github event type (*github.PullRequestEvent:
// "pull_request"), if t is one.
func eventOfType(t types.Type) []string {
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || libraryOf(named.Obj().Pkg().Path()) != libGoGitHub {
		return nil
	}
	name, ok := strings.CutSuffix(named.Obj().Name(), "Event")
	if !ok || name == "" {
		return nil
	}
	return []string{snake(name)}
}

// snake turns go-github's CamelCase type name into GitHub's event name
// (IssueComment: issue_comment), as go-github's own table pairs them.
func snake(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			// A new word: after a lower-case letter, or before one in a run
			// of capitals (GitHubApp: git_hub_app would be wrong; GitHub is
			// one word in GitHub's names).
			if i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return strings.ReplaceAll(b.String(), "git_hub", "github")
}

// isWebHookType reports whether e is a call of go-github's WebHookType
// (the X-GitHub-Event header).
func isWebHookType(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := calleeFunc(info, call)
	return ok && fn.Pkg() != nil && libraryOf(fn.Pkg().Path()) == libGoGitHub && fn.Name() == "WebHookType"
}

// constStrings returns e's value if it is a constant string.
func constStrings(info *types.Info, e ast.Expr) []string {
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return []string{constant.StringVal(tv.Value)}
	}
	return nil
}

// addEvents records events handled by lf.
func (lf *localFunc) addEvents(events []string) {
	for _, e := range events {
		if !slices.Contains(lf.events, e) {
			lf.events = append(lf.events, e)
		}
	}
}
