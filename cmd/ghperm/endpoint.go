package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

const endpointUsage = `usage: ghperm endpoint [-json] [-plan PLAN] [-visibility any|private|public] METHOD PATH

Prints what each kind of token needs to call a GitHub REST endpoint. PATH is
a template (/repos/{owner}/{repo}/pulls/{pull_number}) or a concrete path
(/repos/octo/hello/pulls/42); "{}" stands for a segment not known.
`

// endpointJSON is the -json output of ghperm endpoint. Each requirement is
// a list of alternative sets (any one set suffices; all of a set are
// needed) of "key:level" strings, or scope names for scopes: [] means
// nothing is needed, null that the token kind cannot call the endpoint
// or, if the kind is listed in unknown, that GitHub's data does not say.
type endpointJSON struct {
	Method       string            `json:"method"`
	Path         string            `json:"path"`
	OperationID  string            `json:"operation_id"`
	Summary      string            `json:"summary"`
	DocsURL      string            `json:"docs_url"`
	Category     string            `json:"category"`
	Plans        []string          `json:"plans"`
	Deprecated   bool              `json:"deprecated"`
	Installation [][]string        `json:"installation"`
	User         [][]string        `json:"user"`
	FineGrained  [][]string        `json:"fine_grained"`
	Scopes       [][]string        `json:"scopes"`
	AppJWT       bool              `json:"app_jwt"`
	Unknown      []string          `json:"unknown"`
	Basis        map[string]string `json:"basis"`
	// WorkflowFile is what a call needs when it writes a file under
	// .github/workflows/ (operations that can: contents, refs, releases).
	WorkflowFile *workflowJSON `json:"workflow_file,omitempty"`
	Catalog      string        `json:"catalog"`
}

// workflowJSON is what a call that writes a workflow file needs.
type workflowJSON struct {
	Note         string     `json:"note"`
	Installation [][]string `json:"installation"`
	User         [][]string `json:"user"`
	FineGrained  [][]string `json:"fine_grained"`
	Scopes       [][]string `json:"scopes"`
}

func runEndpoint(cl *cli, args []string) int {
	stdout, stderr := cl.stdout, cl.stderr
	fs := flag.NewFlagSet("endpoint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, endpointUsage); fs.PrintDefaults() }
	asJSON := fs.Bool("json", false, "print one JSON object")
	planName := fs.String("plan", "api.github.com", "product: "+strings.Join(catalog.PlanNames(), ", "))
	visName := fs.String("visibility", "any", "repositories a classic token's scopes must reach: any, private or public (public_repo for repo, no scope for public reads)")
	if code := parseCommandFlags(fs, endpointUsage, args, cl.stdout); code >= 0 {
		return code
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	plan, err := catalog.ParsePlan(*planName)
	if err != nil {
		fmt.Fprintln(stderr, "ghperm endpoint:", err)
		return 2
	}
	vis, err := catalog.ParseVisibility(*visName)
	if err != nil {
		fmt.Fprintln(stderr, "ghperm endpoint:", err)
		return 2
	}
	c, err := catalog.Load()
	if err != nil {
		fmt.Fprintln(stderr, "ghperm endpoint:", err)
		return 2
	}
	method, path := strings.ToUpper(fs.Arg(0)), fs.Arg(1)
	ops := findOps(c, method, path, plan)
	switch len(ops) {
	case 0:
		if elsewhere := findOps(c, method, path, ^catalog.Plans(0)); len(elsewhere) == 1 {
			fmt.Fprintf(stderr, "ghperm endpoint: %s is not on %s; it is on %s (use -plan)\n",
				elsewhere[0].Key(), *planName, strings.Join(elsewhere[0].Plans.Names(), ", "))
			return 2
		}
		closest := path
		if canon, _, ok := c.Canonical(path); ok {
			fmt.Fprintf(stderr, "ghperm endpoint: %s is an alias of %s\n", path, canon)
			closest = canon
		}
		fmt.Fprintf(stderr, "ghperm endpoint: no %s endpoint %s %s; closest:\n", *planName, method, closest)
		for _, op := range c.Closest(method, closest, 5) {
			fmt.Fprintf(stderr, "\t%s\n", op.Key())
		}
		return 2
	case 1:
	default:
		fmt.Fprintf(stderr, "ghperm endpoint: %s %s matches several endpoints:\n", method, path)
		for _, op := range ops {
			fmt.Fprintf(stderr, "\t%s\n", op.Key())
		}
		return 2
	}
	op := ops[0]
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(toJSON(c, op, vis)); err != nil {
			fmt.Fprintln(stderr, "ghperm endpoint:", err)
			return 2
		}
		return 0
	}
	if canon, a, ok := c.Canonical(path); ok && op.Key() != method+" "+path {
		fmt.Fprintf(stdout, "%s is %s (alias %s → %s)\n", path, canon, a.Alias, a.Canonical)
	}
	printEndpoint(stdout, c, op, vis)
	return 0
}

// findOps resolves a template or concrete path on a plan: an exact
// template first, else the most specific templates the path matches.
func findOps(c *catalog.Catalog, method, path string, plan catalog.Plans) []*catalog.Operation {
	if op, ok := c.Lookup(method, path); ok && op.Plans&plan != 0 {
		return []*catalog.Operation{op}
	}
	var out, sameShape []*catalog.Operation
	for _, op := range c.Match(method, path) {
		if op.Plans&plan != 0 {
			out = append(out, op)
			if paramsAligned(op.Path, path) {
				sameShape = append(sameShape, op)
			}
		}
	}
	// A template typed with other parameter names
	// (/pulls/{number}) means the template with parameters in the same
	// places, not the literal siblings that "{number}" also matches.
	if len(out) > 1 && len(sameShape) == 1 {
		return sameShape
	}
	return out
}

// paramsAligned reports whether template has a parameter wherever path has
// a "{...}" segment.
func paramsAligned(template, path string) bool {
	t := strings.Split(strings.Trim(template, "/"), "/")
	p := strings.Split(strings.Trim(path, "/"), "/")
	for i := range p {
		if i < len(t) && strings.HasPrefix(p[i], "{") && !strings.HasPrefix(t[i], "{") {
			return false
		}
	}
	return true
}

var tokenNames = []struct {
	tok        catalog.Token
	json, text string
}{
	{catalog.Installation, "installation", "installation token"},
	{catalog.User, "user", "user access token"},
	{catalog.FineGrained, "fine_grained", "fine-grained PAT"},
	{catalog.OAuth, "scopes", "OAuth / classic PAT"},
	{catalog.AppJWT, "app_jwt", "app JWT"},
}

func toJSON(c *catalog.Catalog, op *catalog.Operation, vis catalog.Visibility) endpointJSON {
	out := endpointJSON{
		Method: op.Method, Path: op.Path, OperationID: op.ID, Summary: op.Summary,
		DocsURL: op.DocsURL, Category: op.Category, Plans: op.Plans.Names(),
		Deprecated: op.Deprecated, AppJWT: op.AppJWT, Unknown: []string{},
		Basis: map[string]string{}, Catalog: c.Version(),
	}
	for _, t := range tokenNames {
		r := op.Requirement(t.tok)
		if !r.Known() {
			out.Unknown = append(out.Unknown, t.json)
		}
		out.Basis[t.json] = op.Grounds(t.tok)
	}
	out.Installation = op.Installation.Strings()
	out.User = op.User.Strings()
	out.FineGrained = op.FineGrained.Strings()
	if op.WritesWorkflowFiles() {
		out.WorkflowFile = &workflowJSON{
			Note:         catalog.WorkflowFileNote,
			Installation: op.RequirementWritingWorkflow(catalog.Installation).Strings(),
			User:         op.RequirementWritingWorkflow(catalog.User).Strings(),
			FineGrained:  op.RequirementWritingWorkflow(catalog.FineGrained).Strings(),
		}
		if op.Requirement(catalog.OAuth).Usable {
			out.WorkflowFile.Scopes = op.ScopesWritingWorkflow(vis)
		}
	}
	if op.Requirement(catalog.OAuth).Usable {
		out.Scopes = [][]string{}
		for _, s := range op.ScopesFor(vis) {
			out.Scopes = append(out.Scopes, s)
		}
	}
	return out
}

func printEndpoint(w io.Writer, c *catalog.Catalog, op *catalog.Operation, vis catalog.Visibility) {
	fmt.Fprintf(w, "%s  (%s)\n", op.Key(), op.ID)
	fmt.Fprintf(w, "  %s\n", op.Summary)
	fmt.Fprintf(w, "  docs:  %s\n", op.DocsURL)
	fmt.Fprintf(w, "  plans: %s\n", strings.Join(op.Plans.Names(), ", "))
	if op.Deprecated {
		fmt.Fprintln(w, "  deprecated")
	}
	for _, t := range tokenNames {
		r := op.Requirement(t.tok)
		text := r.String()
		switch {
		case t.tok == catalog.OAuth && r.Usable:
			text = scopesString(op.ScopesFor(vis))
		case t.tok == catalog.AppJWT && r.Usable:
			text = "usable"
		}
		fmt.Fprintf(w, "  %-20s %s  [%s]\n", t.text+":", text, op.Grounds(t.tok))
	}
	if op.WritesWorkflowFiles() {
		fmt.Fprintf(w, "  %s: installation token %s; classic token %s\n", catalog.WorkflowFileNote,
			op.RequirementWritingWorkflow(catalog.Installation), scopesString(op.ScopesWritingWorkflow(vis)))
	}
	fmt.Fprintf(w, "catalog: %s\n", c.Version())
}

func scopesString(alts [][]string) string {
	if len(alts) == 0 {
		return "no scope"
	}
	parts := make([]string, len(alts))
	for i, s := range alts {
		parts[i] = strings.Join(s, " & ")
	}
	return strings.Join(parts, " | ")
}
