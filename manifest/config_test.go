package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

func TestParseConfig(t *testing.T) {
	s, errs := ParseConfig("dir/ghperm.yml", []byte(`manifest: ../app.yml
token: oauth
scopes: [repo, "read:org"]
visibility: public
allow:
  write:packages: docker push to ghcr.io
`))
	checkErrs(t, errs, nil)
	if s.Manifest != filepath.FromSlash("app.yml") || s.Token != catalog.OAuth || len(s.Scopes) != 2 || s.Scopes[1].Name != "read:org" {
		t.Errorf("settings = %+v", s)
	}
	if s.Visibility != catalog.PublicRepos {
		t.Errorf("visibility = %v, want public", s.Visibility)
	}
	if len(s.Allow) != 1 || s.Allow[0].Key != "write:packages" || s.Allow[0].Reason != "docker push to ghcr.io" || s.Allow[0].Pos.Line != 6 {
		t.Errorf("allow = %+v", s.Allow)
	}

	_, errs = ParseConfig("ghperm.yml", []byte(`token: instalation
scopes: [repo]
workflow: w.yml
permissions: {issues: write}
manifest: app.yml
allow: {contents: ""}
tokens: x
visibility: internal
`))
	checkErrs(t, errs, []string{
		`1:8: unknown token kind "instalation"; did you mean "installation"?`,
		`2:10: scopes: apply to token: oauth, not installation`,
		`3:11: workflow: applies to token: actions, not installation`,
		`5:11: give either manifest: or permissions:, not both`,
		`6:19: allow: contents needs a reason`,
		`7:1: unknown config field "tokens"; did you mean "token"?`,
		`8:13: invalid visibility "internal" (want any, private, public)`,
	})

	_, errs = ParseConfig("ghperm.yml", []byte("visibility: public\n"))
	checkErrs(t, errs, []string{`1:13: visibility: applies to token: oauth, not installation`})

	// Without workflow:, the workflow is found when the grants are loaded.
	_, errs = ParseConfig("ghperm.yml", []byte("token: actions\n"))
	checkErrs(t, errs, nil)
}

// writeTree creates files (path -> content) under a new temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestDiscover(t *testing.T) {
	for _, tc := range []struct {
		name                string
		files               map[string]string
		explicit, directive string // relative to the root
		manifest, config    string // want, relative; "" for none
		how                 How
		err                 string
	}{
		{name: "nothing", files: map[string]string{"go.mod": ""}, how: NotFound},
		{name: "well-known", files: map[string]string{".github/app.yml": ""}, manifest: ".github/app.yml", how: ByName},
		{name: "ambiguous", files: map[string]string{"app.yml": "", "app-manifest.json": ""},
			err: "several app manifests (app.yml, app-manifest.json)"},
		{name: "config names it", files: map[string]string{"app.yml": "", "ghperm.yml": "manifest: deploy/app.json\n", "deploy/app.json": ""},
			manifest: "deploy/app.json", config: "ghperm.yml", how: ByConfig},
		{name: "directive beats config", files: map[string]string{"ghperm.yml": "manifest: x.yml\n", "cmd/a/app.yml": ""},
			directive: "cmd/a/app.yml", manifest: "cmd/a/app.yml", config: "ghperm.yml", how: ByDirective},
		{name: "config next to the manifest", files: map[string]string{"ghperm.yml": "", "cmd/a/app.yml": "", "cmd/a/.ghperm.yml": ""},
			directive: "cmd/a/app.yml", manifest: "cmd/a/app.yml", config: "cmd/a/.ghperm.yml", how: ByDirective},
		{name: "flag beats directive", files: map[string]string{"a.json": "", "b.yml": ""},
			explicit: "a.json", directive: "b.yml", manifest: "a.json", how: ByFlag},
		{name: "directive names a config", files: map[string]string{"app.yml": "", "cmd/a/ghperm.yml": "token: oauth\n"},
			directive: "cmd/a/ghperm.yml", manifest: "app.yml", config: "cmd/a/ghperm.yml", how: ByName},
		{name: "flag names a config", files: map[string]string{"app.yml": "", "etc/ghperm.yml": "token: oauth\n"},
			explicit: "etc/ghperm.yml", manifest: "app.yml", config: "etc/ghperm.yml", how: ByName},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := writeTree(t, tc.files)
			abs := func(p string) string {
				if p == "" {
					return ""
				}
				return filepath.Join(root, filepath.FromSlash(p))
			}
			loc, err := Discover(root, abs(tc.explicit), abs(tc.directive))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := Location{Manifest: abs(tc.manifest), How: tc.how, Config: abs(tc.config), Root: root, Flag: abs(tc.explicit)}
			if loc != want {
				t.Errorf("Discover = %+v\nwant       %+v", loc, want)
			}
		})
	}
}
