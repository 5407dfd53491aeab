package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestFromProse(t *testing.T) {
	sd, err := readScopes(upstream)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		desc string
		want string // fmt of the alternatives; "" = no scope stated
	}{
		{"Creates an issue.\n\nOAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.", "[[repo]]"},
		{"OAuth app tokens and personal access tokens (classic) need the `repo` or `security_events` scope to use this endpoint. If this endpoint is only used with public repositories, the token can use the `public_repo` scope instead.", "[[repo] [security_events]]"},
		{"OAuth app tokens and personal access tokens (classic) need the `admin:org` and `repo` scopes to use this endpoint.", "[[admin:org repo]]"},
		{"OAuth tokens and personal access tokens (classic) need the`admin:org` scope to use this endpoint. If the repository is private, OAuth tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.", "[[admin:org repo]]"},
		{"OAuth app tokens and personal access tokens (classic) need the `read:packages` scope to use this endpoint. If the repository is private, the `repo` scope is also required.", "[[read:packages repo]]"},
		// Wrapped lines are one sentence.
		{"You must authenticate using an access\ntoken with the `admin:org` scope to use this endpoint.", "[[admin:org]]"},
		// Names normalised by scope-names.tsv.
		{"OAuth app tokens and personal access tokens (classic) need the `manage_runner:org` scope to use this endpoint.", "[[manage_runners:org]]"},
		{"OAuth app tokens and personal access tokens (classic) need the `repo` or `repository_advisories:write` scope to use this endpoint.", "[[repo]]"},
		// Conditional prose states no requirement.
		{"OAuth app tokens and personal access tokens (classic) need the `admin:org` scope to see the full details about an organization.", ""},
		{"Depending on what is rendered in the Markdown, you may need to provide additional token scopes for labels, such as `issues:read` or `pull_requests:read`.", ""},
		{"Lists repositories. Requests with insufficient scope will receive a `403 Forbidden` response.", ""},
	}
	for _, tt := range tests {
		r, err := sd.fromProse(&opInfo{description: tt.desc})
		if err != nil {
			t.Errorf("%q: %v", tt.desc, err)
			continue
		}
		got := ""
		if r.known {
			got = fmt.Sprint(r.scopes)
		}
		if got != tt.want {
			t.Errorf("%q: scopes %s, want %s", tt.desc, got, tt.want)
		}
	}
	public := []struct{ desc, priv, pub string }{
		{"OAuth app tokens and personal access tokens (classic) need the `repo` or `security_events` scope to use this endpoint. If this endpoint is only used with public repositories, the token can use the `public_repo` scope instead.", "[[repo] [security_events]]", "[[repo] [security_events] [public_repo]]"},
		{"OAuth app tokens and personal access tokens (classic) need the `repo` scope to use this endpoint with private or public repositories, or the `public_repo` scope to use this endpoint with only public repositories.", "[[repo]]", "[[repo] [public_repo]]"},
		{"OAuth app tokens and personal access tokens (classic) need the `public_repo` or `repo` scope to create a public repository, and `repo` scope to create a private repository.", "[[repo]]", "[[public_repo] [repo]]"},
		{"OAuth tokens and personal access tokens (classic) need the`admin:org` scope to use this endpoint. If the repository is private, OAuth tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.", "[[admin:org repo]]", "[[admin:org] [admin:org repo]]"},
		{"If the repository is private, OAuth tokens and personal access tokens (classic) need the `repo` scope to use this endpoint.", "[[repo]]", "[]"},
		{"OAuth app tokens and personal access tokens (classic) need the `read:packages` scope to use this endpoint. If the repository is private, the `repo` scope is also required.", "[[read:packages repo]]", "[[read:packages] [read:packages repo]]"},
		{"You must use an access token with the `security_events` scope to use this endpoint with private repos, the `public_repo` scope also grants permission to read security events on public repos only.", "[[security_events]]", "[[public_repo] [security_events]]"},
	}
	for _, tt := range public {
		r, err := sd.fromProse(&opInfo{description: tt.desc})
		if err != nil || !r.known || fmt.Sprint(r.scopes) != tt.priv || fmt.Sprint(r.public) != tt.pub {
			t.Errorf("%q: private %v, public %v (known %v, %v), want %s, %s", tt.desc, r.scopes, r.public, r.known, err, tt.priv, tt.pub)
		}
	}
	for _, bad := range []string{
		"OAuth app tokens and personal access tokens (classic) need the `admin:everything` scope to use this endpoint.",
		"OAuth app tokens need the `repo` scope to use this endpoint. OAuth app tokens need the `gist` scope to use this endpoint.",
	} {
		if _, err := sd.fromProse(&opInfo{description: bad}); err == nil {
			t.Errorf("%q: no error", bad)
		} else if !strings.Contains(err.Error(), "scope") {
			t.Errorf("%q: error %v does not say what is wrong", bad, err)
		}
	}
}
