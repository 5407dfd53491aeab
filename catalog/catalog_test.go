package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

func load(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func lookup(t *testing.T, c *catalog.Catalog, method, path string) *catalog.Operation {
	t.Helper()
	op, ok := c.Lookup(method, path)
	if !ok {
		t.Fatalf("Lookup(%s %s): not found", method, path)
	}
	return op
}

// grants turns "a:write", "b:read" into a granted set.
func grants(t *testing.T, specs ...string) map[string]catalog.Level {
	t.Helper()
	out := map[string]catalog.Level{}
	for _, s := range specs {
		key, level, _ := strings.Cut(s, ":")
		l, err := catalog.ParseLevel(level)
		if err != nil {
			t.Fatal(err)
		}
		out[key] = l
	}
	return out
}

func TestRequirementExamples(t *testing.T) {
	c := load(t)
	tests := []struct {
		method, path string
		enough       [][]string // each suffices for an installation token
		notEnough    [][]string
	}{
		{"POST", "/repos/{owner}/{repo}/issues", [][]string{{"issues:write"}}, [][]string{{"issues:read"}, {"pull_requests:write"}}},
		{"GET", "/repos/{owner}/{repo}/pulls/{pull_number}", [][]string{{"pull_requests:read"}, {"contents:read"}}, [][]string{{"issues:read"}, {}}},
		{"PUT", "/orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}", [][]string{{"administration:write", "members:read"}}, [][]string{{"administration:write"}, {"members:read"}, {"administration:read", "members:read"}}},
		{"GET", "/rate_limit", [][]string{{}}, nil},
	}
	for _, tt := range tests {
		op := lookup(t, c, tt.method, tt.path)
		for _, g := range tt.enough {
			if !op.Installation.SatisfiedBy(grants(t, g...)) {
				t.Errorf("%s: %v should satisfy installation requirement %v", op.Key(), g, op.Installation)
			}
		}
		for _, g := range tt.notEnough {
			if op.Installation.SatisfiedBy(grants(t, g...)) {
				t.Errorf("%s: %v should not satisfy installation requirement %v", op.Key(), g, op.Installation)
			}
		}
	}
}

func TestRateLimitNeedsNothing(t *testing.T) {
	op := lookup(t, load(t), "GET", "/rate_limit")
	for _, tok := range []catalog.Token{catalog.Installation, catalog.User} {
		if r := op.Requirement(tok); !r.Usable || len(r.Sets) != 0 {
			t.Errorf("GET /rate_limit %v: %v, want usable with nothing needed", tok, r)
		}
	}
}

func TestUserInstallationsOnlyUserTokens(t *testing.T) {
	op := lookup(t, load(t), "GET", "/user/installations")
	if !op.User.Usable {
		t.Errorf("user token: %v, want usable", op.User)
	}
	if op.Installation.Usable || op.AppJWT {
		t.Errorf("installation %v, app JWT %v: want neither usable", op.Installation, op.AppJWT)
	}
	// The docs endpoint lists name user access tokens, not installation
	// tokens: more specific than x-github's enabledForGitHubApps: false.
	if op.Installation.Basis != catalog.BasisUserOnly {
		t.Errorf("installation basis %q, want %q", op.Installation.Basis, catalog.BasisUserOnly)
	}
	// "List app installations accessible to the user access token": a
	// GitHub App user access token, not an OAuth or classic token.
	if r := op.Requirement(catalog.OAuth); r.Usable || r.Basis != catalog.BasisDescription || !strings.Contains(op.ScopeSource(), "accessible to the user access token") {
		t.Errorf("OAuth: %v [%s] (%s), want not usable by the summary's sentence", r, r.Basis, op.ScopeSource())
	}
}

// TestDocsListsBeforeXGitHub checks the precedence over the whole catalog:
// x-github's enabledForGitHubApps decides an app token kind only where
// GitHub's docs lists name neither app token kind.
func TestDocsListsBeforeXGitHub(t *testing.T) {
	listed := map[catalog.Basis]bool{catalog.BasisPermissions: true, catalog.BasisCurated: true, catalog.BasisNoPermission: true}
	n := 0
	for _, op := range load(t).Operations() {
		if op.Installation.Basis == catalog.BasisUserOnly {
			n++
		}
		for _, pair := range [][2]catalog.Requirement{{op.Installation, op.User}, {op.User, op.Installation}} {
			if pair[0].Basis == catalog.BasisNotForApps && listed[pair[1].Basis] {
				t.Errorf("%s: %q although the docs list the other app token kind (%q)", op.Key(), pair[0].Basis, pair[1].Basis)
			}
		}
	}
	if n < 100 {
		t.Errorf("%d operations user-only for installation tokens, want the 125 the docs lists imply", n)
	}
}

// TestDescribedTokens: "This endpoint works with the following
// fine-grained token types" names user access tokens and fine-grained
// PATs for operations that no docs list has, with a permission ("Agent
// tasks") the vocabulary lacks: usable, permission unknown.
func TestDescribedTokens(t *testing.T) {
	op := lookup(t, load(t), "POST", "/agents/repos/{owner}/{repo}/tasks")
	for _, r := range []catalog.Requirement{op.User, op.FineGrained} {
		if !r.Usable || r.Known() || r.Basis != catalog.BasisDescribedUsable {
			t.Errorf("%s: %v [%s], want usable, permission unknown [%s]", op.Key(), r, r.Basis, catalog.BasisDescribedUsable)
		}
	}
	if r := op.Installation; r.Usable || r.Basis != catalog.BasisDescription {
		t.Errorf("%s installation: %v [%s], want not usable [%s]", op.Key(), r, r.Basis, catalog.BasisDescription)
	}
}

func TestOAuthStatements(t *testing.T) {
	c := load(t)
	tests := []struct {
		method, path string
		usable       bool
		basis        catalog.Basis
	}{
		// "OAuth apps and personal access tokens (classic) cannot use this endpoint."
		{"PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", false, catalog.BasisDescription},
		{"POST", "/repos/{owner}/{repo}/check-suites", false, catalog.BasisDescription},
		{"GET", "/user/installations/{installation_id}/repositories", false, catalog.BasisDescription},
		// Listed for installation tokens only, but the description states
		// the scopes classic tokens need.
		{"POST", "/user/packages/{package_type}/{package_name}/restore", true, catalog.BasisScopes},
		// Listed for installation tokens only, no scope stated.
		{"GET", "/installation/repositories", false, catalog.BasisInstallationOnly},
		// The checks pages: "Write permission for the REST API to interact
		// with checks is only available to GitHub Apps" (scope-overrides.tsv).
		{"POST", "/repos/{owner}/{repo}/check-runs", false, catalog.BasisDescription},
		{"POST", "/repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest", false, catalog.BasisDescription},
		// Nothing said about OAuth tokens.
		{"GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", true, catalog.BasisScopes},
	}
	for _, tt := range tests {
		op := lookup(t, c, tt.method, tt.path)
		if r := op.Requirement(catalog.OAuth); r.Usable != tt.usable || r.Basis != tt.basis {
			t.Errorf("%s OAuth: usable %v [%s], want %v [%s]", op.Key(), r.Usable, r.Basis, tt.usable, tt.basis)
		}
		if !tt.usable && op.ScopesKnown {
			t.Errorf("%s: scopes %v known although OAuth tokens cannot call it", op.Key(), op.Scopes)
		}
	}
	pat := lookup(t, c, "PUT", "/user/installations/{installation_id}/repositories/{repository_id}").FineGrained
	if pat.Usable || pat.Basis != catalog.BasisDescription {
		t.Errorf(`"This endpoint only works for PATs (classic)": fine-grained %v [%s], want not usable by the description`, pat, pat.Basis)
	}
}

func TestAppOnlyJWT(t *testing.T) {
	op := lookup(t, load(t), "GET", "/app")
	if !op.AppJWT || !op.Requirement(catalog.AppJWT).Usable {
		t.Errorf("GET /app: AppJWT %v, want true", op.AppJWT)
	}
	for _, tok := range []catalog.Token{catalog.Installation, catalog.User, catalog.FineGrained, catalog.OAuth} {
		if r := op.Requirement(tok); r.Usable {
			t.Errorf("GET /app %v: %v, want not usable", tok, r)
		}
	}
	if op := lookup(t, load(t), "GET", "/rate_limit"); op.AppJWT {
		t.Error("GET /rate_limit: AppJWT true, want false")
	}
}

func TestDeleteRepoScope(t *testing.T) {
	c := load(t)
	op := lookup(t, c, "DELETE", "/repos/{owner}/{repo}")
	if !op.ScopesKnown || !slices.ContainsFunc(op.Scopes, func(s []string) bool { return slices.Equal(s, []string{"delete_repo"}) }) {
		t.Errorf("DELETE /repos/{owner}/{repo}: scopes %v (known %v), want delete_repo", op.Scopes, op.ScopesKnown)
	}
	if !c.ScopesSatisfy([]string{"delete_repo"}, op) || c.ScopesSatisfy([]string{"repo"}, op) {
		t.Errorf("ScopesSatisfy: delete_repo must suffice and repo must not (scopes %v)", op.Scopes)
	}
}

func TestEveryDotComOperationClassifiedForInstallations(t *testing.T) {
	n := 0
	for _, op := range load(t).Operations() {
		if op.Plans&catalog.DotCom == 0 {
			continue
		}
		n++
		if op.Installation.Basis == catalog.BasisNone {
			t.Errorf("%s: installation requirement not classified", op.Key())
		}
	}
	if n != 1223 {
		t.Errorf("%d api.github.com operations, want 1223 (@octokit/openapi 23.0.2)", n)
	}
}

// Absence from every list of GitHub's is no verdict: such an operation
// is unknown for the token kind, never "not usable" (issue 9, item 1).
func TestAbsenceIsUnknown(t *testing.T) {
	for _, op := range load(t).Operations() {
		for _, tok := range []catalog.Token{catalog.Installation, catalog.User, catalog.FineGrained} {
			r := op.Requirement(tok)
			if r.Basis == catalog.BasisNotListed && (r.Known() || r.String() != "unknown") {
				t.Errorf("%s: token %d: %q (known %v) for an operation no list names, want unknown", op.Key(), tok, r, r.Known())
			}
		}
		// GitHub lists an operation for fine-grained tokens only when
		// user access tokens can call it.
		if op.FineGrained.Usable && op.User.Known() && !op.User.Usable {
			t.Errorf("%s: usable with fine-grained tokens but %q for user access tokens", op.Key(), op.User)
		}
	}
}

func TestCuratedRequirements(t *testing.T) {
	c := load(t)
	tests := []struct{ method, path, want string }{
		{"POST", "/repos/{owner}/{repo}/releases/{release_id}/assets", "contents:write"},
		{"GET", "/repos/{owner}/{repo}/code-quality/findings", "code_quality:read"},
		{"GET", "/repos/{owner}/{repo}/code-quality/findings/{finding_number}", "code_quality:read"},
	}
	for _, tt := range tests {
		op := lookup(t, c, tt.method, tt.path)
		for _, tok := range []catalog.Token{catalog.Installation, catalog.User, catalog.FineGrained} {
			r := op.Requirement(tok)
			if r.String() != tt.want || r.Basis != catalog.BasisCuratedRequirement || r.Evidence == "" {
				t.Errorf("%s token %d: %q basis %q evidence %q, want %q from a curated row with evidence", op.Key(), tok, r, r.Basis, r.Evidence, tt.want)
			}
		}
	}
}

func TestSatisfiedBy(t *testing.T) {
	r := catalog.Requirement{Usable: true, Sets: []catalog.Set{
		{{Key: "administration", Level: catalog.Write}, {Key: "members", Level: catalog.Read}, {Key: "metadata", Level: catalog.Read}},
		{{Key: "contents", Level: catalog.Admin}},
	}}
	tests := []struct {
		granted map[string]catalog.Level
		want    bool
	}{
		{map[string]catalog.Level{"administration": catalog.Write, "members": catalog.Write}, true}, // write implies read; metadata implicit
		{map[string]catalog.Level{"administration": catalog.Write}, false},
		{map[string]catalog.Level{"contents": catalog.Write}, false},
		{map[string]catalog.Level{"contents": catalog.Admin}, true},
		{nil, false},
	}
	for _, tt := range tests {
		if got := r.SatisfiedBy(tt.granted); got != tt.want {
			t.Errorf("%v.SatisfiedBy(%v) = %v, want %v", r, tt.granted, got, tt.want)
		}
	}
	if !(catalog.Requirement{Usable: true}).SatisfiedBy(nil) || (catalog.Requirement{}).SatisfiedBy(map[string]catalog.Level{"issues": catalog.Admin}) {
		t.Error("nothing needed must be satisfied by nothing; not usable by nothing")
	}
}

// Fine-grained tokens, from github/docs fine-grained-pat.json and
// fine-grained-pat-permissions.json (see upstream/README.md).
func TestFineGrainedClasses(t *testing.T) {
	c := load(t)
	tests := []struct {
		method, path string
		basis        catalog.Basis
		usable       bool
		want         string
	}{
		// both files: the permission
		{"GET", "/repos/{owner}/{repo}/issues", catalog.BasisPermissions, true, "issues:read"},
		// in the endpoint list, newer than the permission file
		{"GET", "/repos/{owner}/{repo}/agents/secrets", catalog.BasisListedOnly, true, "usable, permission unknown"},
		// permissionless for user tokens: the list never has these
		{"GET", "/rate_limit", catalog.BasisUnknown, false, "unknown"},
		// unless a curated row quotes GitHub's REST data (progAccess)
		{"GET", "/user", catalog.BasisCuratedRequirement, true, "nothing"},
		// user tokens may call it, the fine-grained list leaves it out
		{"POST", "/repos/{owner}/{repo}/check-runs", catalog.BasisNotFineGrained, false, "not usable"},
	}
	for _, tt := range tests {
		r := lookup(t, c, tt.method, tt.path).Requirement(catalog.FineGrained)
		if r.Basis != tt.basis || r.Usable != tt.usable || r.String() != tt.want {
			t.Errorf("%s %s fine-grained: %q usable=%v basis %q, want %q usable=%v basis %q", tt.method, tt.path, r, r.Usable, r.Basis, tt.want, tt.usable, tt.basis)
		}
	}
	listed := catalog.Requirement{Usable: true, Basis: catalog.BasisListedOnly}
	if listed.Known() || listed.SatisfiedBy(map[string]catalog.Level{"agent_secrets": catalog.Admin}) {
		t.Error("a requirement whose permission is unknown must be neither known nor satisfied")
	}
}

// Operations api.github.com does not have take GitHub's GHEC data
// (upstream/github-docs/ghec-2026-03-10), with the evidence.
func TestGHECData(t *testing.T) {
	c := load(t)
	tests := []struct {
		method, path string
		tok          catalog.Token
		basis        catalog.Basis
		want         string
	}{
		{"GET", "/enterprises/{enterprise}/enterprise-roles", catalog.Installation, catalog.BasisPlanPermissions, "enterprise_custom_enterprise_roles:read"},
		{"GET", "/orgs/{org}/audit-log", catalog.Installation, catalog.BasisPlanPermissions, "organization_administration:read"},
		{"PATCH", "/enterprises/{enterprise}/org-properties/schema", catalog.User, catalog.BasisPlanPermissions, "enterprise_custom_properties_for_organizations:admin"},
		{"GET", "/enterprises/{enterprise}/settings/billing/reports", catalog.Installation, catalog.BasisPlanNoPermission, "nothing"},
		{"GET", "/orgs/{org}/custom-repository-roles", catalog.Installation, catalog.BasisPlanSetsUnknown, "usable, permission unknown"},
		{"DELETE", "/repos/{owner}/{repo}/bypass-responses/secret-scanning/{bypass_response_id}", catalog.Installation, catalog.BasisUserOnly, "not usable"},
	}
	for _, tt := range tests {
		r := lookup(t, c, tt.method, tt.path).Requirement(tt.tok)
		if r.Basis != tt.basis || r.String() != tt.want || r.Evidence == "" {
			t.Errorf("%s %s token %d: %q basis %q evidence %q, want %q basis %q", tt.method, tt.path, tt.tok, r, r.Basis, r.Evidence, tt.want, tt.basis)
		}
	}
	if p, ok := c.Permission("enterprise_scim"); !ok || p.Resource != catalog.EnterpriseResource {
		t.Errorf("enterprise_scim: %v %v, want an enterprise permission of the vocabulary", p, ok)
	}
}
