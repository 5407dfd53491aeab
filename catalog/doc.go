// Package catalog is ghperm's endpoint catalog: the vocabulary of GitHub
// permissions, OAuth scopes, webhook events and token kinds, and the table
// of every REST operation of api.github.com, GHEC and GHES with what each
// kind of token needs to call it.
//
// The table is generated from GitHub's own data (the OpenAPI descriptions
// in npm's @octokit/openapi and the permission data of github/docs, with
// curated and override tables that carry their evidence) by
// `go generate ./catalog/...`, embedded in the binary as Go composite
// literals, and indexed by [Load]. Nothing here parses OpenAPI at analysis
// time. catalog/upstream/README.md says where every input comes from and
// how to refresh it.
//
// Every requirement says what it rests on (Requirement.Basis): GitHub's
// permission data, the curated sets, an endpoint list, the description,
// x-github, or nothing (unknown). Unknown is never silently "nothing
// needed".
//
// Lookup and Match know GitHub's routes by numeric ID
// ("/repositories/{repository_id}/..." is "/repos/{owner}/{repo}/...",
// [PathAlias]) and parameters whose values contain "/"
// ([Operation.MultiSegment]); an operation GitHub no longer describes is
// not in the table, and [Catalog.Resolve] says so ([ErrNotInCatalog]).
package catalog
