package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/compare"
)

// A graphFact is the package fact of every package that takes part in
// GitHub calls: the call graph, pruned to the functions that reach GitHub,
// of the package and of every package below it. go vet shows a package
// only its direct imports' package facts, so each fact carries the union
// of its imports' graphs: the fact of a main package holds the whole
// program's, and reachability from the program's roots is decided there.
// Client libraries carry an empty graphFact, which marks their importers
// as worth analysing.
type graphFact struct {
	Self string      // the package's path
	Pkgs []*pkgGraph // sorted by Path, the package's own included
}

// pkgGraph is one package's part of the graph.
type pkgGraph struct {
	Path string
	// Funcs are the package's functions that reach GitHub: those that
	// make a GitHub call, or call, reference or register (convert to an
	// interface) one that does. The package's initialisation (its init
	// functions and variable initialisers) is the node keyed Path+".init".
	Funcs []*funcNode // sorted by Key
	// Impls are the interfaces mentioning client types to which the
	// package converts a concrete type: an interface call through one
	// is resolved by the conversions, through another it is unresolved.
	Impls []string
}

// funcNode is one function that reaches GitHub. The graph holds no
// positions, so that a package's fact does not change when its lines
// move (go vet would then analyse every package above it again): a call
// is known by its function and its index in Sites or Edges (a Place), and
// each package's Result maps its own places to positions.
type funcNode struct {
	Key   string // "import/path.Func", "import/path.(*T).M", "import/path.init"
	Name  string // for people: "gh.ListOpenPulls", "(*gh.Bot).Run"
	Sites []site // the GitHub calls its body makes (closures included), in source order
	Edges []edge // the functions it reaches, in source order
	// Events are the webhook events its body handles, sorted.
	Events []string

	pkg string // the package's path (not encoded: its pkgGraph's)
}

// site is one GitHub call in a function's body.
type site struct {
	Callee string // the client function called, for people
	Style  Style
	// Endpoints are the catalog keys the call may reach: alternatives
	// when a go-github method's arguments do not pick one.
	Endpoints []string
	Reason    string // why the endpoint is unknown, if it is
	// Declared is the //ghperm:needs declaration of a call ghperm cannot
	// resolve (its canonical text, see declaration.text): the call
	// needs what it declares, and Endpoints and Reason are empty.
	Declared string
	// Workflow says whether the call writes a workflow file.
	Workflow compare.Workflow
	// By is the token kind of the call's client, if the code shows it.
	By compare.ClientToken
	// Param, when By is unknown, is the parameter (1-based) that holds
	// the client, of the function keyed From (the site's own if empty: a
	// struct field may hold what its constructor was given): its kind is
	// the argument's, at that function's calls.
	Param uint8
	From  string
	// Iface is set on a call through an interface that mentions client
	// types: unresolved unless the program converts a type to it.
	Iface string
}

// edge is how a function reaches another.
type edge struct {
	To   string // the key of the function reached
	Kind Kind
	// Args are, for a call, the token kinds of the clients it passes, by
	// parameter; nil when it passes none of a kind known here.
	Args []argKind
}

// argKind is the token kind of a client passed as an argument: known
// (By), or that of a parameter (1-based) of the calling function.
type argKind struct {
	By    compare.ClientToken
	Param uint8
}

// Kind is how one function reaches another.
type Kind uint8

const (
	KindCall       Kind = iota // called
	KindValue                  // referenced as a value (a handler, a callback)
	KindRegistered             // a method of a type converted to an interface
)

// A methodsFact is the package fact of go-github: what each of its
// methods that call the API reaches ("RepositoriesService.Get": the
// operations named by its //meta:operation directives, alternatives
// narrowed at call sites). One package fact, not a fact per method:
// go vet copies the facts of methods into the fact file of every package
// downstream, and go-github has over a thousand.
type methodsFact struct {
	Methods []methodOps // sorted by Name (a map would not encode deterministically)
}

// methodOps is what one go-github method reaches.
type methodOps struct {
	Name       string   // "RepositoriesService.Get"
	Endpoints  []string // catalog keys
	Unresolved []string // why an operation it names cannot be resolved
}

// method returns the named method's operations.
func (f *methodsFact) method(name string) (*methodOps, bool) {
	i, ok := slices.BinarySearchFunc(f.Methods, name, func(m methodOps, name string) int { return strings.Compare(m.Name, name) })
	if !ok {
		return nil, false
	}
	return &f.Methods[i], true
}

// keys are the endpoint keys the site reaches: its Endpoints, or the key
// that stands for its declaration.
func (s *site) keys() []string {
	if s.Declared != "" {
		return []string{declaredKey(s.Declared)}
	}
	return s.Endpoints
}

func (*graphFact) AFact()   {}
func (*methodsFact) AFact() {}

// String summarises the package's own part of the graph, for
// analysistest's fact expectations: its functions and the endpoints their
// bodies call.
func (f *graphFact) String() string {
	i, ok := slices.BinarySearchFunc(f.Pkgs, f.Self, func(g *pkgGraph, path string) int { return strings.Compare(g.Path, path) })
	if !ok {
		return fmt.Sprintf("graph of %d packages", len(f.Pkgs))
	}
	own := f.Pkgs[i]
	var parts []string
	for _, n := range own.Funcs {
		var eps []string
		for _, s := range n.Sites {
			if s.Reason != "" {
				eps = append(eps, "unresolved")
			}
			eps = append(eps, s.keys()...)
		}
		slices.Sort(eps)
		eps = slices.Compact(eps)
		s := n.Name
		if len(eps) > 0 {
			s += " [" + strings.Join(eps, ", ") + "]"
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("graph of %d packages: %s", len(f.Pkgs), strings.Join(parts, "; "))
}

func (f *methodsFact) String() string { return fmt.Sprintf("go-github methods: %d", len(f.Methods)) }
