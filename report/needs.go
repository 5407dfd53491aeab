package report

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Needs is what a program needs from GitHub, least privilege, with the
// reason for each permission: the output of `ghperm needs`.
type Needs struct {
	Ghperm Config `json:"ghperm"`
	// Token is the kind of token the permissions are for: installation,
	// user, oauth, fine-grained or actions.
	Token string `json:"token"`
	// Permissions maps each permission (its app manifest key, for every
	// token kind) to its least level: read, write or admin.
	Permissions map[string]string `json:"permissions"`
	// WorkflowPermissions are the Permissions as a workflow's
	// permissions: block writes them (token actions): workflow keys
	// ("pull-requests"), without metadata, which such a block cannot hold.
	WorkflowPermissions map[string]string `json:"workflow_permissions,omitempty"`
	// Scopes are the minimal OAuth scopes (classic tokens), normalised.
	Scopes []string `json:"scopes"`
	// Events are the webhook events the code handles (or, when it
	// handles none that ghperm recognises, those the manifest declares),
	// with the permission each needs; EventsFrom says which: "code" or
	// "manifest".
	Events     []NeededEvent `json:"events,omitempty"`
	EventsFrom string        `json:"events_from,omitempty"`
	// Endpoints are the REST operations the program calls.
	Endpoints []NeededEndpoint `json:"endpoints"`
	// Unresolved are the calls whose endpoint is unknown: Permissions
	// may be incomplete when this is not empty.
	Unresolved []Call `json:"unresolved"`
	// Unreached are the GitHub calls in the program's packages that its
	// roots (main.main, every package's initialisation) do not reach: not
	// needed, unless they run in a way ghperm does not follow.
	Unreached []Call `json:"unreached"`
	// Steps are what the steps of the workflow job that runs the program
	// need of the GITHUB_TOKEN (token actions): Permissions include it.
	Steps []NeededStep `json:"steps,omitempty"`
}

// NeededStep is a workflow step's need of the GITHUB_TOKEN, as the action
// it uses documents it.
type NeededStep struct {
	Action     string   `json:"action"` // "actions/checkout@v4"
	Job        string   `json:"job"`
	Permission string   `json:"permission"` // "contents:read"
	Position   Position `json:"position"`   // the step's uses:
}

// spelt are the permissions as the token kind's configuration writes
// them: workflow keys for actions.
func (n *Needs) spelt() map[string]string {
	if n.WorkflowPermissions != nil {
		return n.WorkflowPermissions
	}
	return n.Permissions
}

// reachesNothing reports whether the program reaches none of the GitHub
// calls its packages make: then "none" would be a guess.
func (n *Needs) reachesNothing() bool {
	return len(n.Endpoints) == 0 && len(n.Unresolved) == 0 && len(n.Unreached) > 0
}

// NeededEvent is a webhook event and the permission it needs.
type NeededEvent struct {
	Name string `json:"name"`
	// Permission is what the event needs ("key:level", alternatives
	// joined by " | "): empty when nothing, "unknown" when GitHub's data
	// does not say.
	Permission string `json:"permission,omitempty"`
	// Default says that every GitHub App receives the event without
	// subscribing to it (installation, for one): default_events need not
	// list it.
	Default bool `json:"default,omitempty"`
	// Handler is how the program reaches the code that handles the
	// event, when it comes from the code: from a root to the handler.
	Handler []Step `json:"handler,omitempty"`
}

// Endpoint statuses.
const (
	StatusNeeded   = "needed"   // the token kind can call it; Chosen says with what
	StatusUnusable = "unusable" // the token kind cannot call it at all
	StatusUnknown  = "unknown"  // GitHub's data does not say what it needs
)

// NeededEndpoint is one REST operation the program calls, what it needs,
// and where it is called.
type NeededEndpoint struct {
	Endpoint
	Status string `json:"status"` // StatusNeeded, StatusUnusable or StatusUnknown
	// Requirement lists the alternative permission sets of the endpoint
	// for the token kind (each grant "key:level").
	Requirement Requirement `json:"requirement"`
	// Chosen is the set of Requirement that the least-privilege choice
	// took; it is why the endpoint appears in the reasons of a permission.
	Chosen []string `json:"chosen"`
	// Note says what the calls may need beyond Requirement ("if it
	// writes a file under .github/workflows/ ...").
	Note string `json:"note,omitempty"`
	// By says who the calls are made as when the code shows which token
	// their client holds ("as the app (JWT)", "as an installation", "for
	// a user"); else the grants' token kind makes them.
	By    string `json:"by,omitempty"`
	Calls []Call `json:"calls"`
}

// Call is a call site, with a message for unresolved calls, and the call
// chain from the main package to it.
type Call struct {
	Position Position `json:"position"`
	Message  string   `json:"message,omitempty"`
	Chain    []Step   `json:"chain,omitempty"`
}

// WriteNeedsJSON writes n as one JSON object; its field names are stable.
func WriteNeedsJSON(w io.Writer, n *Needs) error {
	out := *n
	// Empty lists are arrays, never null.
	if out.Permissions == nil {
		out.Permissions = map[string]string{}
	}
	if out.Scopes == nil {
		out.Scopes = []string{}
	}
	if out.Endpoints == nil {
		out.Endpoints = []NeededEndpoint{}
	}
	if out.Unresolved == nil {
		out.Unresolved = []Call{}
	}
	if out.Unreached == nil {
		out.Unreached = []Call{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteNeedsText writes each permission with its reasons (the endpoints
// and call chains), the scopes, the events and the unresolved calls.
func WriteNeedsText(w io.Writer, n *Needs) error {
	bw := &escapedWriter{w: w}
	fmt.Fprintf(bw, "ghperm %s needs (%s token; catalog %s)\n", n.Ghperm.Version, n.Token, n.Ghperm.Catalog)
	switch {
	case n.reachesNothing():
		fmt.Fprintf(bw, "\npermissions: unknown: the program reaches none of the %d GitHub %s in its packages (below)\n", len(n.Unreached), plural(len(n.Unreached), "call"))
	case len(n.Permissions) == 0 && len(n.Endpoints) == 0 && len(n.Unresolved) == 0:
		fmt.Fprintln(bw, "\npermissions: none (the program makes no GitHub call)")
	case len(n.Permissions) == 0:
		fmt.Fprintln(bw, "\npermissions: none")
	default:
		fmt.Fprintln(bw, "\npermissions:")
	}
	perms := n.spelt()
	for _, key := range slices.Sorted(maps.Keys(perms)) {
		fmt.Fprintf(bw, "  %s: %s\n", key, perms[key])
		for _, e := range n.reasons(key) {
			writeNeededEndpoint(bw, e, "      ")
		}
		for _, st := range n.stepReasons(key) {
			fmt.Fprintf(bw, "      %s (job %s) needs %s\n        at %s\n", st.Action, st.Job, st.Permission, st.Position)
		}
	}
	// Calls whose client shows its token kind, by kind: made as the app
	// (JWT), as an installation, for a user.
	var groups []string
	byGroup := map[string][]NeededEndpoint{}
	for _, e := range n.Endpoints {
		if e.By != "" && e.Status == StatusNeeded {
			if _, ok := byGroup[e.By]; !ok {
				groups = append(groups, e.By)
			}
			byGroup[e.By] = append(byGroup[e.By], e)
		}
	}
	slices.Sort(groups)
	for _, g := range groups {
		fmt.Fprintf(bw, "\ncalls made %s (by how their client is built):\n", g)
		for _, e := range byGroup[g] {
			writeNeededEndpoint(bw, e, "  ")
		}
	}
	for _, st := range []struct{ status, title string }{
		{StatusUnusable, "endpoints the %s token cannot call"},
		{StatusUnknown, "endpoints whose requirement for the %s token is unknown"},
	} {
		var es []NeededEndpoint
		for _, e := range n.Endpoints {
			if e.Status == st.status {
				es = append(es, e)
			}
		}
		if len(es) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n"+st.title+":\n", n.Token)
		for _, e := range es {
			writeNeededEndpoint(bw, e, "  ")
		}
	}
	if len(n.Scopes) > 0 {
		fmt.Fprintf(bw, "\nOAuth scopes: %s\n", strings.Join(n.Scopes, ", "))
	}
	if len(n.Events) > 0 {
		fmt.Fprintf(bw, "\nevents (from the %s):\n", n.EventsFrom)
		for _, e := range n.Events {
			fmt.Fprintf(bw, "  %s", e.Name)
			if e.Permission != "" {
				fmt.Fprintf(bw, " needs %s", e.Permission)
			}
			if e.Default {
				fmt.Fprint(bw, " (every GitHub App receives it without subscribing)")
			}
			if len(e.Handler) > 0 {
				fmt.Fprintf(bw, ", handled%s", chainString(e.Handler))
			}
			fmt.Fprintln(bw)
		}
	}
	if len(n.Unresolved) > 0 {
		fmt.Fprintf(bw, "\n%d unresolved %s: the permissions above may be incomplete\n", len(n.Unresolved), plural(len(n.Unresolved), "call"))
		for _, c := range n.Unresolved {
			fmt.Fprintf(bw, "  %s: %s%s\n", c.Position, c.Message, chainString(c.Chain))
		}
	}
	if len(n.Unreached) > 0 {
		fmt.Fprintf(bw, "\n%d %s not reached from main or any package's initialisation (dead code, or run in a way ghperm does not follow: reflection, plugins):\n",
			len(n.Unreached), plural(len(n.Unreached), "call"))
		for _, c := range n.Unreached {
			fmt.Fprintf(bw, "  %s: %s\n", c.Position, c.Message)
		}
	}
	return bw.Flush()
}

// writeNeededEndpoint writes an endpoint, what it needs and its calls.
func writeNeededEndpoint(w io.Writer, e NeededEndpoint, indent string) {
	fmt.Fprintf(w, "%s%s %s", indent, e.Method, e.Path)
	if e.OperationID != "" {
		fmt.Fprintf(w, " (%s)", e.OperationID)
	}
	if e.Status == StatusNeeded {
		fmt.Fprintf(w, " needs %s", e.Requirement)
	}
	if e.Note != "" {
		fmt.Fprintf(w, "; %s", e.Note)
	}
	fmt.Fprintln(w)
	for _, c := range e.Calls {
		fmt.Fprintf(w, "%s  called at %s%s\n", indent, c.Position, chainString(c.Chain))
	}
}

// reasons returns the endpoints whose chosen set includes the permission.
func (n *Needs) reasons(key string) []NeededEndpoint {
	var es []NeededEndpoint
	for _, e := range n.Endpoints {
		if slices.ContainsFunc(e.Chosen, func(g string) bool { return strings.HasPrefix(g, key+":") }) {
			es = append(es, e)
		}
	}
	return es
}

// stepReasons are the workflow steps that need key (spelt as in Steps).
func (n *Needs) stepReasons(key string) []NeededStep {
	var out []NeededStep
	for _, st := range n.Steps {
		if k, _, _ := strings.Cut(st.Permission, ":"); k == key {
			out = append(out, st)
		}
	}
	return out
}

func chainString(chain []Step) string {
	if len(chain) == 0 {
		return ""
	}
	fns := make([]string, len(chain))
	for i, s := range chain {
		fns[i] = s.Function
	}
	return " via " + strings.Join(fns, " → ")
}

// WriteNeedsYAML writes a block ready to paste: `default_permissions:`
// (and `default_events:`) for a GitHub App's app.yml, a workflow
// `permissions:` block for the actions token, or `scopes:` for OAuth.
// Each permission line has a comment with the endpoints that need it.
func WriteNeedsYAML(w io.Writer, n *Needs) error {
	bw := &escapedWriter{w: w}
	fmt.Fprintf(bw, "# ghperm %s, least privilege for the %s token (catalog %s)\n", n.Ghperm.Version, n.Token, n.Ghperm.Catalog)
	if len(n.Unresolved) > 0 {
		fmt.Fprintf(bw, "# incomplete: %d unresolved %s (run ghperm needs for the list)\n", len(n.Unresolved), plural(len(n.Unresolved), "call"))
	}
	if n.reachesNothing() {
		fmt.Fprintf(bw, "# unknown: the program reaches none of the %d GitHub %s in its packages (run ghperm needs for the list)\n", len(n.Unreached), plural(len(n.Unreached), "call"))
	}
	if n.Token == "oauth" {
		fmt.Fprintln(bw, "scopes:")
		for _, s := range n.Scopes {
			fmt.Fprintf(bw, "  - %s\n", s)
		}
		return bw.Flush()
	}
	block := "default_permissions:"
	if n.Token == "actions" {
		block = "permissions:"
	}
	if len(n.Permissions) == 0 {
		fmt.Fprintln(bw, block+" {}")
	} else {
		fmt.Fprintln(bw, block)
	}
	perms := n.spelt()
	for _, key := range slices.Sorted(maps.Keys(perms)) {
		var ops []string
		for _, e := range n.reasons(key) {
			op := e.OperationID
			if op == "" {
				op = e.Method + " " + e.Path
			}
			ops = append(ops, op)
		}
		for _, st := range n.stepReasons(key) {
			ops = append(ops, st.Action+" (job "+st.Job+")")
		}
		fmt.Fprintf(bw, "  %s: %s", key, perms[key])
		if len(ops) > 0 {
			fmt.Fprintf(bw, " # %s", strings.Join(ops, ", "))
		}
		fmt.Fprintln(bw)
	}
	var subscribe []string
	for _, e := range n.Events {
		if !e.Default {
			subscribe = append(subscribe, e.Name)
		}
	}
	if len(subscribe) > 0 && n.Token != "actions" {
		fmt.Fprintln(bw, "default_events:")
		for _, name := range subscribe {
			fmt.Fprintf(bw, "  - %s\n", name)
		}
	}
	return bw.Flush()
}
