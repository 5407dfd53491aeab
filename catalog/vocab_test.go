package catalog_test

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

func TestPermissions(t *testing.T) {
	c := load(t)
	perms := c.Permissions()
	if !sort.SliceIsSorted(perms, func(i, j int) bool { return perms[i].Key < perms[j].Key }) {
		t.Error("Permissions not sorted by key")
	}
	tests := []struct {
		key      string
		resource catalog.Resource
		levels   []catalog.Level
	}{
		{"issues", catalog.RepositoryResource, []catalog.Level{catalog.Read, catalog.Write}},
		{"workflows", catalog.RepositoryResource, []catalog.Level{catalog.Write}},
		{"organization_plan", catalog.OrganizationResource, []catalog.Level{catalog.Read}},
		{"members", catalog.OrganizationResource, []catalog.Level{catalog.Read, catalog.Write}},
		{"email_addresses", catalog.AccountResource, []catalog.Level{catalog.Read, catalog.Write}},
		{"git_ssh_keys", catalog.AccountResource, []catalog.Level{catalog.Read, catalog.Write}},
		{"repository_projects", catalog.RepositoryResource, []catalog.Level{catalog.Read, catalog.Write, catalog.Admin}},
		{"enterprise_teams", catalog.EnterpriseResource, nil}, // docs-only key: levels as seen in the data
	}
	for _, tt := range tests {
		p, ok := c.Permission(tt.key)
		if !ok {
			t.Errorf("Permission(%q) not found", tt.key)
			continue
		}
		if p.Resource != tt.resource || p.Title == "" || tt.levels != nil && !slices.Equal(p.Levels, tt.levels) {
			t.Errorf("Permission(%q) = %+v, want resource %v levels %v", tt.key, p, tt.resource, tt.levels)
		}
	}
	// GitHub-internal names are not manifest keys.
	for _, internal := range []string{"emails", "keys"} {
		if _, ok := c.Permission(internal); ok {
			t.Errorf("Permission(%q) found; the manifest key is a different one", internal)
		}
	}
}

// TestRequirementsUseTheVocabulary checks every grant of every operation
// and event against the permission vocabulary and its allowed levels.
func TestRequirementsUseTheVocabulary(t *testing.T) {
	c := load(t)
	check := func(what string, sets []catalog.Set) {
		for _, s := range sets {
			for _, g := range s {
				p, ok := c.Permission(g.Key)
				if !ok || !p.Allows(g.Level) {
					t.Errorf("%s: %s is not a manifest permission at an allowed level", what, g)
				}
			}
		}
	}
	ops := c.Operations()
	for i := range ops {
		op := &ops[i]
		check(op.Key(), op.Installation.Sets)
		check(op.Key(), op.User.Sets)
		check(op.Key(), op.FineGrained.Sets)
	}
	for _, e := range c.Events() {
		check("event "+e.Name, e.Needs)
	}
}

func TestEvents(t *testing.T) {
	c := load(t)
	tests := []struct {
		name  string
		needs string
	}{
		{"issues", "issues:read"},
		{"issue_comment", "issues:read"},
		{"milestone", "issues:read | pull_requests:read"},
		{"project", "organization_projects:read | repository_projects:read"},
		{"merge_group", "merge_queues:read"},
		{"sub_issues", "issues:read"}, // "sub-issues" in x-github
		// "All GitHub Apps receive this event by default."
		{"installation", "nothing"},
		{"installation_repositories", "nothing"},
		// "A GitHub App receives this webhook by default and cannot unsubscribe"
		{"github_app_authorization", "nothing"},
		{"ping", "nothing"}, // event-overrides.tsv
		{"meta", "nothing"}, // event-overrides.tsv
		// The summaries name no permission and nothing else says.
		{"marketplace_purchase", "unknown"},
		{"package", "unknown"},
		{"security_advisory", "unknown"},
	}
	for _, tt := range tests {
		e, ok := c.Event(tt.name)
		if !ok {
			t.Errorf("Event(%q) not found", tt.name)
			continue
		}
		got := "unknown"
		if e.Known() {
			got = (catalog.Requirement{Usable: true, Sets: e.Needs}).String()
		}
		if got != tt.needs {
			t.Errorf("Event(%q) needs %s (basis %q), want %s", tt.name, got, e.Basis, tt.needs)
		}
	}
	unknown := 0
	for _, e := range c.Events() {
		if !e.Known() {
			unknown++
			if len(e.Needs) > 0 {
				t.Errorf("Event(%q): needs %v but unknown", e.Name, e.Needs)
			}
		}
	}
	if unknown != 7 {
		t.Errorf("%d unknown events, want the 7 whose summaries say nothing (installation_target, marketplace_purchase, package, repository_import, repository_vulnerability_alert, security_advisory, sponsorship)", unknown)
	}
	if _, ok := c.Event("sub-issues"); ok {
		t.Error(`Event("sub-issues") found; event names use underscores`)
	}
}

func TestScopeVocabulary(t *testing.T) {
	c := load(t)
	for _, s := range c.Scopes() {
		if s.Parent != "" {
			if _, ok := c.Scope(s.Parent); !ok {
				t.Errorf("scope %s: parent %s unknown", s.Name, s.Parent)
			}
		}
	}
	// Every scope an operation needs is a real scope name.
	ops := c.Operations()
	for i := range ops {
		for _, alt := range ops[i].Scopes {
			for _, s := range alt {
				if _, ok := c.Scope(s); !ok {
					t.Errorf("%s: scope %q is not in the vocabulary", ops[i].Key(), s)
				}
			}
		}
	}
}

func TestScopeCovers(t *testing.T) {
	c := load(t)
	tests := []struct {
		granted []string
		needed  string
		want    bool
	}{
		{[]string{"repo"}, "public_repo", true},
		{[]string{"repo"}, "security_events", true},
		{[]string{"repo"}, "repo:status", true},
		{[]string{"admin:org"}, "read:org", true},
		{[]string{"write:org"}, "read:org", true},
		{[]string{"read:org"}, "write:org", false},
		{[]string{"user"}, "user:email", true},
		{[]string{"user:email"}, "user", false},
		{[]string{"public_repo"}, "repo", false},
		{[]string{"repo"}, "delete_repo", false},
		{[]string{"gist", "read:org"}, "gist", true},
		{nil, "repo", false},
	}
	for _, tt := range tests {
		if got := c.ScopeCovers(tt.granted, tt.needed); got != tt.want {
			t.Errorf("ScopeCovers(%v, %s) = %v, want %v", tt.granted, tt.needed, got, tt.want)
		}
	}
}

func TestScopesSatisfyAndMinimal(t *testing.T) {
	c := load(t)
	get := func(method, path string) *catalog.Operation { return lookup(t, c, method, path) }
	// "need the `repo` or `security_events` scope ... public_repo instead"
	alerts := get("GET", "/repos/{owner}/{repo}/code-scanning/alerts")
	for _, g := range [][]string{{"repo"}, {"security_events"}} {
		if !c.ScopesSatisfy(g, alerts) {
			t.Errorf("%v should satisfy %s (scopes %v)", g, alerts.Key(), alerts.Scopes)
		}
	}
	if c.ScopesSatisfy([]string{"read:org"}, alerts) {
		t.Errorf("read:org should not satisfy %s", alerts.Key())
	}
	rateLimit := get("GET", "/rate_limit")
	if !rateLimit.ScopesKnown || !c.ScopesSatisfy(nil, rateLimit) {
		t.Errorf("GET /rate_limit should need no scope (scopes %v, known %v, %s)", rateLimit.Scopes, rateLimit.ScopesKnown, rateLimit.ScopeSource())
	}
	gist := get("POST", "/gists")
	if !c.ScopesSatisfy([]string{"gist"}, gist) || c.ScopesSatisfy([]string{"repo"}, gist) {
		t.Errorf("POST /gists: scopes %v, want gist", gist.Scopes)
	}
	ops := []*catalog.Operation{
		get("DELETE", "/repos/{owner}/{repo}"),
		get("POST", "/gists"),
		get("POST", "/repos/{owner}/{repo}/issues"),
		get("GET", "/repos/{owner}/{repo}/code-scanning/alerts"),
		get("GET", "/rate_limit"),
		get("GET", "/app"), // app JWT: no scopes
	}
	got := c.MinimalScopes(ops)
	want := []string{"delete_repo", "gist", "repo"} // repo covers security_events
	if !slices.Equal(got, want) {
		t.Errorf("MinimalScopes = %v, want %v", got, want)
	}
	for _, op := range ops {
		if op.ScopesKnown && !c.ScopesSatisfy(got, op) {
			t.Errorf("MinimalScopes result %v does not satisfy %s (%v)", got, op.Key(), op.Scopes)
		}
	}
}

func TestNormalizeScopes(t *testing.T) {
	c := load(t)
	tests := []struct{ in, want []string }{
		{[]string{"user", "gist", "user:email"}, []string{"gist", "user"}}, // the scopes page's example
		{[]string{"read:org", "admin:org", "repo", "public_repo"}, []string{"admin:org", "repo"}},
		{[]string{"repo", "repo"}, []string{"repo"}},
		{[]string{"read:org", "read:org", "admin:org"}, []string{"admin:org"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := c.NormalizeScopes(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("NormalizeScopes(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// MinimalScopes is exact: the fewest scopes, then the narrowest.
func TestMinimalScopesExact(t *testing.T) {
	c := load(t)
	op := func(alts ...[]string) *catalog.Operation {
		return &catalog.Operation{Scopes: alts, ScopesKnown: true}
	}
	tests := []struct {
		name string
		ops  []*catalog.Operation
		want []string
	}{
		// greedy took user for the first and read:org for the second
		{"one scope covers both", []*catalog.Operation{op([]string{"user"}, []string{"read:org"}), op([]string{"read:org"})}, []string{"read:org"}},
		{"narrow at equal count", []*catalog.Operation{op([]string{"user"}, []string{"user:email"})}, []string{"user:email"}},
		{"one broad scope beats two narrow ones", []*catalog.Operation{op([]string{"user:email"}), op([]string{"read:user"})}, []string{"user"}},
		{"sets", []*catalog.Operation{op([]string{"admin:org", "repo"}), op([]string{"read:org"})}, []string{"admin:org", "repo"}},
		{"nothing needed", []*catalog.Operation{op(), {Scopes: [][]string{{"repo"}}}}, nil},
	}
	for _, tt := range tests {
		got := c.MinimalScopes(tt.ops)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: MinimalScopes = %v, want %v", tt.name, got, tt.want)
		}
		for _, o := range tt.ops {
			if o.ScopesKnown && !c.ScopesSatisfy(got, o) {
				t.Errorf("%s: %v does not satisfy %v", tt.name, got, o.Scopes)
			}
		}
	}
}

// Scope rules from GitHub's REST pages (issue 9, item 3) and the
// repositories' visibility.
func TestScopeRulesAndVisibility(t *testing.T) {
	c := load(t)
	tests := []struct {
		method, path string
		v            catalog.Visibility
		want         string // fmt of ScopesFor(v); "not usable"
	}{
		{"GET", "/notifications", catalog.AnyVisibility, "[[notifications] [repo]]"},
		{"GET", "/repos/{owner}/{repo}/notifications", catalog.AnyVisibility, "[[notifications] [repo]]"},
		{"POST", "/repos/{owner}/{repo}/check-runs", catalog.AnyVisibility, "not usable"},
		{"POST", "/repos/{owner}/{repo}/check-suites", catalog.AnyVisibility, "not usable"},
		{"POST", "/repos/{owner}/{repo}/hooks/{hook_id}/pings", catalog.AnyVisibility, "[[read:repo_hook]]"},
		{"GET", "/repos/{owner}/{repo}/issues", catalog.AnyVisibility, "[[repo]]"},
		{"GET", "/repos/{owner}/{repo}/issues", catalog.PublicRepos, "[]"},
		{"POST", "/repos/{owner}/{repo}/issues", catalog.PublicRepos, "[[public_repo]]"},
		{"POST", "/repos/{owner}/{repo}/issues", catalog.PrivateRepos, "[[repo]]"},
		{"GET", "/repos/{owner}/{repo}/code-quality/findings", catalog.AnyVisibility, "[[repo]]"},
		{"GET", "/repos/{owner}/{repo}/code-quality/findings", catalog.PublicRepos, "[[repo] [public_repo]]"},
	}
	for _, tt := range tests {
		op := lookup(t, c, tt.method, tt.path)
		got := fmt.Sprint(op.ScopesFor(tt.v))
		if !op.Requirement(catalog.OAuth).Usable {
			got = "not usable"
		}
		if got != tt.want {
			t.Errorf("%s %s (%s): scopes %s, want %s (%s)", tt.method, tt.path, tt.v, got, tt.want, op.ScopeSource())
		}
	}
	pings := lookup(t, c, "POST", "/repos/{owner}/{repo}/hooks/{hook_id}/pings")
	if !c.ScopesSatisfy([]string{"read:repo_hook"}, pings) || !c.ScopesSatisfy([]string{"admin:repo_hook"}, pings) {
		t.Errorf("pinging a hook: read:repo_hook and admin:repo_hook should do (%v)", pings.Scopes)
	}
	issues := []*catalog.Operation{lookup(t, c, "GET", "/repos/{owner}/{repo}/issues"), lookup(t, c, "POST", "/repos/{owner}/{repo}/issues")}
	if got := c.MinimalScopesFor(issues, catalog.PublicRepos); !slices.Equal(got, []string{"public_repo"}) {
		t.Errorf("public repositories: MinimalScopesFor = %v, want [public_repo]", got)
	}
	for _, s := range []string{"", "any", "private", "public"} {
		if v, err := catalog.ParseVisibility(s); err != nil || s != "" && v.String() != s {
			t.Errorf("ParseVisibility(%q) = %v, %v", s, v, err)
		}
	}
	if _, err := catalog.ParseVisibility("internal"); err == nil {
		t.Error("ParseVisibility(internal): no error")
	}
}
