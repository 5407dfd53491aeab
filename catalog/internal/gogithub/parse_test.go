package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A package shaped like go-github: services share the client, methods build
// requests with s.client.NewRequest and send them with s.client.Do.
const fakeGitHub = `package github

import (
	"context"
	"net/http"
)

type Client struct {
	Users *UsersService
	Repos *RepositoriesService
}

type service struct{ client *Client }

type UsersService service
type RepositoriesService service

func (c *Client) NewRequest(method, u string, body any) (*http.Request, error) { return nil, nil }
func (c *Client) Do(ctx context.Context, req *http.Request, v any) error   { return nil }

// Get fetches a user.
//
// GitHub API docs: https://docs.github.com/rest/users/users#get-a-user
//
//meta:operation GET /user
//meta:operation GET /users/{username}
func (s *UsersService) Get(ctx context.Context, user string) error {
	req, _ := s.client.NewRequest("GET", "user", nil)
	return s.client.Do(ctx, req, nil)
}

// GetIter has no directive and calls Get.
func (s *UsersService) GetIter(ctx context.Context) error { return s.Get(ctx, "") }

// Owner reaches the API through another service.
func (s *UsersService) Owner(ctx context.Context) error {
	return s.client.Repos.Get(ctx)
}

// Get fetches a repository. Old go-github had no directive.
//
// GitHub API docs: https://docs.github.com/en/rest/reference/repos#get-a-repository
func (s *RepositoriesService) Get(ctx context.Context) error {
	return get(ctx, s.client)
}

func get(ctx context.Context, c *Client) error { return c.Do(ctx, nil, nil) }

// Deprecated: Alias is the old name of Get.
func (s *RepositoriesService) Alias(ctx context.Context) error {
	u := (*UsersService)(s)
	return u.Owner(ctx)
}

// String makes no request.
func (s *UsersService) String() string { return "users" }

func (s *UsersService) unexported(ctx context.Context) error { return s.Get(ctx, "") }
`

func TestParseGitHubPackage(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"github.go":        fakeGitHub,
		"github_test.go":   "package github\n\nfunc (s *UsersService) TestOnly() error { return s.Get(nil, \"\") }\n",
		"gen-accessors.go": "//go:build ignore\n\npackage main\n\ntype UsersService struct{}\n\nfunc (s *UsersService) Gen() {}\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := parseGitHubPackage(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]method{}
	var names []string
	for _, m := range ms {
		got[m.Name] = m
		names = append(names, m.Name)
	}
	want := []string{"Client.Do", "Client.NewRequest", "RepositoriesService.Alias", "RepositoriesService.Get", "UsersService.Get", "UsersService.GetIter", "UsersService.Owner", "UsersService.String", "UsersService.unexported"}
	if !slices.Equal(names, want) {
		t.Fatalf("methods %q, want %q", names, want)
	}
	for name, service := range map[string]bool{
		"UsersService.Get": true, "UsersService.GetIter": true, "UsersService.Owner": true, "RepositoriesService.Get": true,
		"RepositoriesService.Alias": true,
		"UsersService.String":       false, "UsersService.unexported": false, "Client.Do": false,
	} {
		if got[name].Service != service {
			t.Errorf("%s: service method = %v, want %v", name, got[name].Service, service)
		}
	}
	ops := []string{"GET /user", "GET /users/{username}"}
	if m := got["UsersService.Get"]; !slices.Equal(m.Ops, ops) || m.Via != nil ||
		!slices.Equal(m.DocsURLs, []string{"https://docs.github.com/rest/users/users#get-a-user"}) {
		t.Errorf("UsersService.Get = %+v", m)
	}
	if m := got["UsersService.GetIter"]; !slices.Equal(m.Ops, ops) || !slices.Equal(m.Via, []string{"UsersService.Get"}) {
		t.Errorf("UsersService.GetIter = %+v, want Get's operations via Get", m)
	}
	if m := got["RepositoriesService.Get"]; m.Ops != nil {
		t.Errorf("RepositoriesService.Get = %+v, want no operations", m)
	}
}

func TestParseGitHubPackageErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := parseGitHubPackage(dir); err == nil {
		t.Error("empty directory: no error")
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.go"), []byte("package github\nfunc ("), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := parseGitHubPackage(dir); err == nil {
		t.Error("syntax error: no error")
	}
}

func TestRuns(t *testing.T) {
	got := runs(map[[3]string][]int{
		{"S.M", "GET /b", ""}: {57, 58, 59, 65, 66},
		{"S.M", "GET /a", ""}: {57},
	})
	want := []row{
		{name: "S.M", op: "GET /a", first: 57, last: 57},
		{name: "S.M", op: "GET /b", first: 57, last: 59},
		{name: "S.M", op: "GET /b", first: 65, last: 66},
	}
	if !slices.Equal(got, want) {
		t.Errorf("runs = %+v, want %+v", got, want)
	}
}

func TestDocsKey(t *testing.T) {
	for link, want := range map[string]string{
		"https://docs.github.com/rest/repos/repos#get-a-repository":                              "repos#get-a-repository",
		"https://docs.github.com/en/rest/reference/repos#get-a-repository":                       "repos#get-a-repository",
		"https://docs.github.com/en/free-pro-team@latest/rest/reference/repos/#get-a-repository": "repos#get-a-repository",
		"https://developer.github.com/v3/actions/artifacts/#get-an-artifact":                     "actions#get-an-artifact",
		"https://docs.github.com/rest/repos/repos?apiVersion=2022-11-28#get-a-repository":        "repos#get-a-repository",
		"https://developer.github.com/v3/repos/":                                                 "",
		"https://docs.github.com/rest/repos/repos":                                               "",
	} {
		if got := docsKey(link); got != want {
			t.Errorf("docsKey(%q) = %q, want %q", link, got, want)
		}
	}
}

func TestParseRange(t *testing.T) {
	if f, l, err := parseRange("32-56"); err != nil || f != 32 || l != 56 {
		t.Errorf("parseRange(32-56) = %d, %d, %v", f, l, err)
	}
	if f, l, err := parseRange("45"); err != nil || f != 45 || l != 45 {
		t.Errorf("parseRange(45) = %d, %d, %v", f, l, err)
	}
	for _, bad := range []string{"", "56-32", "x-40", "1-3"} {
		if _, _, err := parseRange(bad); err == nil {
			t.Errorf("parseRange(%q): no error", bad)
		}
	}
}
