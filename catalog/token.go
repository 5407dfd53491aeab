package catalog

// Token is a kind of credential that calls the REST API: the one type of
// ghperm for token kinds, with one table of their names (as ghperm.yml
// and the -token flags spell them).
type Token uint8

const (
	Installation Token = iota // GitHub App installation access token (server-to-server)
	User                      // GitHub App user access token (user-to-server)
	FineGrained               // fine-grained personal access token
	OAuth                     // OAuth app token or classic personal access token (scopes)
	AppJWT                    // GitHub App JSON Web Token (the /app endpoints)
	// Actions is the GITHUB_TOKEN of a GitHub Actions workflow: an
	// installation token of the GitHub Actions app, which needs what
	// installation tokens need and can hold only the permissions a
	// workflow's permissions: block can grant.
	Actions
)

var tokenNames = [...]struct{ name, phrase, as string }{
	Installation: {"installation", "an installation access token", "as an installation"},
	User:         {"user", "a user access token", "for a user"},
	FineGrained:  {"fine-grained", "a fine-grained personal access token", "with a fine-grained token"},
	OAuth:        {"oauth", "an OAuth app token or classic personal access token", "with an OAuth token"},
	AppJWT:       {"app", "the app's JWT", "as the app (JWT)"},
	Actions:      {"actions", "the Actions GITHUB_TOKEN", "with the GITHUB_TOKEN"},
}

// String is the token kind's name: "installation", "fine-grained".
func (t Token) String() string { return tokenNames[t].name }

// Phrase is the token kind in a sentence: "an installation access token".
func (t Token) Phrase() string { return tokenNames[t].phrase }

// As says who a call is made as, with a token of kind t: "as the app
// (JWT)", "as an installation", "for a user".
func (t Token) As() string { return tokenNames[t].as }

// Tokens are the token kinds, in order.
func Tokens() []Token {
	ts := make([]Token, len(tokenNames))
	for i := range ts {
		ts[i] = Token(i)
	}
	return ts
}

// ParseToken parses a token kind's name.
func ParseToken(s string) (Token, bool) {
	for t, n := range tokenNames {
		if s == n.name {
			return Token(t), true
		}
	}
	return Installation, false
}
