// Package catalog is ghperm's endpoint catalog: the vocabulary of GitHub
// permissions, OAuth scopes and token kinds, and the table of every REST
// operation with what each kind of token needs to call it.
//
// The table is generated from GitHub's own data (the OpenAPI descriptions
// in npm's @octokit/openapi and the permission data of github/docs) by
// `go generate ./catalog/...`, embedded in the binary, and indexed once by
// [Load]. Nothing here parses OpenAPI at analysis time.
package catalog
