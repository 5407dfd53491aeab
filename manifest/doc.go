// Package manifest reads what a GitHub App or token is granted: GitHub App
// manifests (the JSON of GitHub's manifest flow, or the same keys in YAML as
// in probot's app.yml, where a level may also be none), the permissions:
// block of a GitHub Actions workflow (the GITHUB_TOKEN), and ghperm's own
// config file (ghperm.yml: the token kind, OAuth scopes, and the reasons
// for grants used outside REST).
//
// Every key, level, event and scope keeps its position (file, line,
// column and byte offset), so that findings point at the line to edit.
// Parsing never stops at the first problem: it returns what it could read
// and every problem found, each with its position. Parse checks syntax and
// shape; Check and Load check names against the catalog's vocabulary
// and suggest the closest known name ("pull_request": did you mean
// "pull_requests"?).
//
// [Discover] finds the files of a module; its comment gives the order.
package manifest
