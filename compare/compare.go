package compare

import (
	"fmt"
	"go/token"
	"slices"
	"sort"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/manifest"
	"github.com/ghperm/ghperm/report"
)

// Site is one place in the code that reaches an operation: the call, or
// the call into the wrapper that makes it.
type Site struct {
	Pos      token.Pos      // for the driver's diagnostic; not used here
	Position token.Position // for messages
	// Chain is how the site reaches the operation, outermost first
	// ("gh.CreateCheck", "(*github.ChecksService).CreateCheckRun").
	Chain []string
	// Ignore is the reason of a //ghperm:ignore on the site; a suppressed
	// site gets no missing-grant or unusable-endpoint finding but still
	// counts as a need.
	Ignore string
}

// Use is one operation the code calls, and where.
type Use struct {
	Op    *catalog.Operation
	Sites []Site // at least one
	// Workflow says whether these calls write a workflow file, which
	// costs more than the operation's requirement.
	Workflow Workflow
	// By is the token kind the calls are made with, when the code shows
	// it (the client was built with a JWT, an installation token, a user
	// access token); else the grants' kind applies.
	By ClientToken
}

// ClientToken is the token kind of a client, when the code shows it.
type ClientToken uint8

const (
	// UnknownClient is a client whose token kind the code does not show.
	UnknownClient ClientToken = 0
	// WebFlowClient holds a token of the OAuth web or device flow: a
	// GitHub App's user access token, or an OAuth app's token when the
	// grants are an OAuth app's.
	WebFlowClient ClientToken = 255
)

// ClientOf is a client made with a token of kind t.
func ClientOf(t catalog.Token) ClientToken { return ClientToken(t) + 1 }

// Known reports whether the code shows the client's token kind.
func (k ClientToken) Known() bool { return k != UnknownClient }

// Of is the token kind of the client's calls for grants of kind grants:
// the client's own, or the grants' when unknown.
func (k ClientToken) Of(grants catalog.Token) catalog.Token {
	switch {
	case k == UnknownClient:
		return grants
	case k == WebFlowClient && grants == catalog.OAuth:
		return catalog.OAuth
	case k == WebFlowClient:
		return catalog.User
	}
	return catalog.Token(k - 1)
}

func (k ClientToken) String() string {
	switch k {
	case UnknownClient:
		return "unknown"
	case WebFlowClient:
		return "web flow"
	}
	return catalog.Token(k - 1).String()
}

// Workflow says whether a call to an operation that can write GitHub
// Actions workflow files (catalog.Operation.WritesWorkflowFiles) does.
type Workflow uint8

const (
	NoWorkflow     Workflow = iota // it does not, or its operation cannot
	MaybeWorkflow                  // the file's path is not known
	WritesWorkflow                 // it writes a file under .github/workflows/
)

// Key identifies the use: its operation's key, and whether it writes a
// workflow file.
func (u *Use) Key() string {
	key := u.Op.Key()
	if u.Workflow == WritesWorkflow {
		key += " (" + catalog.WorkflowDir + ")"
	}
	if u.By.Known() {
		key += " as " + u.By.String()
	}
	return key
}

// Token is the token kind the use's calls are made with: the client's,
// where the code shows it, else the grants' (tok).
func (u *Use) Token(tok catalog.Token) catalog.Token { return u.By.Of(tok) }

// Requirement is what a token of kind t needs for the use.
func (u *Use) Requirement(t catalog.Token) catalog.Requirement {
	if u.Workflow == WritesWorkflow {
		return u.Op.RequirementWritingWorkflow(t)
	}
	return u.Op.Requirement(t)
}

// Scopes are the OAuth scope alternatives of the use on repositories of
// visibility v.
func (u *Use) Scopes(v catalog.Visibility) [][]string {
	if u.Workflow == WritesWorkflow {
		return u.Op.ScopesWritingWorkflow(v)
	}
	return u.Op.ScopesFor(v)
}

// Note is what to say of the use beyond its requirement: that a call
// that may write a workflow file needs more if it does.
func (u *Use) Note() string {
	if u.Workflow == MaybeWorkflow {
		return catalog.WorkflowFileNote
	}
	return ""
}

// Input is what to compare.
type Input struct {
	Uses    []Use
	Grants  *manifest.Grants
	Catalog *catalog.Catalog
	// Unresolved counts the GitHub calls whose endpoint is not known: the
	// needs are then incomplete, and excess findings say so.
	Unresolved int
	// Handled are the webhook events the program handles, each at the
	// site that reaches its handler; nil when the code handles none.
	Handled []Handled
	// Visibility is the repositories a classic token's scopes must reach
	// (ghperm.yml's visibility: public, private or any, the default):
	// for public repositories public_repo does where repo is needed, and
	// reads GitHub serves without a scope need none.
	Visibility catalog.Visibility
}

// Handled is a webhook event the code handles.
type Handled struct {
	Name string
	Site Site
}

// Related is a secondary position of a finding: a call site (Pos is the
// Site's Pos) or a place in a manifest (Pos is NoPos).
type Related struct {
	Pos      token.Pos
	Position token.Position
	Message  string
}

// Finding is one difference between needs and grants.
type Finding struct {
	Category report.Category
	// Site is the call a missing-grant, unusable-endpoint or
	// unknown-requirement finding is about; nil for findings at a grant
	// or event, whose position is Position.
	Site     *Site
	Position token.Position
	Op       *catalog.Operation // the operation concerned, if any
	Key      string             // the permission key, scope or event concerned
	Message  string
	Related  []Related
}

// Compare reports every call that the grants do not satisfy, every
// endpoint the token kind cannot call, every subscribed event without the
// permission it needs, and every grant above what the code and the events
// need. Findings are sorted by position.
func Compare(in Input) []Finding {
	c := &comparer{Input: in, tok: in.Grants.Token}
	if c.tok == catalog.OAuth {
		c.scopes()
	} else {
		c.permissions()
	}
	sort.SliceStable(c.out, func(i, j int) bool { return less(c.out[i].Position, c.out[j].Position) })
	return c.out
}

type comparer struct {
	Input
	tok catalog.Token
	out []Finding
	// unknown counts uses whose requirement is unknown: like unresolved
	// calls, they make excess findings incomplete.
	unknown int
	// unknownEvents counts subscribed events whose permission is unknown.
	unknownEvents int
}

func (c *comparer) report(f Finding) { c.out = append(c.out, f) }

// active returns the sites of u that are not suppressed.
func active(u Use) []*Site {
	var out []*Site
	for i := range u.Sites {
		if u.Sites[i].Ignore == "" {
			out = append(out, &u.Sites[i])
		}
	}
	return out
}

// opName is "POST /repos/{owner}/{repo}/check-runs (checks/create)".
func opName(op *catalog.Operation) string {
	if op.IsDeclared() {
		return op.Key() // the directive: "//ghperm:needs checks:read -- why"
	}
	return fmt.Sprintf("%s (%s)", op.Key(), op.ID)
}

// useName is opName, saying when the calls write a workflow file.
func useName(u *Use) string {
	if u.Workflow == WritesWorkflow {
		return opName(u.Op) + " writing a file under " + catalog.WorkflowDir
	}
	return opName(u.Op)
}

// granted returns the levels the grants give, with metadata: read, which
// every app and fine-grained token with repository access has.
func granted(m *manifest.Manifest) levels {
	g := levels{"metadata": catalog.Read}
	if m != nil {
		for _, p := range m.Permissions {
			g[p.Key] = max(g[p.Key], p.Level)
		}
	}
	return g
}

func less(a, b token.Position) bool {
	if a.Filename != b.Filename {
		return a.Filename < b.Filename
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

// incomplete is the note excess findings carry when needs may be missing.
func (c *comparer) incomplete() string {
	var parts []string
	if c.Unresolved > 0 {
		parts = append(parts, plural(c.Unresolved, "GitHub call", "GitHub calls")+" not resolved to an endpoint")
	}
	if c.unknown > 0 {
		parts = append(parts, plural(c.unknown, "endpoint", "endpoints")+" with unknown requirements")
	}
	if c.unknownEvents > 0 {
		parts = append(parts, plural(c.unknownEvents, "event", "events")+" with unknown permissions")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (may be incomplete: " + strings.Join(parts, ", ") + ")"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// via names, after a message about a site that calls a wrapper, the
// chain of calls that reaches the operation.
func via(msg string, s *Site) string {
	if len(s.Chain) < 2 {
		return msg
	}
	return msg + " (via " + strings.Join(s.Chain, " → ") + ")"
}

// where renders a site for messages: "internal/gh/gh.go:14".
func where(s *Site) string {
	return fmt.Sprintf("%s:%d", s.Position.Filename, s.Position.Line)
}

func position(p manifest.Pos) token.Position {
	return token.Position{Filename: p.File, Offset: p.Offset, Line: p.Line, Column: p.Col}
}

func sortedKeys(m levels) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
