package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// spec is a small OpenAPI description shaped like GitHub's.
const spec = `{
 "openapi": "3.0.3",
 "info": {"title": "t", "version": "1.0.0"},
 "tags": [{"name": "issues"}],
 "paths": {"/repos/{owner}/{repo}/issues": {
  "parameters": [{"name": "owner", "in": "path", "required": true, "schema": {"type": "string"}}],
  "post": {"operationId": "issues/create", "summary": "Create an issue", "description": "OAuth app tokens need the ` + "`repo`" + ` scope.",
   "deprecated": true, "tags": ["issues"],
   "externalDocs": {"url": "https://docs.github.com/rest/issues/issues#create-an-issue"},
   "x-github": {"category": "issues", "subcategory": "issues", "enabledForGitHubApps": true},
   "responses": {"201": {"description": "Created"}}}},
  "/repos/{owner}/{repo}/contents/{path}": {
  "get": {"operationId": "repos/get-content", "summary": "Get repository content", "description": "",
   "parameters": [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/content-path"}],
   "externalDocs": {"url": "https://docs.github.com/rest/repos/contents#get-repository-content"},
   "x-github": {"category": "repos", "subcategory": "contents", "enabledForGitHubApps": true},
   "responses": {"200": {"description": "OK"}}}}},
 "x-webhooks": {"issues-opened": {"post": {"operationId": "issues/opened", "summary": "at least read-level access for the \"Issues\" repository permission.",
  "x-github": {"category": "webhooks", "subcategory": "issues"}, "requestBody": {"content": {}}}}},
 "components": {
  "parameters": {
   "owner": {"name": "owner", "in": "path", "required": true, "schema": {"type": "string"}},
   "content-path": {"name": "path", "description": "path parameter", "in": "path", "required": true, "schema": {"type": "string"}, "x-multi-segment": true}},
  "schemas": {
  "app-permissions": {"type": "object", "properties": {"issues": {"type": "string", "enum": ["read", "write"]}}},
  "issue": {"type": "object"}}}
}`

func TestRefresh(t *testing.T) {
	from, to := t.TempDir(), t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(from, f), []byte(spec), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := refresh(from, to); err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(filepath.Join(to, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(to, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			fmt.Sprintf("%x  original/%s\n", sha256.Sum256([]byte(spec)), f),
			fmt.Sprintf("%x  %s\n", sha256.Sum256(data), f),
		} {
			if !strings.Contains(string(sums), want) {
				t.Errorf("SHA256SUMS lacks %q", want)
			}
		}
		for _, dropped := range []string{"responses", `"owner"`, "path parameter", "requestBody", `"tags"`, `"issue"`} {
			if strings.Contains(string(data), dropped) {
				t.Errorf("%s: trimmed file still has %s", f, dropped)
			}
		}
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			t.Fatalf("%s: kin-openapi cannot load the trimmed file: %v", f, err)
		}
		op := doc.Paths.Find("/repos/{owner}/{repo}/issues").Post
		if op.OperationID != "issues/create" || op.Summary == "" || !strings.Contains(op.Description, "`repo`") ||
			!op.Deprecated || op.ExternalDocs == nil || op.Extensions["x-github"] == nil {
			t.Errorf("%s: trimmed operation lost fields: %+v", f, op)
		}
		if len(op.Parameters) != 0 {
			t.Errorf("%s: issues/create kept %d parameters, want none", f, len(op.Parameters))
		}
		ps := doc.Paths.Find("/repos/{owner}/{repo}/contents/{path}").Get.Parameters
		if len(ps) != 1 || ps[0].Value == nil || ps[0].Value.Name != "path" || ps[0].Value.Extensions["x-multi-segment"] != true {
			t.Errorf("%s: repos/get-content parameters %v, want the x-multi-segment path parameter only", f, ps)
		}
		if doc.Components.Schemas["app-permissions"] == nil || doc.Extensions["x-webhooks"] == nil {
			t.Errorf("%s: app-permissions or x-webhooks lost", f)
		}
	}
}

func TestRefreshFailsOnChangedShape(t *testing.T) {
	from := t.TempDir()
	for _, f := range files {
		s := spec
		if f == "ghec.json" {
			s = strings.Replace(spec, `"app-permissions"`, `"app-perms"`, 1)
		}
		os.WriteFile(filepath.Join(from, f), []byte(s), 0o644)
	}
	to := t.TempDir()
	err := refresh(from, to)
	if entries, _ := os.ReadDir(to); len(entries) != 0 {
		t.Errorf("refresh wrote %d files before failing", len(entries))
	}
	if err == nil || !strings.Contains(err.Error(), "ghec.json") || !strings.Contains(err.Error(), "app-permissions") {
		t.Errorf("refresh: %v, want an error naming ghec.json and app-permissions", err)
	}
}
