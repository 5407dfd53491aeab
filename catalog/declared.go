package catalog

// DeclaredMethod is the Method of the operations that stand for needs
// declared with //ghperm:needs: no HTTP method, so no catalog key is
// ever one of them.
const DeclaredMethod = "//ghperm:needs"

// Declared returns the operation that stands for a call whose needs its
// author declared (a GraphQL query, a URL built at run time): it needs
// the permissions of grants, for every token kind that has permissions,
// and the OAuth scopes of scopes (all needed); none says it needs
// nothing at all. text is the declaration as written after the
// directive's name, which is the operation's Path: two calls with the
// same declaration are one use. The requirement's basis is
// BasisDeclared; with neither grants nor none the permission tokens'
// requirement is unknown, and likewise the scopes without scopes.
func Declared(text string, grants Set, scopes []string, none bool) *Operation {
	op := &Operation{Method: DeclaredMethod, Path: text, Summary: "needs declared with //ghperm:needs"}
	perm := Requirement{Basis: BasisUnknown}
	if len(grants) > 0 || none {
		perm = Requirement{Usable: true, Sets: []Set{grants}, Basis: BasisDeclared}
		if none {
			perm.Sets = nil
		}
	}
	op.Installation, op.User, op.FineGrained = perm, perm, perm
	if len(scopes) > 0 || none {
		op.ScopesKnown, op.ScopeBasis = true, ScopesDeclared
		if len(scopes) > 0 {
			op.Scopes = [][]string{scopes}
			op.PublicScopes = op.Scopes
		}
	}
	return op
}

// IsDeclared reports whether op stands for declared needs (see Declared).
func (op *Operation) IsDeclared() bool { return op.Method == DeclaredMethod }
