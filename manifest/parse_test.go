package manifest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

// errLines renders errs as "line:col: msg" for comparison.
func errLines(errs ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg))
	}
	return out
}

func checkErrs(t *testing.T, errs ErrorList, want []string) {
	t.Helper()
	got := errLines(errs)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n got %q\nwant %q", got, want)
	}
}

// grantLines renders grants as "key:level@line:col".
func grantLines(m *Manifest) string {
	var out []string
	for _, p := range m.Permissions {
		s := fmt.Sprintf("%s:%s@%d:%d", p.Key, p.Level, p.Pos.Line, p.Pos.Col)
		if p.Allow != "" {
			s += "(" + p.Allow + ")"
		}
		out = append(out, s)
	}
	for _, e := range m.Events {
		out = append(out, fmt.Sprintf("event %s@%d:%d", e.Name, e.Pos.Line, e.Pos.Col))
	}
	return strings.Join(out, " ")
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, path, data string
		grants           string
		errs             []string
	}{{
		name: "json",
		path: "app-manifest.json",
		data: "{\n  \"name\": \"Octoapp\",\n  \"url\": \"https://example.com\",\n" +
			"  \"default_permissions\": {\n    \"issues\": \"write\",\n    \"checks\": \"read\"\n  },\n" +
			"  \"default_events\": [\"issues\", \"check_run\"]\n}\n",
		grants: "issues:write@5:5 checks:read@6:5 event issues@8:22 event check_run@8:32",
	}, {
		name: "yaml",
		path: "app.yml",
		data: "name: bot\ndefault_events:\n  - pull_request\ndefault_permissions:\n" +
			"  pull_requests: read\n  contents: write # ghperm:allow git push over HTTPS\n  issues: none\n",
		grants: "pull_requests:read@5:3 contents:write@6:3(git push over HTTPS) issues:none@7:3 event pull_request@3:5",
	}, {
		name:   "json duplicates and bad levels",
		path:   "m.json",
		data:   `{"default_permissions":{"issues":"write","checks":"wirte","issues":"read","pages":3},"default_events":["push","push",1]}`,
		grants: "issues:write@1:25 event push@1:104",
		errs: []string{
			`1:51: invalid level "wirte" for checks; did you mean "write"?`,
			`1:59: duplicate permission "issues"`,
			`1:83: the level of pages is a number or boolean; want a string`,
			`1:111: duplicate event "push"`,
			`1:118: an event is a number or boolean; want a string`,
		},
	}, {
		name:   "yaml shape errors",
		path:   "app.yml",
		data:   "default_permission:\n  issues: write\ndefault_permissions:\n  contents: [read]\n  pages:\n  checks: bogus\ndefault_events: issues\n",
		grants: "",
		errs: []string{
			`1:1: unknown manifest field "default_permission"; did you mean "default_permissions"?`,
			`4:13: the level of contents is a list; want a string`,
			`5:9: the level of pages is empty; want a string`,
			`6:11: invalid level "bogus" for checks; want read, write or none`,
			`7:17: default_events is a string; want a list`,
		},
	}, {
		name:   "allow without reason",
		path:   "app.yml",
		data:   "default_permissions:\n  contents: write # ghperm:allow\n  issues: read # ghperm:allowed is not the directive\n",
		grants: "contents:write@2:3 issues:read@3:3",
		errs:   []string{`2:13: ghperm:allow needs a reason: # ghperm:allow <why the grant is needed>`},
	}, {
		name:   "alias",
		path:   "app.yml",
		data:   "x: &p\n  issues: write\ndefault_permissions: *p\n",
		grants: "issues:write@2:3",
		errs:   []string{`1:1: unknown manifest field "x"`},
	}, {
		name:   "merge keys",
		path:   "app.yml",
		data:   "x-common: &common\n  issues: write\n  checks: read\ndefault_permissions:\n  <<: *common\n  checks: write\n",
		grants: "checks:write@6:3 issues:write@2:3",
	}, {
		name: "not a mapping",
		path: "app.yml",
		data: "- issues\n",
		errs: []string{`1:1: the manifest is a list; want a mapping`},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			m, errs := Parse(tc.path, []byte(tc.data))
			checkErrs(t, errs, tc.errs)
			if m == nil {
				t.Fatal("no manifest")
			}
			if got := grantLines(m); got != tc.grants {
				t.Errorf("grants:\n got %s\nwant %s", got, tc.grants)
			}
		})
	}
}

func TestParseSyntaxErrors(t *testing.T) {
	for _, tc := range []struct{ path, data, want string }{
		{"m.json", "{\n  \"default_permissions\": {\n    \"issues\": \"write\",\n  }\n}\n",
			"4:3: syntax error: invalid character '}' looking for beginning of object key string"},
		{"m.json", `{"a": 1} x`, "1:10: syntax error: extra data after the JSON value"},
		{"m.json", `{"a": "x`, "1:9: syntax error: unexpected end of JSON input"},
		{"m.json", `{"a" 1}`, "1:6: syntax error: invalid character '1' after object key"},
		{"m.json", " \n\t", "1:1: file is empty"},
		{"app.yml", "name: x\n  default_permissions: [\n", "2:3: syntax error: mapping values are not allowed in this context"},
		{"app.yml", "# only a comment\n", "1:1: the manifest is empty; want a mapping"},
		{"app.yml", "a: &a [*a]\n", "1:8: alias refers to itself"},
	} {
		m, errs := Parse(tc.path, []byte(tc.data))
		if got := errLines(errs); len(got) != 1 || got[0] != tc.want {
			t.Errorf("Parse(%q) errors = %q, want %q", tc.data, got, tc.want)
		}
		if m != nil && len(m.Permissions) > 0 {
			t.Errorf("Parse(%q) returned grants %s", tc.data, grantLines(m))
		}
	}
}

func TestLevelsAndOffsets(t *testing.T) {
	data := "default_permissions:\n  \"é\": write\n  administration: admin\n"
	m, errs := Parse("app.yml", []byte(data))
	checkErrs(t, errs, nil)
	p := m.Permissions[1]
	if p.Level != catalog.Admin {
		t.Errorf("level = %v, want admin", p.Level)
	}
	// Offsets are bytes: the key after a two-byte character's line.
	if got := data[p.Pos.Offset:][:len("administration")]; got != "administration" {
		t.Errorf("offset %d points at %q", p.Pos.Offset, got)
	}
	if lv := m.Permissions[0].LevelPos; data[lv.Offset:lv.Offset+5] != "write" || lv.Col != 9 {
		t.Errorf("level position %+v: col counts bytes, want 9", lv)
	}
}
