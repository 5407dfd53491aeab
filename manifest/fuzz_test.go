package manifest

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

var seedManifests = []string{
	`{"name":"Octoapp","url":"https://www.example.com","hook_attributes":{"url":"https://example.com/github/events"},"public":true,` +
		`"default_permissions":{"issues":"write","checks":"write"},"default_events":["issues","issue_comment","check_suite","check_run"]}`,
	`{"default_permissions":{"issues":"write","issues":"read","checks":"wirte"},"default_events":[1,"x","x"]}`,
	"{\n  \"default_permissions\": {\n    \"contents\": \"write\",\n  }\n}\n",
	`{"a": "\u00e9\n", "b": [1, 2.5e3, null, true]}`,
	"name: bot\ndefault_events:\n  - pull_request\ndefault_permissions:\n  pull_requests: read\n  contents: write # ghperm:allow git push\n",
	"x: &p\n  issues: write\ndefault_permissions: *p\n",
	"a: &a [*a]\n",
	"default_permissions: {issues: [read], \"é\": write}\n",
	"permissions: read-all\njobs:\n  a:\n    permissions:\n      pull-requests: write\n",
	"token: oauth\nscopes: [repo, read:org]\nallow: {contents: git}\n",
	"",
}

// checkPositions asserts that every position lies in data.
func checkPositions(t *testing.T, data []byte, m *Manifest, errs ErrorList) {
	t.Helper()
	valid := func(p Pos, what string) {
		if p.Line < 1 || p.Col < 1 || p.Offset < 0 || p.Offset > len(data) {
			t.Fatalf("%s at invalid position %+v (len %d)", what, p, len(data))
		}
		if got := newLines("", data).pos(p.Offset); got.Line != p.Line || got.Col != p.Col {
			t.Fatalf("%s: line:col %d:%d does not match offset %d (%d:%d)", what, p.Line, p.Col, p.Offset, got.Line, got.Col)
		}
	}
	for _, e := range errs {
		valid(e.Pos, "error "+e.Msg)
	}
	if m == nil {
		return
	}
	for _, p := range m.Permissions {
		valid(p.Pos, "permission "+p.Key)
		valid(p.LevelPos, "level of "+p.Key)
	}
	for _, e := range m.Events {
		valid(e.Pos, "event "+e.Name)
	}
}

func addSeeds(f *testing.F) {
	for _, s := range seedManifests {
		f.Add([]byte(s))
	}
}

func FuzzParseJSON(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, errs := Parse("m.json", data)
		checkPositions(t, data, m, errs)
		syntaxErr := len(errs) > 0 && (strings.HasPrefix(errs[0].Msg, "syntax error") || errs[0].Msg == "file is empty")
		// A byte order mark is accepted (blanked); the limits are not
		// syntax errors.
		valid := json.Valid(bytes.TrimPrefix(data, utf8BOM))
		if valid == syntaxErr {
			t.Fatalf("json.Valid = %v but errors %v", valid, errs)
		}
		if len(errs) > 0 && (strings.HasPrefix(errs[0].Msg, "nested too deeply") || strings.HasPrefix(errs[0].Msg, "too many values")) {
			return
		}
		if m == nil {
			return
		}
		for _, p := range m.Permissions {
			if data[p.Pos.Offset] != '"' || data[p.LevelPos.Offset] != '"' {
				t.Fatalf("permission %s: position %d is not the key's opening quote", p.Key, p.Pos.Offset)
			}
		}
		// Without errors, the grants are what encoding/json reads.
		var v struct {
			DefaultPermissions map[string]string `json:"default_permissions"`
		}
		if len(errs) == 0 && json.Unmarshal(bytes.TrimPrefix(data, utf8BOM), &v) == nil {
			if len(v.DefaultPermissions) != len(m.Permissions) {
				t.Fatalf("read %d grants, encoding/json %d", len(m.Permissions), len(v.DefaultPermissions))
			}
			for _, p := range m.Permissions {
				if v.DefaultPermissions[p.Key] != p.Level.String() {
					t.Fatalf("grant %s:%s, encoding/json says %q", p.Key, p.Level, v.DefaultPermissions[p.Key])
				}
			}
		}
	})
}

func FuzzParseYAML(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, errs := Parse("app.yml", data)
		checkPositions(t, data, m, errs)
	})
}

func FuzzParseWorkflow(f *testing.F) {
	for _, s := range seedManifests {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "a")
	}
	f.Fuzz(func(t *testing.T, data []byte, job string) {
		m, errs := ParseWorkflow("w.yml", data, job)
		checkPositions(t, data, m, errs)
		if m != nil {
			for _, p := range m.Permissions {
				if !ActionsGrantable(p.Key) {
					t.Fatalf("workflow grants %s, which the GITHUB_TOKEN cannot have", p.Key)
				}
			}
		}
	})
}

func FuzzParseConfig(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, errs := ParseConfig("ghperm.yml", data)
		var m *Manifest
		if s != nil {
			m = s.Permissions
			for _, sc := range s.Scopes {
				checkPositions(t, data, nil, ErrorList{{Pos: sc.Pos, Msg: "scope"}})
			}
		}
		checkPositions(t, data, m, errs)
	})
}

// FuzzCheck parses an app manifest and checks its names against the real
// catalog: suggestions are computed for arbitrary names.
func FuzzCheck(f *testing.F) {
	addSeeds(f)
	cat := loadCatalog(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _ := Parse("app.yml", data)
		if m == nil {
			return
		}
		errs := Check(m, cat)
		checkPositions(t, data, m, errs)
		for _, p := range m.Permissions {
			if _, ok := cat.Permission(p.Key); !ok && !slices.ContainsFunc(errs, func(e *Error) bool { return e.Pos == p.Pos }) {
				t.Fatalf("unknown permission %q not reported", p.Key)
			}
		}
	})
}
