// Package gh wraps the GitHub API calls of labelbot.
package gh

import (
	"context"
	"net/http"

	"github.com/google/go-github/v74/github"
)

// Welcome labels a new issue and comments on it.
func Welcome(ctx context.Context, c *github.Client, owner, repo string, number int) error {
	if _, _, err := c.Issues.AddLabelsToIssue(ctx, owner, repo, number, []string{"triage"}); err != nil {
		return err
	}
	_, _, err := c.Issues.CreateComment(ctx, owner, repo, number, &github.IssueComment{
		Body: github.Ptr("Thanks! A maintainer will look at this soon."),
	})
	return err
}

// ListOpenPulls lists the open pull requests of a repository.
func ListOpenPulls(ctx context.Context, c *github.Client, owner, repo string) ([]*github.PullRequest, error) {
	pulls, _, err := c.PullRequests.List(ctx, owner, repo, &github.PullRequestListOptions{State: "open"})
	return pulls, err
}

// Ping sends a request to a URL known only at run time: no tool can tell
// which endpoint it reaches.
func Ping(ctx context.Context, c *github.Client, url string) error {
	req, err := c.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(ctx, req, nil)
	return err
}
