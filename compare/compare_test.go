package compare

import (
	"fmt"
	"go/token"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/manifest"
)

func load(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// use builds a use of the operation "METHOD /path" at gh.go:line.
func use(t testing.TB, cat *catalog.Catalog, key string, line int, ignore string) Use {
	t.Helper()
	method, path, _ := strings.Cut(key, " ")
	op, ok := cat.Lookup(method, path)
	if !ok {
		t.Fatalf("catalog has no %s", key)
	}
	return Use{Op: op, Sites: []Site{{
		Position: token.Position{Filename: "internal/gh/gh.go", Line: line, Column: 2},
		Chain:    []string{"gh.Call"},
		Ignore:   ignore,
	}}}
}

// grants parses an app.yml (or, with token oauth, a config's scopes).
func grants(t *testing.T, cat *catalog.Catalog, tok catalog.Token, file string) *manifest.Grants {
	t.Helper()
	g := &manifest.Grants{Token: tok}
	if tok == catalog.OAuth {
		s, errs := manifest.ParseConfig("ghperm.yml", []byte(file))
		if errs != nil {
			t.Fatal(errs)
		}
		g.Settings, g.Scopes = s, s.Scopes
		return g
	}
	if tok == catalog.AppJWT {
		return g
	}
	if tok == catalog.Actions {
		m, errs := manifest.ParseWorkflow("w.yml", []byte(file), "")
		if errs != nil {
			t.Fatal(errs)
		}
		g.Manifest = m
		return g
	}
	m, errs := manifest.Parse("app.yml", []byte(file))
	if errs = append(errs, manifest.Check(m, cat)...); errs != nil {
		t.Fatal(errs)
	}
	g.Manifest = m
	return g
}

func render(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d: %s: %s", f.Position.Filename, f.Position.Line, f.Category, f.Message))
	}
	return out
}

func TestCompare(t *testing.T) {
	cat := load(t)
	const (
		checkRuns   = "POST /repos/{owner}/{repo}/check-runs"
		getContents = "GET /repos/{owner}/{repo}/contents/{path}"
		getPull     = "GET /repos/{owner}/{repo}/pulls/{pull_number}"
		userInst    = "GET /user/installations"
	)
	for _, tc := range []struct {
		name       string
		tok        catalog.Token
		file       string
		uses       func() []Use
		unresolved int
		want       []string
	}{{
		name: "missing grant and unused grant",
		file: "default_permissions:\n  issues: write\n",
		uses: func() []Use { return []Use{use(t, cat, checkRuns, 14, "")} },
		want: []string{
			"app.yml:2: excess-grant: issues: write is granted but nothing needs issues",
			"internal/gh/gh.go:14: missing-grant: POST /repos/{owner}/{repo}/check-runs (checks/create) needs checks: write; app.yml grants no checks",
		},
	}, {
		name: "missing grant through a wrapper",
		file: "default_permissions: {}\n",
		uses: func() []Use {
			u := use(t, cat, checkRuns, 14, "")
			u.Sites[0].Chain = []string{"gh.CreateCheck", "(*github.ChecksService).CreateCheckRun"}
			return []Use{u}
		},
		want: []string{
			"internal/gh/gh.go:14: missing-grant: POST /repos/{owner}/{repo}/check-runs (checks/create) needs checks: write; app.yml grants no checks " +
				"(via gh.CreateCheck → (*github.ChecksService).CreateCheckRun)",
		},
	}, {
		name: "grant below the needed level",
		file: "default_permissions:\n  checks: read\n",
		uses: func() []Use { return []Use{use(t, cat, checkRuns, 14, "")} },
		want: []string{
			"internal/gh/gh.go:14: missing-grant: POST /repos/{owner}/{repo}/check-runs (checks/create) needs checks: write; app.yml grants checks: read",
		},
	}, {
		name: "a grant below the level of one alternative is not excess",
		file: "default_permissions:\n  pull_requests: read\n",
		uses: func() []Use {
			return []Use{use(t, cat, "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", 16, "")}
		},
		want: []string{
			"internal/gh/gh.go:16: missing-grant: POST /repos/{owner}/{repo}/issues/{issue_number}/comments (issues/create-comment) " +
				"needs issues: write or pull_requests: write; app.yml grants no issues and pull_requests: read",
		},
	}, {
		name: "suppressed call",
		file: "default_permissions:\n  checks: read\n",
		uses: func() []Use { return []Use{use(t, cat, checkRuns, 14, "checks are created by another app")} },
		want: nil,
	}, {
		name:       "grant above the needed level, may be incomplete",
		file:       "default_permissions:\n  contents: write\n",
		uses:       func() []Use { return []Use{use(t, cat, getContents, 14, "")} },
		unresolved: 2,
		want: []string{
			"app.yml:2: excess-grant: contents: write is granted but the code needs at most contents: read " +
				"(GET /repos/{owner}/{repo}/contents/{path} at internal/gh/gh.go:14) (may be incomplete: 2 GitHub calls not resolved to an endpoint)",
		},
	}, {
		name: "alternative satisfied by another grant",
		file: "default_permissions:\n  contents: read\n  pull_requests: read\n",
		uses: func() []Use { return []Use{use(t, cat, getContents, 14, ""), use(t, cat, getPull, 20, "")} },
		want: []string{"app.yml:3: excess-grant: pull_requests: read is granted but nothing needs pull_requests"},
	}, {
		name: "event keeps a grant; event without its permission",
		file: "default_events: [pull_request, issues]\ndefault_permissions:\n  pull_requests: read\n",
		uses: func() []Use { return nil },
		want: []string{"app.yml:1: missing-grant: the issues event needs issues: read; app.yml grants no issues"},
	}, {
		name: "event whose permission GitHub does not state makes excess incomplete",
		file: "default_events: [marketplace_purchase]\ndefault_permissions:\n  issues: read\n",
		uses: func() []Use { return nil },
		want: []string{
			"app.yml:1: unknown-requirement: the marketplace_purchase event: GitHub's data does not say which permission it needs",
			"app.yml:3: excess-grant: issues: read is granted but nothing needs issues (may be incomplete: 1 event with unknown permissions)",
		},
	}, {
		name: "allowed grant",
		file: "default_permissions:\n  contents: write # ghperm:allow git push over HTTPS\n",
		uses: func() []Use { return nil },
		want: nil,
	}, {
		name: "user-only endpoint with an installation token",
		file: "default_permissions: {}\n",
		uses: func() []Use { return []Use{use(t, cat, userInst, 9, "")} },
		want: []string{"internal/gh/gh.go:9: unusable-endpoint: GET /user/installations (apps/list-installations-for-authenticated-user) cannot be called with an installation access token (user access tokens only (docs endpoint lists))"},
	}, {
		name: "user-only endpoint with a user token",
		tok:  catalog.User,
		file: "default_permissions: {}\n",
		uses: func() []Use { return []Use{use(t, cat, userInst, 9, "")} },
		want: nil,
	}, {
		name: "app JWT endpoint with an installation token",
		file: "default_permissions: {}\n",
		uses: func() []Use { return []Use{use(t, cat, "GET /app", 5, "")} },
		want: []string{"internal/gh/gh.go:5: unusable-endpoint: GET /app (apps/get-authenticated) cannot be called with an installation access token (app JWT only (description))"},
	}, {
		name: "app JWT endpoint with the JWT",
		tok:  catalog.AppJWT,
		uses: func() []Use { return []Use{use(t, cat, "GET /app", 5, ""), use(t, cat, checkRuns, 14, "")} },
		want: []string{"internal/gh/gh.go:14: unusable-endpoint: POST /repos/{owner}/{repo}/check-runs (checks/create) cannot be called with the app's JWT (not an app JWT endpoint)"},
	}, {
		name: "GITHUB_TOKEN cannot hold administration",
		tok:  catalog.Actions,
		file: "permissions:\n  contents: read\n",
		uses: func() []Use { return []Use{use(t, cat, "PUT /repos/{owner}/{repo}/topics", 7, "")} },
		want: []string{
			"internal/gh/gh.go:7: unusable-endpoint: PUT /repos/{owner}/{repo}/topics (repos/replace-all-topics) needs administration: write, which the GITHUB_TOKEN cannot be granted",
			"w.yml:2: excess-grant: contents: read is granted but nothing needs contents",
		},
	}, {
		name: "workflow spelling",
		tok:  catalog.Actions,
		file: "permissions:\n  pull-requests: read\n",
		uses: func() []Use {
			return []Use{use(t, cat, "POST /repos/{owner}/{repo}/issues/{issue_number}/labels", 9, "")}
		},
		want: []string{
			"internal/gh/gh.go:9: missing-grant: POST /repos/{owner}/{repo}/issues/{issue_number}/labels (issues/add-labels) needs issues: write or pull-requests: write; the workflow w.yml grants no issues and pull-requests: read",
		},
	}, {
		name: "oauth scope list lacks a needed scope",
		tok:  catalog.OAuth,
		file: "token: oauth\nscopes: [read:org]\n",
		uses: func() []Use { return []Use{use(t, cat, "POST /repos/{owner}/{repo}/issues", 14, "")} },
		want: []string{
			"ghperm.yml:2: excess-grant: scope read:org is granted but nothing needs it",
			"internal/gh/gh.go:14: missing-grant: POST /repos/{owner}/{repo}/issues (issues/create) needs the repo scope; the token has read:org",
		},
	}, {
		name: "classic tokens cannot create check runs",
		tok:  catalog.OAuth,
		file: "token: oauth\nscopes: [repo]\n",
		uses: func() []Use { return []Use{use(t, cat, checkRuns, 14, "")} },
		want: []string{
			"ghperm.yml:2: excess-grant: scope repo is granted but nothing needs it",
			"internal/gh/gh.go:14: unusable-endpoint: POST /repos/{owner}/{repo}/check-runs (checks/create) cannot be called with an OAuth app token or classic personal access token (not supported (description))",
		},
	}, {
		name: "unknown names are manifest errors, not excess",
		tok:  catalog.OAuth,
		file: "token: oauth\nscopes: [reop]\n",
		uses: func() []Use { return nil },
		want: nil,
	}, {
		name: "oauth scope kept with a reason",
		tok:  catalog.OAuth,
		file: "token: oauth\nscopes: [gist]\nallow:\n  gist: gists are read over GraphQL\n",
		uses: func() []Use { return nil },
		want: nil,
	}, {
		name: "oauth broader scope covers",
		tok:  catalog.OAuth,
		file: "token: oauth\nscopes: [admin:org]\n",
		uses: func() []Use { return []Use{use(t, cat, "GET /orgs/{org}/members", 3, "")} },
		// No missing grant; the narrower scope is pointed out.
		want: []string{"ghperm.yml:2: excess-grant: scope admin:org is granted but the code needs at most read:org " +
			"(GET /orgs/{org}/members at internal/gh/gh.go:3)"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := render(Compare(Input{Uses: tc.uses(), Grants: grants(t, cat, tc.tok, tc.file), Catalog: cat, Unresolved: tc.unresolved}))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("findings:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
		})
	}
}

// ghperm.yml's visibility: public lets public_repo stand for repo, and
// reads of public repositories need no scope.
func TestCompareVisibility(t *testing.T) {
	cat := load(t)
	uses := []Use{use(t, cat, "POST /repos/{owner}/{repo}/issues", 14, ""), use(t, cat, "GET /repos/{owner}/{repo}/issues", 15, "")}
	for _, tc := range []struct {
		v      catalog.Visibility
		scopes string
		want   []string
	}{
		{catalog.PublicRepos, "[public_repo]", nil},
		{catalog.PublicRepos, "[repo]", []string{"ghperm.yml:2: excess-grant: scope repo is granted but the code needs at most public_repo (POST /repos/{owner}/{repo}/issues at internal/gh/gh.go:14)"}},
		{catalog.AnyVisibility, "[public_repo]", []string{"ghperm.yml:2: excess-grant: scope public_repo is granted but nothing needs it",
			"internal/gh/gh.go:14: missing-grant: POST /repos/{owner}/{repo}/issues (issues/create) needs the repo scope; the token has public_repo",
			"internal/gh/gh.go:15: missing-grant: GET /repos/{owner}/{repo}/issues (issues/list-for-repo) needs the repo scope; the token has public_repo"}},
	} {
		in := Input{Uses: uses, Grants: grants(t, cat, catalog.OAuth, "token: oauth\nscopes: "+tc.scopes+"\n"), Catalog: cat, Visibility: tc.v}
		if got := render(Compare(in)); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s %s: findings:\n got %s\nwant %s", tc.v, tc.scopes, strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
		}
	}
	if n := LeastPrivilegeFor(uses, nil, catalog.OAuth, cat, catalog.PublicRepos, nil); strings.Join(n.Scopes, " ") != "public_repo" {
		t.Errorf("LeastPrivilegeFor public: scopes %v, want [public_repo]", n.Scopes)
	}
}

func TestLeastPrivilege(t *testing.T) {
	cat := load(t)
	uses := []Use{
		use(t, cat, "GET /repos/{owner}/{repo}/pulls/{pull_number}", 20, ""),
		use(t, cat, "GET /repos/{owner}/{repo}/contents/{path}", 14, ""),
		use(t, cat, "POST /repos/{owner}/{repo}/check-runs", 30, ""),
		use(t, cat, "GET /user/installations", 40, ""),
		// An installation-only endpoint: its scope rule must not count.
		use(t, cat, "DELETE /installation/token", 50, ""),
	}
	n := LeastPrivilege(uses, []string{"check_run", "sponsorship", "no_such_event"}, catalog.Installation, cat)
	var got []string
	for _, p := range n.Permissions {
		s := p.Grant.String()
		for _, r := range p.Reasons {
			s += " " + r.Op.ID
		}
		for _, e := range p.Events {
			s += " event:" + e
		}
		got = append(got, s)
	}
	want := []string{
		"checks:write checks/create event:check_run",
		"contents:read pulls/get repos/get-content",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("permissions:\n got %q\nwant %q", got, want)
	}
	if got := n.Chosen["GET /repos/{owner}/{repo}/pulls/{pull_number}"].String(); got != "contents:read" {
		t.Errorf("chosen for pulls/get = %s, want contents:read", got)
	}
	if len(n.Unusable) != 1 || n.Unusable[0].Op.Path != "/user/installations" {
		t.Errorf("unusable = %v", n.Unusable)
	}
	if strings.Join(n.Scopes, " ") != "repo" {
		t.Errorf("scopes = %v, want [repo]", n.Scopes)
	}
	if strings.Join(n.UnknownEvents, " ") != "sponsorship" {
		t.Errorf("unknown events = %v, want [sponsorship]", n.UnknownEvents)
	}
}

// TestLeastPrivilegePrefersResource checks that an issues endpoint that
// accepts issues: write or pull_requests: write gets issues: write (the
// other works only on pull requests) even when pull_requests: read is
// needed anyway, and pull_requests: write when that is needed anyway.
func TestLeastPrivilegePrefersResource(t *testing.T) {
	cat := load(t)
	least := func(uses ...Use) string {
		var out []string
		for _, p := range LeastPrivilege(uses, nil, catalog.Installation, cat).Permissions {
			out = append(out, p.Grant.String())
		}
		return strings.Join(out, " ")
	}
	labels := use(t, cat, "POST /repos/{owner}/{repo}/issues/{issue_number}/labels", 10, "")
	if got := least(labels, use(t, cat, "GET /repos/{owner}/{repo}/pulls", 12, "")); got != "issues:write pull_requests:read" {
		t.Errorf("labels and pulls/list: %s, want issues:write pull_requests:read", got)
	}
	if got := least(labels, use(t, cat, "POST /repos/{owner}/{repo}/pulls", 12, "")); got != "pull_requests:write" {
		t.Errorf("labels and pulls/create: %s, want pull_requests:write (needed anyway)", got)
	}
	// The grants held keep their alternative, which check accepts.
	held := grants(t, cat, catalog.Installation, "default_permissions:\n  pull_requests: write\n").Manifest
	var got []string
	for _, p := range LeastPrivilegeFor([]Use{labels, use(t, cat, "GET /repos/{owner}/{repo}/pulls", 12, "")}, nil, catalog.Installation, cat, catalog.AnyVisibility, held).Permissions {
		got = append(got, p.Grant.String())
	}
	if strings.Join(got, " ") != "pull_requests:write" {
		t.Errorf("labels and pulls/list, holding pull_requests: write: %v, want pull_requests:write", got)
	}
}
