package catalog

import (
	"path"
	"slices"
	"strings"
)

// Conditional needs: what a call needs beyond its operation's requirement
// when it does something particular. The analyzer decides whether the call
// does; the catalog says what that costs and on what evidence.

// Workflows is the permission GitHub Apps (and fine-grained tokens) need
// to write GitHub Actions workflow files ("The level of permission to
// grant the access token to update GitHub Actions workflow files", the
// app-permissions schema).
const Workflows = "workflows"

// WorkflowScope is the OAuth scope classic tokens need for it ("Grants
// the ability to add and update GitHub Actions workflow files", the scopes
// page; the description of PUT /repos/{owner}/{repo}/contents/{path}: "The
// `workflow` scope is also required in order to modify files in the
// `.github/workflows` directory").
const WorkflowScope = "workflow"

// WorkflowDir is the directory of a repository that holds its GitHub
// Actions workflow files.
const WorkflowDir = ".github/workflows/"

// WritesWorkflowFiles reports whether op can write a workflow file, so
// that a call that does needs workflows: write as well: GitHub's
// permission data lists such an operation under Contents and again under
// Workflows, which the catalog holds as the alternatives "contents:write |
// contents:write & workflows:write" (creating, updating or deleting a file
// through the contents API, creating or moving a ref, creating or updating
// a release, which may create its tag).
func (op *Operation) WritesWorkflowFiles() bool {
	for _, r := range []Requirement{op.Installation, op.User, op.FineGrained} {
		if workflowPair(r.Sets) {
			return true
		}
	}
	return false
}

// workflowPair reports whether sets has a set A without workflows and
// the set A & workflows:write.
func workflowPair(sets []Set) bool {
	for _, a := range sets {
		if slices.ContainsFunc(a, isWorkflowGrant) {
			continue
		}
		for _, b := range sets {
			if len(b) == len(a)+1 && slices.ContainsFunc(b, isWorkflowGrant) && coversSet(b, a) {
				return true
			}
		}
	}
	return false
}

func isWorkflowGrant(g Grant) bool { return g.Key == Workflows && g.Level >= Write }

// coversSet reports whether every grant of a is in b.
func coversSet(b, a Set) bool {
	for _, g := range a {
		if !slices.Contains(b, g) {
			return false
		}
	}
	return true
}

// IsWorkflowPath reports whether p, a file path in a repository as the
// contents API takes it ("src/main.go", ".github/workflows/ci.yml"), is
// in the workflow directory.
func IsWorkflowPath(p string) bool {
	clean := strings.TrimPrefix(path.Clean("/"+p), "/")
	return strings.HasPrefix(clean, WorkflowDir)
}

// WorkflowFileNote is what to say of a call to an operation that
// WritesWorkflowFiles when the file it writes is not known.
const WorkflowFileNote = "if it writes a file under " + WorkflowDir + " it also needs workflows: write (classic tokens: the workflow scope)"

// RequirementWritingWorkflow returns what token kind t needs for a call
// to op that writes a workflow file: the alternatives of
// op.Requirement(t) that hold workflows: write (every alternative with
// it added when none does). It is op.Requirement(t) when op does not
// WritesWorkflowFiles, or when the requirement is not usable or not known;
// for OAuth tokens see ScopesWritingWorkflow.
func (op *Operation) RequirementWritingWorkflow(t Token) Requirement {
	r := op.Requirement(t)
	if !op.WritesWorkflowFiles() || !r.Usable || !r.Known() || t == OAuth || t == AppJWT {
		return r
	}
	var sets []Set
	for _, s := range r.Sets {
		if slices.ContainsFunc(s, isWorkflowGrant) {
			sets = append(sets, s)
		}
	}
	if len(sets) == 0 {
		for _, s := range r.Sets {
			sets = append(sets, append(slices.Clone(s), Grant{Workflows, Write}))
		}
		if len(sets) == 0 {
			sets = []Set{{{Workflows, Write}}}
		}
	}
	r.Sets = sets
	r.Evidence = strings.TrimPrefix(r.Evidence+"; writes a workflow file: GitHub lists the operation under Workflows (write) too", "; ")
	return r
}

// ScopesWritingWorkflow returns the OAuth scope alternatives of a call
// to op that writes a workflow file on repositories of visibility v:
// each alternative of op.ScopesFor(v) with the workflow scope added. It
// is op.ScopesFor(v) when op does not WritesWorkflowFiles.
func (op *Operation) ScopesWritingWorkflow(v Visibility) [][]string {
	alts := op.ScopesFor(v)
	if !op.WritesWorkflowFiles() {
		return alts
	}
	if len(alts) == 0 {
		return [][]string{{WorkflowScope}}
	}
	out := make([][]string, len(alts))
	for i, a := range alts {
		out[i] = append(slices.Clone(a), WorkflowScope)
	}
	return out
}
