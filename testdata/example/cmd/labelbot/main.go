// Command labelbot is a small GitHub App: it labels an issue, comments on
// it, and lists the open pull requests of the repository.
//
// It is ghperm's bundled example: its manifest (app.yml) grants
// administration, which no call needs, and lacks pull_requests, which
// ListOpenPulls needs.
package main

import (
	"context"
	"log"
	"os"

	"example.com/labelbot/internal/gh"
	"github.com/google/go-github/v74/github"
)

func main() {
	ctx := context.Background()
	client := github.NewClient(nil).WithAuthToken(os.Getenv("GITHUB_TOKEN"))
	owner, repo := "octo-org", "octo-repo"

	if err := gh.Welcome(ctx, client, owner, repo, 1); err != nil {
		log.Fatal(err)
	}
	pulls, err := gh.ListOpenPulls(ctx, client, owner, repo)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%d open pull requests", len(pulls))
	if err := gh.Ping(ctx, client, os.Getenv("GITHUB_HOOK_URL")); err != nil {
		log.Fatal(err)
	}
}
