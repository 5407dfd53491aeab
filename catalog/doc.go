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
// Some needs depend on what a call does, which only the analyzer can tell
// ([Operation.WritesWorkflowFiles], [Operation.RequirementWritingWorkflow],
// [Operation.ScopesWritingWorkflow], [IsWorkflowPath], [WorkflowFileNote];
// [Event.ActionNeeds]). For a call to such an operation, the analyzer
// should use RequirementWritingWorkflow (and ScopesWritingWorkflow) when
// the folded file path is known and IsWorkflowPath holds (go-github's
// Repositories.CreateFile/UpdateFile/DeleteFile of
// ".github/workflows/ci.yml"), the plain requirement when the path is
// known and is not a workflow path, and report WorkflowFileNote beside
// the plain requirement when the path (or, for refs and releases, the
// commit) is not known.
//
// Lookup and Match know GitHub's routes by numeric ID
// ("/repositories/{repository_id}/..." is "/repos/{owner}/{repo}/...",
// [PathAlias]) and parameters whose values contain "/"
// ([Operation.MultiSegment]); an operation GitHub no longer describes is
// not in the table, and [Catalog.Resolve] says so ([ErrNotInCatalog]).
package catalog
