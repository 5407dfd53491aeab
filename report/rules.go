package report

import (
	"cmp"
	"slices"
)

// Category is a kind of finding: its name is the SARIF rule id, and
// its Rule says what it means.
type Category string

// The categories of ghperm's findings.
const (
	// MissingGrant: a call (or a subscribed webhook event) needs a
	// permission or scope that is not granted.
	MissingGrant Category = "missing-grant"
	// ExcessGrant: a grant nothing needs, or granted above the level needed.
	ExcessGrant Category = "excess-grant"
	// UnusableEndpoint: the token kind cannot call the endpoint at all.
	UnusableEndpoint Category = "unusable-endpoint"
	// MissingEvent: the code handles a webhook event the manifest does
	// not subscribe to: the handler never runs.
	MissingEvent Category = "missing-event"
	// ExcessEvent: the manifest subscribes to a webhook event no reached
	// code handles.
	ExcessEvent Category = "excess-event"
	// UnknownRequirement: GitHub's data does not say what the token kind
	// needs for the endpoint, so ghperm cannot check the call.
	UnknownRequirement Category = "unknown-requirement"
	// ManifestError: a problem in the manifest, config or a directive.
	ManifestError Category = "manifest-error"
	// SharedManifest: several programs share grants, so excess grants
	// cannot be checked under go vet.
	SharedManifest Category = "shared-manifest"
	// Unreached: the program reaches none of the GitHub calls of its
	// packages.
	Unreached Category = "unreached"
	// NoGrants: the program calls GitHub, but nothing says what it is
	// granted.
	NoGrants Category = "no-grants"
	// DeclaredNeeds: a //ghperm:needs declaration that disagrees with
	// the endpoints ghperm resolves the call to, or covers no call.
	DeclaredNeeds Category = "declared-needs"
	// UnusedIgnore: a //ghperm:ignore directive that exempts nothing.
	UnusedIgnore Category = "unused-ignore"
	// Unresolved: a GitHub call whose endpoint cannot be determined.
	Unresolved Category = "unresolved"
	// EndpointCall: a resolved GitHub call and its endpoints (with the
	// analyzer's -endpoints flag).
	EndpointCall Category = "endpoint"
)

// Rule is what a category means.
func (c Category) Rule() Rule { return ruleFor(c) }

// Categories are the known categories, in the order renderings list
// them.
func Categories() []Category {
	cs := make([]Category, len(rules))
	for i, r := range rules {
		cs[i] = r.ID
	}
	return cs
}

// Known reports whether c is one of Categories.
func (c Category) Known() bool {
	return slices.ContainsFunc(rules, func(r Rule) bool { return r.ID == c })
}

// RepoURL is ghperm's repository. Its README documents each category
// under a heading named after it (a test keeps the anchors true).
const RepoURL = "https://github.com/ghperm/ghperm"

// URL is the documentation of the rule: the README's heading of its
// category, or the analyzer's documentation for an unknown category.
func (r Rule) URL() string {
	if !r.ID.Known() {
		return InformationURI
	}
	return RepoURL + "#" + string(r.ID)
}

// Markdown is the rule's full description and help, with a link to its
// documentation (SARIF's help.markdown).
func (r Rule) Markdown() string {
	return r.Full + "\n\n" + r.Help + "\n\n[Documentation](" + r.URL() + ")"
}

// A Rule describes one category of findings: a SARIF rule and a section
// of the text rendering.
type Rule struct {
	ID    Category
	Level string // SARIF level: error, warning or note
	Short string // one line
	Full  string // what the finding means
	Help  string // what to do about it
}

// rules describes the categories, in the order renderings list them.
var rules = []Rule{
	{
		ID:    MissingGrant,
		Level: "error",
		Short: "A GitHub API call needs a permission that the manifest does not grant",
		Full:  "The call reaches a REST endpoint whose requirement is not met by the permissions the governing manifest grants; with the installation token the call would fail with 403.",
		Help:  "Grant one of the listed permission sets in the manifest (or run `ghperm needs` for the least-privilege set), or remove the call.",
	},
	{
		ID:    ExcessGrant,
		Level: "warning",
		Short: "The manifest grants a permission that no GitHub API call needs",
		Full:  "No endpoint reached by the program needs this permission at this level; least privilege asks to drop or lower it.",
		Help:  "Remove the grant or lower its level. If the permission is used in a way ghperm cannot see (GraphQL, webhooks, dynamic URLs), suppress the finding with a reason.",
	},
	{
		ID:    UnusableEndpoint,
		Level: "error",
		Short: "A GitHub API call reaches an endpoint that the token kind cannot call",
		Full:  "The endpoint is not available to the kind of token the manifest describes (for example an endpoint GitHub Apps cannot call with an installation token).",
		Help:  "Use another token kind for this call (a user access token, the app JWT), or another endpoint.",
	},
	{
		ID:    MissingEvent,
		Level: "error",
		Short: "The code handles a webhook event that the manifest does not subscribe to",
		Full:  "A handler for the event is reached from the program's roots (a go-github event type in a type switch, a comparison with github.WebHookType, a go-githubapp handler's Handles), but the manifest's default_events does not list it: GitHub never sends it, so the handler never runs. The events every GitHub App receives without subscribing (installation, installation_repositories, github_app_authorization, as GitHub's webhook descriptions say) are not reported.",
		Help:  "Add the event to default_events (and the permission it needs), or remove the handler.",
	},
	{
		ID:    ExcessEvent,
		Level: "warning",
		Short: "The manifest subscribes to a webhook event that no code handles",
		Full:  "The manifest's default_events lists the event, but no reached code handles it while the program handles others: GitHub sends deliveries nobody reads, and the event's permission may be kept for nothing.",
		Help:  "Remove the event from default_events, or keep it with an allow reason (ghperm.yml allow:, or a # ghperm:allow comment) when something outside the Go code uses it.",
	},
	{
		ID:    UnknownRequirement,
		Level: "warning",
		Short: "GitHub's data does not say what a called endpoint needs",
		Full:  "The endpoint is known, but GitHub's published permission data has no requirement for this kind of token, so ghperm cannot check the call against the manifest.",
		Help:  "Check the endpoint's documentation for the permission it needs; suppress the finding with a reason once the manifest grants it.",
	},
	{
		ID:    ManifestError,
		Level: "error",
		Short: "The manifest, the ghperm config or a ghperm directive is invalid",
		Full:  "A syntax error, an unknown permission key, event or scope, a level the key does not allow, a duplicate key, a manifest that cannot be read, or a directive without its reason: the grants cannot be compared until it is fixed.",
		Help:  "Fix the file at the position shown; unknown names come with the closest known one.",
	},
	{
		ID:    SharedManifest,
		Level: "warning",
		Short: "Several programs share one manifest, so excess grants are not checked",
		Full:  "Several main packages are governed by the same grants. Each is checked for missing grants, but under go vet no package sees the programs' needs together, so grants that none of them needs are not reported.",
		Help:  "Tie a manifest to each program with a //ghperm:manifest directive in its main package.",
	},
	{
		ID:    Unreached,
		Level: "warning",
		Short: "The program reaches none of the GitHub API calls of its packages",
		Full:  "Its packages call GitHub, but nothing reached from main or any package's initialisation (calls, functions used as values, types converted to interfaces) leads to those calls: what the program needs is unknown, not nothing.",
		Help:  "Run `ghperm needs` to list the calls not reached, and check how the program registers the code that makes them. If the program really makes no GitHub call, //ghperm:manifest none in its main package says so.",
	},
	{
		ID:    NoGrants,
		Level: "warning",
		Short: "The program calls GitHub but declares no grants to compare with",
		Full:  "No manifest, ghperm.yml or //ghperm:manifest directive governs this main package, so its needs cannot be checked against what it is granted.",
		Help:  "Add the app manifest (app.yml) or a ghperm.yml at the module root, or a //ghperm:manifest <path> directive in the main package; //ghperm:manifest none opts the program out.",
	},
	{
		ID:    DeclaredNeeds,
		Level: "warning",
		Short: "A //ghperm:needs declaration disagrees with the code",
		Full:  "The declaration is on a call that ghperm resolves, and declares other permissions or scopes than the catalog says its endpoints need (the catalog's requirement counts); or it covers no GitHub call whose needs it could declare.",
		Help:  "Correct the declaration or remove it; declare needs only on calls that ghperm reports as unresolved, on their line, the line above, or the doc comment of the function that makes them.",
	},
	{
		ID:    UnusedIgnore,
		Level: "warning",
		Short: "A //ghperm:ignore directive that exempts nothing",
		Full:  "No GitHub call of the package is on the directive's line or the next, or the call there has no finding to exempt: its endpoint is known and the grants allow it. A stale exemption would hide the next finding on that line.",
		Help:  "Remove the directive, or move it to the line of the call it is about (or the line above).",
	},
	{
		ID:    Unresolved,
		Level: "warning",
		Short: "A GitHub API call whose endpoint cannot be determined statically",
		Full:  "The call builds its method or URL at run time (or uses GraphQL), so ghperm cannot tell which permissions it needs; the comparison with the manifest is incomplete.",
		Help:  "Make the URL a constant or a template with constant segments, or suppress the finding with a note on the permissions the call needs.",
	},
	{
		ID:    EndpointCall,
		Level: "note",
		Short: "A GitHub API call and the REST endpoint it reaches",
		Full:  "Informational (flag -endpoints): the endpoint each call site reaches and what it needs.",
		Help:  "Nothing to fix; this lists what the code calls.",
	},
}

// ruleFor returns the rule of a category; unknown categories get a
// generic warning rule.
func ruleFor(category Category) Rule {
	if i := slices.IndexFunc(rules, func(r Rule) bool { return r.ID == category }); i >= 0 {
		return rules[i]
	}
	return Rule{
		ID:    category,
		Level: "warning",
		Short: "ghperm finding: " + string(category),
		Full:  "A finding of category " + string(category) + ".",
		Help:  "See the analyzer documentation.",
	}
}

// compareCategories orders categories: known ones in the order of rules, then the
// others by name.
func compareCategories(a, b Category) int {
	ia := slices.IndexFunc(rules, func(r Rule) bool { return r.ID == a })
	ib := slices.IndexFunc(rules, func(r Rule) bool { return r.ID == b })
	if ia < 0 {
		ia = len(rules)
	}
	if ib < 0 {
		ib = len(rules)
	}
	return cmp.Or(cmp.Compare(ia, ib), cmp.Compare(a, b))
}
