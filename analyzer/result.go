package analyzer

import (
	"go/token"

	"github.com/ghperm/ghperm/catalog"
)

// Result is what the pass found in one package: every call site that
// reaches GitHub, resolved or not. It is the single source for reporting
// missing grants at call sites and for computing what a program needs.
//
// A site is listed where the package's code hands control to GitHub
// client code or to another package: a client-library call (go-github
// method or escape hatch, go-gh, net/http, GraphQL) or a call to a
// function of another package whose FuncFact says it reaches endpoints
// (StyleWrapper). Calls between functions of the same package are not
// sites: the API calls inside the callee already are.
type Result struct {
	Calls      []Call // resolved sites, in source order
	Unresolved []Call // sites whose endpoint is unknown, in source order
	// Token is the kind of token the program's grants were compared for:
	// the governing manifest's, or Installation when none governs.
	Token catalog.Token
}

// Call is one call site.
type Call struct {
	Pos, End token.Pos
	Callee   string // e.g. "(*github.PullRequestsService).Get", "ghwrap.Fetch"
	Style    Style
	// Endpoints are the operations this call may reach. For a client
	// call with several (a go-github method whose arguments do not pick
	// one of its operations) they are alternatives; a wrapper reaches all.
	Endpoints []Endpoint
	// Reason says why the endpoint is unknown (Unresolved only).
	Reason string
	// Inner holds, for a wrapper call, the callee's own unresolved calls:
	// this call reaches GitHub in ways not listed in Endpoints.
	Inner []Reach
}

// Endpoint is one operation reached by a call.
type Endpoint struct {
	Key string // "METHOD /path/{template}", the catalog key
	// Chain leads from this call site (its first step) down to the API
	// call: a single step for a direct client call.
	Chain []Step
}

// Style is how a call reaches GitHub.
type Style string

const (
	StyleGoGitHub Style = "go-github"    // a go-github service method
	StyleEscape   Style = "escape-hatch" // go-github NewRequest & co.
	StyleGoGH     Style = "go-gh"        // a cli/go-gh REST client method
	StyleNetHTTP  Style = "net/http"     // net/http to the API's URL
	StyleGraphQL  Style = "graphql"      // a GraphQL query or mutation
	StyleWrapper  Style = "wrapper"      // a function of another package
	StyleIface    Style = "interface"    // a call through an interface
)
