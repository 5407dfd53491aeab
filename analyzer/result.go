package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
)

// Result is what the pass found in one package: every call site that
// reaches GitHub, resolved or not, and at a main package what the program
// reaches from its roots. It is the single source for reporting missing
// grants at call sites and for computing what a program needs.
//
// A site is listed where the package's code hands control to GitHub
// client code or to another package: a client-library call (go-github
// method or escape hatch, go-gh, net/http, GraphQL), or a call, a
// reference as a value or a conversion to an interface (a registration)
// of a function or method of another package that reaches GitHub
// (StyleWrapper, StyleValue, StyleRegistered). Between functions of the
// same package there are no sites: the API calls inside the callee
// already are.
type Result struct {
	Calls      []Call // resolved sites, in source order
	Unresolved []Call // sites whose endpoint is unknown, in source order
	// Token is the kind of token the program's grants were compared for:
	// the governing manifest's, or Installation when none governs.
	Token catalog.Token
	// Program is set on main packages: what the program reaches from its
	// roots, and what it does not.
	Program *Program
	// Findings are the diagnostics the pass reported, in order, each with
	// the data it is about, for drivers that render more than the text.
	Findings []Finding

	places map[string]*funcPlaces // by function key: the package's own
}

// funcPlaces are the positions of a function of the package that
// reaches GitHub: its declaration, and its graph node's sites and edges,
// in their order.
type funcPlaces struct {
	decl         token.Pos
	sites, edges []token.Pos
}

// Position returns the position of a place of r's package (NoPos for a
// place of another package): drivers that see every package find each
// step's position in the Result of its package (Place.Pkg).
func (r *Result) Position(pl Place) token.Pos {
	fp := r.places[pl.Func]
	if fp == nil {
		return token.NoPos
	}
	var list []token.Pos
	switch pl.Kind {
	case PlaceDecl:
		return fp.decl
	case PlaceSite:
		list = fp.sites
	case PlaceEdge:
		list = fp.edges
	}
	if pl.N < 0 || pl.N >= len(list) {
		return token.NoPos
	}
	return list[pl.N]
}

// Place is where a step's call, reference or conversion is, or a root's
// declaration, without a position (see Result.Position): the N-th site or
// edge of a function of the graph, or its declaration.
type Place struct {
	Pkg  string // the function's package path
	Func string // its key ("import/path.(*T).M")
	Name string // its name, for people ("(*gh.Bot).Run")
	Kind PlaceKind
	N    int // the index among the function's sites or edges
}

// PlaceKind says what of its function a Place is.
type PlaceKind uint8

const (
	PlaceDecl PlaceKind = iota // the declaration (the package clause for the initialisation)
	PlaceSite                  // a GitHub call of its body
	PlaceEdge                  // a call, reference or conversion that reaches another function
)

func (pl Place) String() string { return pl.Name }

// Finding is a reported diagnostic and what it is about.
type Finding struct {
	analysis.Diagnostic
	Endpoint string // the catalog key of the endpoint concerned, if any
	Key      string // the permission key, scope or event concerned, if any
	// Chain leads from the diagnostic's position down to the GitHub call
	// concerned, if any.
	Chain []Step
	// Manifest is the place in the manifest, config or workflow the
	// finding is about (an excess grant's line, the grants a missing one
	// is compared with), if any.
	Manifest token.Pos
	// PackageView marks a finding of a package other than main, at a call
	// it makes, from its module's grants: a driver that also analyses the
	// main packages has their findings about the same call.
	PackageView bool
}

// direct returns r with only the calls the package makes itself, not
// through functions of other packages.
func (r *Result) direct() *Result {
	d := &Result{places: r.places}
	for _, c := range r.Calls {
		switch c.Style {
		case StyleWrapper, StyleValue, StyleRegistered, StyleIface:
			continue
		}
		d.Calls = append(d.Calls, c)
	}
	return d
}

// SiteChain returns the chain by which the site of a use (as Uses
// returns them) reaches the endpoint key: in a main package from the root
// that reaches the call, else from the call.
func (r *Result) SiteChain(pos token.Pos, key string) []Step {
	for _, c := range r.Calls {
		if c.Pos != pos {
			continue
		}
		for _, e := range c.Endpoints {
			if e.Key == key {
				return append(slices.Clip(c.Path), e.Chain...)
			}
		}
	}
	if r.Program != nil && pos == r.Program.Anchor {
		for _, pc := range r.Program.Reached {
			if slices.Contains(pc.Endpoints, key) {
				return pc.RootChain()
			}
		}
	}
	return nil
}

// RootChain is the call's chain with its root as first step.
func (pc *ProgramCall) RootChain() []Step {
	return append([]Step{{Name: pc.Root, At: pc.RootAt}}, pc.Chain...)
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
	// Declared is the //ghperm:needs declaration that gives an
	// otherwise unresolved call its needs (its canonical text): the call
	// reaches the one Endpoint that stands for it (catalog.Declared).
	Declared string
	// Workflow says whether the call writes a GitHub Actions workflow
	// file, which needs more than its endpoints' requirements.
	Workflow compare.Workflow
	// By is the token kind of the call's client, if the code shows it.
	By compare.ClientToken
	// Inner holds, for a wrapper call, the callee's own unresolved calls:
	// this call reaches GitHub in ways not listed in Endpoints.
	Inner []Inner
	// Reached reports, in a main package, whether the program's roots
	// reach the function that makes this call; Path is then how: the
	// root, then the steps down to that function.
	Reached bool
	Path    []Step

	owner *localFunc
	param paramRef // see site.Param
}

// Endpoint is one operation reached by a call.
type Endpoint struct {
	Key string // "METHOD /path/{template}", the catalog key
	// Workflow says whether the call at the end of Chain writes a
	// workflow file; By is the token kind of its client, if known.
	Workflow compare.Workflow
	By       compare.ClientToken
	// Chain leads from this call site (its first step) down to the API
	// call: a single step for a direct client call.
	Chain []Step
}

// Inner is a GitHub call whose endpoint is unknown, reached through a
// call site.
type Inner struct {
	Reason string
	Chain  []Step // from the call site down to the unresolved call
}

// Step is one call in a chain: the function entered, and where: At, or
// for a client call that the package itself makes, Pos.
type Step struct {
	Name string    // e.g. "(*github.PullRequestsService).Get"
	At   Place     // the call, reference or conversion (a root: its declaration)
	Pos  token.Pos // the call, if in the Result's own package and not a Place
	Kind Kind
}

// Label is the step's function as chains print it: registered handlers
// and functions passed as values are marked.
func (s Step) Label() string {
	switch s.Kind {
	case KindRegistered:
		return "(registered) " + s.Name
	case KindValue:
		return "(value) " + s.Name
	}
	return s.Name
}

// String is the step's label and the function it is in, if known.
func (s Step) String() string {
	if s.At.Name == "" {
		return s.Label()
	}
	return s.Label() + " in " + s.At.Name
}

// Program is what a program reaches from its roots: main.main, and the
// initialisation (init functions, variable initialisers) of every one of
// its packages.
type Program struct {
	// Reached are the GitHub calls the roots reach, each with a shortest
	// chain from a root.
	Reached []ProgramCall
	// Unreached are the GitHub calls in the program's packages (its own,
	// and its dependencies other than the client libraries) that no root
	// reaches: dead code, or code reached in a way ghperm does not follow.
	Unreached []ProgramCall
	// Anchor is where findings about the program as a whole go: its
	// //ghperm:manifest directive, or its package clause.
	Anchor token.Pos
	// Events are the webhook events reached code handles, sorted by name,
	// each with the first handler the roots reach.
	Events []HandledEvent
}

// HandledEvent is a webhook event the program handles.
type HandledEvent struct {
	Name  string
	At    Place  // the handler's declaration
	Chain []Step // from a root down to the handler
}

// ProgramCall is one GitHub call of the program.
type ProgramCall struct {
	At        Place // the call
	Callee    string
	Endpoints []string // catalog keys (alternatives); none if unresolved
	Workflow  compare.Workflow
	By        compare.ClientToken
	Reason    string // why the endpoint is unknown
	Root      string // the root it is reached from (Reached only)
	RootAt    Place  // the root's declaration (Reached only)
	Chain     []Step // from the root down to the call (Reached only)
}

// Style is how a call reaches GitHub.
type Style string

const (
	StyleGoGitHub   Style = "go-github"    // a go-github service method
	StyleEscape     Style = "escape-hatch" // go-github NewRequest & co.
	StyleGoGH       Style = "go-gh"        // a cli/go-gh REST client method
	StyleNetHTTP    Style = "net/http"     // net/http to the API's URL
	StyleGraphQL    Style = "graphql"      // a GraphQL query or mutation
	StyleWrapper    Style = "wrapper"      // a call of a function of another package
	StyleValue      Style = "value"        // a function of another package used as a value
	StyleRegistered Style = "registered"   // a type converted to an interface: its methods
	StyleIface      Style = "interface"    // a call through an interface
)
