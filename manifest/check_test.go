package manifest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

func loadCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestCheck(t *testing.T) {
	cat := loadCatalog(t)
	m, errs := Parse("app.yml", []byte(`default_events:
  - pull_request
  - pull_requests
  - isue_comment
default_permissions:
  pull_request: write
  pull-requests: read
  workflows: read
  organization_plan: write
  repository_projects: admin
  issues: none
  frobnicate: read
`))
	checkErrs(t, errs, nil)
	checkErrs(t, Check(m, cat), []string{
		`3:5: unknown webhook event "pull_requests"; did you mean "pull_request"?`,
		`4:5: unknown webhook event "isue_comment"; did you mean "issue_comment"?`,
		`6:3: unknown permission "pull_request"; did you mean "pull_requests"?`,
		`7:3: unknown permission "pull-requests"; did you mean "pull_requests"?`,
		`8:14: workflows cannot be read; want write`,
		`9:22: organization_plan cannot be write; want read`,
		`12:3: unknown permission "frobnicate"`,
	})
}

func TestCheckScopes(t *testing.T) {
	cat := loadCatalog(t)
	s, errs := ParseConfig("ghperm.yml", []byte("token: oauth\nscopes: [repo, read:orgs, repo, admin:organization]\n"))
	checkErrs(t, errs, nil)
	checkErrs(t, CheckScopes(s.Scopes, cat), []string{
		`2:16: unknown OAuth scope "read:orgs"; did you mean "read:org"?`,
		`2:27: duplicate scope "repo"`,
		`2:33: unknown OAuth scope "admin:organization"`,
	})
}

func TestLoad(t *testing.T) {
	cat := loadCatalog(t)
	for _, tc := range []struct {
		name   string
		files  map[string]string
		token  catalog.Token
		grants string
		errs   []string // "file:line:col: msg" with file relative to the root
	}{
		{name: "app manifest", files: map[string]string{"app.yml": "default_permissions:\n  issues: write\n"},
			grants: "issues:write@2:3"},
		{name: "no manifest", files: map[string]string{"go.mod": "module x\n"},
			errs: []string{`-: no app manifest found (looked for a //ghperm:manifest directive, manifest: in ghperm.yml, and [app.yml .github/app.yml github-app.yml .github/github-app.yml app.yaml .github/app.yaml github-app.yaml .github/github-app.yaml app-manifest.json .github/app-manifest.json github-app.json .github/github-app.json] at the module root)`}},
		{name: "config names a missing manifest", files: map[string]string{"ghperm.yml": "manifest: gone.yml\n"},
			errs: []string{`gone.yml: cannot read the app manifest: no such file or directory`}},
		{name: "oauth", token: catalog.OAuth, files: map[string]string{"ghperm.yml": "token: oauth\nscopes: [repo]\nallow:\n  gist: gists over GraphQL\n"},
			errs: []string{`ghperm.yml:4:3: allow: gist, but the oauth token is not granted gist`}},
		{name: "actions", token: catalog.Actions, files: map[string]string{
			"ghperm.yml":                "token: actions\nworkflow: .github/workflows/bot.yml\nallow: {contents: git push}\n",
			".github/workflows/bot.yml": "permissions:\n  contents: write\n  pull-requests: read\n"},
			grants: "contents:write@2:3 pull_requests:read@3:3"},
		{name: "config permissions for a fine-grained token", token: catalog.FineGrained, files: map[string]string{
			"ghperm.yml": "token: fine-grained\npermissions:\n  workflows: read\n"},
			grants: "workflows:read@3:3",
			errs:   []string{`ghperm.yml:3:14: workflows cannot be read; want write`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := writeTree(t, tc.files)
			loc, err := Discover(root, "", "")
			if err != nil {
				t.Fatal(err)
			}
			g, errs := Load(loc, cat)
			var got []string
			for _, e := range errs {
				got = append(got, strings.ReplaceAll(e.Error(), root+string(filepath.Separator), ""))
			}
			if strings.Join(got, "\n") != strings.Join(tc.errs, "\n") {
				t.Errorf("errors:\n got %q\nwant %q", got, tc.errs)
			}
			if g == nil {
				t.Fatal("no grants")
			}
			if g.Token != tc.token {
				t.Errorf("token = %v, want %v", g.Token, tc.token)
			}
			if g.Manifest != nil || tc.grants != "" {
				if got := grantLines(g.Manifest); got != tc.grants {
					t.Errorf("grants = %s, want %s", got, tc.grants)
				}
			}
		})
	}
}
