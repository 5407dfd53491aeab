package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const upstream = "../../upstream"

// TestReproducible checks that the committed catalog is what the committed
// inputs generate (what `go generate ./catalog/...` does).
func TestReproducible(t *testing.T) {
	out := filepath.Join(t.TempDir(), "zz_generated.go")
	if err := generate(upstream, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../zz_generated.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("catalog/zz_generated.go is not what the inputs in catalog/upstream generate: run go generate ./catalog/...")
	}
}

// copyInputs copies the generator's inputs into a temporary directory.
func copyInputs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(upstream, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(upstream, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// edit rewrites an input file and, for checksummed data, its checksum, so
// that the test reaches the check it means to exercise.
func edit(t *testing.T, dir, name string, f func(string) string) {
	t.Helper()
	path := filepath.Join(dir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := f(string(data))
	if changed == string(data) {
		t.Fatalf("%s: edit changed nothing", name)
	}
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, sums := range checksummed {
		sumsPath := filepath.Join(dir, sums)
		rel, err := filepath.Rel(filepath.Dir(sumsPath), path)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		old := fmt.Sprintf("%x  %s\n", sha256.Sum256(data), rel)
		s, _ := os.ReadFile(sumsPath)
		if bytes.Contains(s, []byte(old)) {
			s = bytes.Replace(s, []byte(old), []byte(fmt.Sprintf("%x  %s\n", sha256.Sum256([]byte(changed)), rel)), 1)
			if err := os.WriteFile(sumsPath, s, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestGenerateFailsLoudly(t *testing.T) {
	tests := []struct {
		name    string
		break_  func(t *testing.T, dir string)
		wantErr []string // all must appear in the error
		early   bool     // the generator stops before it parses the OpenAPI descriptions
	}{
		{"missing file", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, docsDir, "user-to-server-rest.json"))
		}, []string{"user-to-server-rest.json"}, true},
		{"missing OpenAPI file", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "openapi", "ghes-3.18.json"))
		}, []string{"ghes-3.18.json"}, true},
		{"changed data without checksum", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "permission-sets.tsv")
			data, _ := os.ReadFile(p)
			os.WriteFile(p, append(data, '\n'), 0o644)
		}, []string{"SHA256SUMS", "permission-sets.tsv", "checksum"}, true},
		{"changed docs shape", func(t *testing.T, dir string) {
			edit(t, dir, docsDir+"/server-to-server-permissions.json", func(s string) string {
				return strings.Replace(s, `"additional-permissions"`, `"additionalPermissions"`, 1)
			})
		}, []string{"server-to-server-permissions.json", "additionalPermissions"}, false},
		{"unknown access level", func(t *testing.T, dir string) {
			edit(t, dir, docsDir+"/fine-grained-pat-permissions.json", func(s string) string {
				return strings.Replace(s, `"access": "read"`, `"access": "maintain"`, 1)
			})
		}, []string{"fine-grained-pat-permissions.json", "maintain"}, false},
		{"unknown permission key in curated sets", func(t *testing.T, dir string) {
			edit(t, dir, "permission-sets.tsv", func(s string) string {
				return strings.Replace(s, "contents:write | artifact_metadata:write", "contents:write | artefact_metadata:write", 1)
			})
		}, []string{"permission-sets.tsv:", "artefact_metadata", "POST /orgs/{org}/artifacts/metadata/deployment-record"}, false},
		{"unknown permission key in the docs data", func(t *testing.T, dir string) {
			edit(t, dir, docsDir+"/server-to-server-permissions.json", func(s string) string {
				return strings.Replace(s, `"organization_api_insights": {`, `"organization_api_insight": {`, 1)
			})
		}, []string{"fpt-2026-03-10", "organization_api_insight", "permission-keys.tsv"}, false},
		{"flattened operation without curated sets", func(t *testing.T, dir string) {
			edit(t, dir, "permission-sets.tsv", func(s string) string {
				return regexp.MustCompile(`(?m)^GET\t/repos/\{owner\}/\{repo\}/pulls/\{pull_number\}\t.*\n`).ReplaceAllString(s, "")
			})
		}, []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}", "permission-sets.tsv"}, false},
		{"stale curated requirement", func(t *testing.T, dir string) {
			edit(t, dir, "curated-requirements.tsv", func(s string) string {
				return s + "GET\t/repos/{owner}/{repo}/issues\tinstallation\tissues:read\tverified\tdocs data lists it\n"
			})
		}, []string{"curated-requirements.tsv:", "GET /repos/{owner}/{repo}/issues", "not applied"}, false},
		{"unknown scope in prose", func(t *testing.T, dir string) {
			edit(t, dir, "scope-names.tsv", func(s string) string {
				return regexp.MustCompile(`(?m)^manage_runner:org\t.*\n`).ReplaceAllString(s, "")
			})
		}, []string{"GET /orgs/{org}/actions/hosted-runners", "manage_runner:org"}, false},
		{"stale scope rule", func(t *testing.T, dir string) {
			edit(t, dir, "scope-rules.tsv", func(s string) string {
				return s + "GET\t/no/such/path\trepo\ttest\n"
			})
		}, []string{"scope-rules.tsv:", "match no operation"}, false},
		{"stale token statement", func(t *testing.T, dir string) {
			edit(t, dir, "token-statements.tsv", func(s string) string {
				return s + "oauth\tThis sentence is in no description.\ttest\n"
			})
		}, []string{"token-statements.tsv:", "in no description"}, false},
		{"token statement for an unknown token kind", func(t *testing.T, dir string) {
			edit(t, dir, "token-statements.tsv", func(s string) string {
				return strings.Replace(s, "\noauth\t", "\nclassic\t", 1)
			})
		}, []string{"token-statements.tsv:", `"classic"`}, false},
		{"OpenAPI operation without operationId", func(t *testing.T, dir string) {
			edit(t, dir, "openapi/ghec.json", func(s string) string {
				return strings.Replace(s, `"operationId": "meta/root",`, ``, 1)
			})
		}, []string{"ghec.json", "GET /", "no operationId"}, false},
		{"webhook permission title unknown", func(t *testing.T, dir string) {
			edit(t, dir, "openapi/api.github.com.json", func(s string) string {
				return strings.Replace(s, `read-level access for the \"Issues\" repository permission`, `read-level access for the \"Tickets\" repository permission`, 1)
			})
		}, []string{"api.github.com.json", "x-webhooks.", "Tickets"}, false},
		{"described permission the vocabulary has", func(t *testing.T, dir string) {
			edit(t, dir, "openapi/api.github.com.json", func(s string) string {
				return strings.Replace(s, `\"Agent tasks\" repository permissions (read)`, `\"Agent secrets\" repository permissions (read)`, 1)
			})
		}, []string{"/agents/", "agent_secrets", "read it into sets"}, false},
		{"event override for no event", func(t *testing.T, dir string) {
			edit(t, dir, "event-overrides.tsv", func(s string) string {
				return strings.Replace(s, "\nping\t", "\npong\t", 1)
			})
		}, []string{"event-overrides.tsv", "pong"}, false},
		{"path alias without evidence", func(t *testing.T, dir string) {
			edit(t, dir, "path-aliases.tsv", func(s string) string {
				return strings.Replace(s, "/organizations/{org_id}/team/{team_id}\t", "/organization/{org_id}/team/{team_id}\t", 1)
			})
		}, []string{"path-aliases.tsv", "teams/get-by-name", "does not name the route /organization/{org_id}/team/{team_id}"}, false},
		{"path alias evidence elsewhere", func(t *testing.T, dir string) {
			edit(t, dir, "path-aliases.tsv", func(s string) string {
				return strings.Replace(s, "\treactions/delete-for-commit-comment\t", "\tteams/get-by-name\t", 1)
			})
		}, []string{"path-aliases.tsv", "teams/get-by-name", "not under /repos/{owner}/{repo}"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && !tt.early {
				t.Skip("parses GitHub's OpenAPI descriptions (about 1 s of CPU); run without -short")
			}
			t.Parallel()
			dir := copyInputs(t)
			tt.break_(t, dir)
			outDir := t.TempDir()
			out := filepath.Join(outDir, "zz_generated.go")
			const previous = "// previous catalog\n"
			os.WriteFile(out, []byte(previous), 0o644)
			err := generate(dir, out)
			if err == nil {
				t.Fatal("generate succeeded, want an error")
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
			if data, _ := os.ReadFile(out); string(data) != previous {
				t.Error("the previous catalog was overwritten")
			}
			if entries, _ := os.ReadDir(outDir); len(entries) != 1 {
				t.Errorf("%d files left in the output directory, want only the previous catalog", len(entries))
			}
		})
	}
}

// TestFineGrainedList checks that fine-grained-pat.json decides whether
// fine-grained tokens can call an operation the permission file lacks.
func TestFineGrainedList(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the catalog twice from GitHub's OpenAPI descriptions (about 2 s of CPU); run without -short")
	}
	const key = "GET /repos/{owner}/{repo}/agents/secrets"
	basis := func(dir string) string {
		t.Helper()
		tab, err := build(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range tab.ops {
			if g.o.key() == key {
				return g.pat.basis
			}
		}
		t.Fatalf("%s not generated", key)
		return ""
	}
	dir := copyInputs(t)
	if got := basis(dir); got != "BasisListedOnly" {
		t.Fatalf("%s: fine-grained basis %s, want BasisListedOnly", key, got)
	}
	edit(t, dir, docsDir+"/fine-grained-pat.json", func(s string) string {
		// another method: no join by docs anchor brings the entry back
		return strings.Replace(s, "\"verb\": \"get\",\n      \"requestPath\": \"/repos/{owner}/{repo}/agents/secrets\"\n", "\"verb\": \"head\",\n      \"requestPath\": \"/repos/{owner}/{repo}/agents/secrets\"\n", 1)
	})
	if got := basis(dir); got != "BasisNotFineGrained" {
		t.Errorf("%s left out of fine-grained-pat.json: basis %s, want BasisNotFineGrained", key, got)
	}
}
