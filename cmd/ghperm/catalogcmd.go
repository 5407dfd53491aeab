package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

const catalogUsage = `usage: ghperm catalog [-list TOKEN:CLASS]

Prints the catalog's version and coverage: how every api.github.com operation
is classified for each kind of token, and where its OAuth scopes come from.
-list prints the operations of one class, e.g. -list installation:not-listed,
-list fine-grained:unknown or -list scopes:unknown; with -others, the
GHEC/GHES-only operations instead (-others -list installation:unknown).
`

// classes are the Requirement.Basis values with a short name for -list and
// the rule behind each, in the order the generator applies them.
var classes = []struct {
	basis      catalog.Basis
	name, rule string
}{
	{catalog.BasisPermissions, "permissions", "GitHub's permission data lists the permission needed"},
	{catalog.BasisCurated, "curated", "listed under several permissions; sets from permission-sets.tsv"},
	{catalog.BasisCuratedRequirement, "curated-requirement", "in no docs data for the token kind; sets and evidence from curated-requirements.tsv"},
	{catalog.BasisFromFineGrained, "from-fine-grained", "user tokens: not in the user list, but the fine-grained data (which implies user tokens) has it"},
	{catalog.BasisNoPermission, "no-permission", "in GitHub's endpoint list for the token kind, no permission listed"},
	{catalog.BasisAppJWT, "app-jwt", `description: "must use a JWT"`},
	{catalog.BasisDescription, "description", "the description says the token kind cannot (token-statements.tsv)"},
	{catalog.BasisDescribedUsable, "described-usable", "the description lists the token kind, with a permission the vocabulary lacks"},
	{catalog.BasisUserOnly, "user-only", "listed for user access tokens, not for installation tokens"},
	{catalog.BasisInstallationOnly, "installation-only", "listed for installation tokens, not for user access tokens"},
	{catalog.BasisNotForApps, "not-for-apps", "x-github.enabledForGitHubApps is false"},
	{catalog.BasisListedOnly, "listed-only", "in the fine-grained endpoint list, not in the (older) permission data: usable, permission unknown"},
	{catalog.BasisNotFineGrained, "not-fine-grained", "listed for app tokens, left out of the fine-grained endpoint list"},
	{catalog.BasisNotListed, "not-listed", "in none of GitHub's endpoint lists (likely newer than the docs data): unknown"},
	{catalog.BasisPlanPermissions, "plan-permissions", "not on api.github.com; GHEC (or GHES) permission data lists the permission"},
	{catalog.BasisPlanSetsUnknown, "plan-sets-unknown", "not on api.github.com; GHEC data lists several permissions, sets not known"},
	{catalog.BasisPlanNoPermission, "plan-no-permission", "not on api.github.com; GHEC endpoint list, no permission listed"},
	{catalog.BasisPlanListedOnly, "plan-listed-only", "not on api.github.com or GHEC; GHES endpoint list, permission not transcribed"},
	{catalog.BasisUnknown, "unknown", "GitHub's data does not say"},
}

// statTokens are the token kinds the statistics count by class.
var statTokens = []catalog.Token{catalog.Installation, catalog.User, catalog.FineGrained}

// scopeClass names where an operation's OAuth scopes come from.
func scopeClass(op *catalog.Operation) string {
	switch {
	case op.AppJWT:
		return "app-jwt"
	case op.Requirement(catalog.OAuth).Basis == catalog.BasisInstallationOnly:
		return "installation-only"
	case op.Requirement(catalog.OAuth).Basis == catalog.BasisDescription:
		return "not-usable"
	case !op.ScopesKnown:
		return "unknown"
	}
	return op.ScopeBasis.String() // description, rule or override
}

func runCatalog(cl *cli, args []string) int {
	stdout, stderr := cl.stdout, cl.stderr
	fs := flag.NewFlagSet("catalog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, catalogUsage); fs.PrintDefaults() }
	list := fs.String("list", "", "list the api.github.com operations of TOKEN:CLASS (TOKEN: installation, user, fine-grained, scopes)")
	others := fs.Bool("others", false, "with -list: list the GHEC/GHES-only operations instead of api.github.com's")
	if code := parseCommandFlags(fs, catalogUsage, args, cl.stdout); code >= 0 {
		return code
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	c, err := catalog.Load()
	if err != nil {
		fmt.Fprintln(stderr, "ghperm catalog:", err)
		return 2
	}
	var dotcom, rest []*catalog.Operation
	ops := c.Operations()
	for i := range ops {
		if ops[i].Plans&catalog.DotCom != 0 {
			dotcom = append(dotcom, &ops[i])
		} else {
			rest = append(rest, &ops[i])
		}
	}
	if *list != "" {
		if *others {
			return listClass(stdout, stderr, rest, *list)
		}
		return listClass(stdout, stderr, dotcom, *list)
	}
	printStats(stdout, c, dotcom)
	return 0
}

func className(basis catalog.Basis) string {
	for _, cl := range classes {
		if cl.basis == basis {
			return cl.name
		}
	}
	return basis.String()
}

func listClass(stdout, stderr io.Writer, ops []*catalog.Operation, spec string) int {
	tok, class, ok := strings.Cut(spec, ":")
	if !ok {
		fmt.Fprintf(stderr, "ghperm catalog: -list %q: want TOKEN:CLASS\n", spec)
		return 2
	}
	for _, op := range ops {
		var got string
		switch tok {
		case "scopes":
			got = scopeClass(op)
		default:
			found := false
			// fine_grained: the spelling of the endpoint command's JSON.
			if t, ok := catalog.ParseToken(strings.ReplaceAll(tok, "_", "-")); ok && slices.Contains(statTokens, t) {
				got, found = className(op.Requirement(t).Basis), true
			}
			if !found {
				fmt.Fprintf(stderr, "ghperm catalog: -list: unknown token kind %q (want installation, user, fine-grained or scopes)\n", tok)
				return 2
			}
		}
		if got == class {
			fmt.Fprintf(stdout, "%s\t%s\n", op.Key(), op.ID)
		}
	}
	return 0
}

func printStats(w io.Writer, c *catalog.Catalog, dotcom []*catalog.Operation) {
	fmt.Fprintf(w, "catalog: %s\n", c.Version())
	perPlan := map[string]int{}
	ops := c.Operations()
	for i := range ops {
		for _, p := range ops[i].Plans.Names() {
			perPlan[p]++
		}
	}
	var plans []string
	for _, p := range catalog.PlanNames() {
		plans = append(plans, fmt.Sprintf("%s %d", p, perPlan[p]))
	}
	fmt.Fprintf(w, "operations: %d (%s)\n\n", len(ops), strings.Join(plans, ", "))

	fmt.Fprintf(w, "api.github.com operations by class (%d operations; -list TOKEN:CLASS lists them):\n", len(dotcom))
	fmt.Fprintf(w, "  %-18s %12s %6s %12s  %s\n", "class", statTokens[0], statTokens[1], statTokens[2], "rule")
	totals := make([]int, len(statTokens))
	for _, cl := range classes {
		counts := make([]int, len(statTokens))
		for _, op := range dotcom {
			for i, t := range statTokens {
				if op.Requirement(t).Basis == cl.basis {
					counts[i]++
					totals[i]++
				}
			}
		}
		fmt.Fprintf(w, "  %-18s %12d %6d %12d  %s\n", cl.name, counts[0], counts[1], counts[2], cl.rule)
	}
	fmt.Fprintf(w, "  %-18s %12d %6d %12d\n\n", "total", totals[0], totals[1], totals[2])
	others := map[string]int{}
	n := 0
	for i := range ops {
		if ops[i].Plans&catalog.DotCom == 0 {
			n++
			others[className(ops[i].Installation.Basis)]++
		}
	}
	var parts []string
	for _, cl := range classes {
		if others[cl.name] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", cl.name, others[cl.name]))
		}
	}
	fmt.Fprintf(w, "GHEC/GHES-only operations: %d; installation tokens: %s (-others -list installation:CLASS lists them)\n\n", n, strings.Join(parts, ", "))

	scopeCounts := map[string]int{}
	for _, op := range dotcom {
		scopeCounts[scopeClass(op)]++
	}
	fmt.Fprintf(w, "OAuth scopes of api.github.com operations (-list scopes:CLASS):\n")
	for _, s := range []struct{ class, what string }{
		{"description", "stated by the description (names normalised by scope-names.tsv)"},
		{"rule", "derived from the scopes page (scope-rules.tsv)"},
		{"override", "set by scope-overrides.tsv"},
		{"app-jwt", "app JWT endpoints: no OAuth token"},
		{"installation-only", "installation token endpoints without scopes in the description: no OAuth token"},
		{"not-usable", "the description says OAuth and classic tokens cannot (token-statements.tsv)"},
		{"unknown", "no derivable scope"},
	} {
		fmt.Fprintf(w, "  %-17s %5d  %s\n", s.class, scopeCounts[s.class], s.what)
	}

	resources := map[catalog.Resource]int{}
	for _, p := range c.Permissions() {
		resources[p.Resource]++
	}
	withPerm, unknownEvents := 0, 0
	for _, e := range c.Events() {
		switch {
		case !e.Known():
			unknownEvents++
		case len(e.Needs) > 0:
			withPerm++
		}
	}
	fmt.Fprintf(w, "\npermissions: %d manifest keys (repository %d, organization %d, account %d, enterprise %d)\n",
		len(c.Permissions()), resources[catalog.RepositoryResource], resources[catalog.OrganizationResource],
		resources[catalog.AccountResource], resources[catalog.EnterpriseResource])
	fmt.Fprintf(w, "webhook events: %d (%d need a permission, %d need none, %d unknown: GitHub's data does not say)\n",
		len(c.Events()), withPerm, len(c.Events())-withPerm-unknownEvents, unknownEvents)
	fmt.Fprintf(w, "OAuth scopes: %d\n", len(c.Scopes()))
}
