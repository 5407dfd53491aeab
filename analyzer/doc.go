// Package analyzer defines ghperm's analysis pass: it finds the GitHub API
// calls of a Go program and the REST endpoints they reach.
//
// # Analyzer ghperm
//
// ghperm: check GitHub API calls against the app's granted permissions
//
// (The user manual of the checks grows here as they are built.)
package analyzer
