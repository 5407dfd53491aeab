package manifest

import (
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

// TestSetPermissions edits the shapes of permissions blocks that
// testdata/fix does not have: absent, empty, emptied, flow mappings with
// their last entries removed, one-entry JSON, a workflow's read-all.
func TestSetPermissions(t *testing.T) {
	r, w := catalog.Read, catalog.Write
	for _, tc := range []struct {
		name, path, in, out string
		want                map[string]catalog.Level
	}{
		{"absent yaml", "app.yml", "name: a\n", "name: a\ndefault_permissions:\n  issues: read\n", map[string]catalog.Level{"issues": r}},
		{"absent yaml, no newline", "app.yml", "name: a", "name: a\ndefault_permissions:\n  issues: read\n", map[string]catalog.Level{"issues": r}},
		{"empty flow", "app.yml", "default_permissions: {}\n", "default_permissions: {checks: write, issues: read}\n", map[string]catalog.Level{"issues": r, "checks": w}},
		{"emptied block", "app.yml", "default_permissions: # all\n  issues: read\n  pages: write\nname: a\n", "default_permissions: {} # all\nname: a\n", map[string]catalog.Level{}},
		{"flow, last removed", "app.yml", "default_permissions: {issues: read, pages: write, checks: read}\n", "default_permissions: {issues: read}\n", map[string]catalog.Level{"issues": r}},
		{"flow, first removed, one added", "app.yml", "default_permissions: {pages: write, issues: read}\n", "default_permissions: {issues: read, checks: write}\n", map[string]catalog.Level{"issues": r, "checks": w}},
		{"flow, all replaced", "app.yml", "default_permissions: {pages: write}\n", "default_permissions: {checks: write}\n", map[string]catalog.Level{"checks": w}},
		{"json, one entry", "m.json", "{\n  \"default_permissions\": {\n    \"issues\": \"read\"\n  }\n}\n", "{\n  \"default_permissions\": {\n    \"issues\": \"read\",\n    \"pages\": \"write\"\n  }\n}\n", map[string]catalog.Level{"issues": r, "pages": w}},
		{"json, absent", "m.json", "{\n  \"name\": \"a\"\n}\n", "{\n  \"name\": \"a\",\n  \"default_permissions\": {\n    \"issues\": \"read\"\n  }\n}\n", map[string]catalog.Level{"issues": r}},
		{"json, empty", "m.json", "{\"default_permissions\": {}}\n", "{\"default_permissions\": {\n  \"issues\": \"read\"\n}}\n", map[string]catalog.Level{"issues": r}},
		{"crlf", "app.yml", "default_permissions:\r\n  pages: write\r\n  issues: read\r\n", "default_permissions:\r\n  issues: write\r\n  checks: read\r\n", map[string]catalog.Level{"issues": w, "checks": r}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, errs := Parse(tc.path, []byte(tc.in))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			got, err := SetPermissions(m, []byte(tc.in), tc.want)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.out {
				t.Errorf("got\n%q\nwant\n%q", got, tc.out)
			}
			if m2, errs := Parse(tc.path, got); len(errs) > 0 || len(m2.Permissions) != len(tc.want) {
				t.Errorf("the result does not parse to the wanted grants: %v %+v", errs, m2)
			}
		})
	}
}

// TestSetPermissionsWorkflow: read-all becomes a mapping of what is wanted.
func TestSetPermissionsWorkflow(t *testing.T) {
	in := "jobs:\n  a:\n    permissions: read-all # for now\n    runs-on: x\n"
	m, errs := ParseWorkflow("w.yml", []byte(in), "a")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got, err := SetPermissions(m, []byte(in), map[string]catalog.Level{"pull_requests": catalog.Read, "issues": catalog.Write})
	if err != nil {
		t.Fatal(err)
	}
	want := "jobs:\n  a:\n    permissions:\n      issues: write\n      pull-requests: read # for now\n    runs-on: x\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestSetScopes edits a flow list of scopes and adds an absent one.
func TestSetScopes(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{"token: oauth\nscopes: [repo, admin:org]\n", "token: oauth\nscopes: [repo, read:org]\n"},
		{"token: oauth\n", "token: oauth\nscopes:\n  - repo\n  - read:org\n"},
	} {
		s, errs := ParseConfig("ghperm.yml", []byte(tc.in))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		got, err := SetScopes(s, []byte(tc.in), []string{"repo", "read:org"})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.out {
			t.Errorf("got\n%q\nwant\n%q", got, tc.out)
		}
	}
}
