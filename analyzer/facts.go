package analyzer

import (
	"fmt"
	"go/token"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Limits that keep facts small: facts are written for every package that
// (transitively) imports a GitHub client, so they must stay cheap.
const (
	maxChain    = 6 // steps kept in one example chain
	maxExamples = 3 // unresolved examples kept per function or package
)

// A FuncFact is the object fact of a function or method that reaches GitHub
// REST endpoints. On a go-github method it holds the operations named by the
// method's //meta:operation directives (alternatives, narrowed at call
// sites); on any other function, the endpoints its body reaches directly or
// through its callees (all of them, each with one example chain).
type FuncFact struct {
	Endpoints  []Reach // sorted by Endpoint
	Unresolved []Reach // at most maxExamples examples
	// UnresolvedCount counts all unresolved calls, including those beyond
	// the examples kept.
	UnresolvedCount int
}

// A PackageFact summarises a package that takes part in GitHub calls: its
// own endpoints plus the union of its direct imports' package facts, so
// the facts of a main package cover the whole program under every driver
// (go vet shows a package only its direct imports' facts). Client
// libraries carry an empty PackageFact, which marks their importers as
// worth analysing.
type PackageFact struct {
	Endpoints       []Reach // sorted by Endpoint, one example chain each
	Unresolved      []Reach // at most maxExamples examples
	UnresolvedCount int
}

// A MethodsFact is the package fact of go-github: what each of its
// methods that call the API reaches ("RepositoriesService.Get": the
// operations named by its //meta:operation directives, alternatives
// narrowed at call sites). One package fact, not a FuncFact per method:
// go vet copies the facts of methods into the fact file of every package
// downstream, and go-github has over a thousand.
type MethodsFact struct {
	Methods []Method // sorted by Name (a map would not encode deterministically)
}

// Method is what one go-github method reaches.
type Method struct {
	Name string // "RepositoriesService.Get"
	FuncFact
}

// method returns the named method's fact.
func (f *MethodsFact) method(name string) (*FuncFact, bool) {
	i, ok := slices.BinarySearchFunc(f.Methods, name, func(m Method, name string) int { return strings.Compare(m.Name, name) })
	if !ok {
		return nil, false
	}
	return &f.Methods[i].FuncFact, true
}

// Reach is one endpoint reached (or one unresolved call), with an example
// chain of calls from the fact's owner down to the API call.
type Reach struct {
	Endpoint string // catalog key "METHOD /path"; empty if unresolved
	Reason   string // why the endpoint is unknown, if unresolved
	Chain    []Step // outermost call first; empty on go-github methods
}

// Step is one call in a chain.
type Step struct {
	Pos  string // "import/path/file.go:12:3"
	Name string // the callee, e.g. "(*github.PullRequestsService).Get"
}

func (*FuncFact) AFact()    {}
func (*PackageFact) AFact() {}
func (*MethodsFact) AFact() {}

func (f *FuncFact) String() string    { return summary(f.Endpoints, f.UnresolvedCount) }
func (f *PackageFact) String() string { return summary(f.Endpoints, f.UnresolvedCount) }

func (f *MethodsFact) String() string { return fmt.Sprintf("go-github methods: %d", len(f.Methods)) }

func (s Step) String() string { return s.Name + " at " + s.Pos }

func summary(eps []Reach, unresolved int) string {
	keys := make([]string, len(eps))
	for i, r := range eps {
		keys[i] = r.Endpoint
	}
	s := "endpoints: " + strings.Join(keys, ", ")
	if unresolved > 0 {
		s += fmt.Sprintf("; unresolved: %d", unresolved)
	}
	return s
}

// posString renders pos as "import/path/file.go:line:col": stable across
// machines, unlike the absolute file names go vet passes.
func posString(pass *analysis.Pass, pos token.Pos) string {
	p := pass.Fset.Position(pos)
	return fmt.Sprintf("%s/%s:%d:%d", pass.Pkg.Path(), path.Base(p.Filename), p.Line, p.Column)
}

// reachSet accumulates endpoints, keeping the first chain seen for each.
type reachSet struct {
	byKey      map[string]int
	endpoints  []Reach
	unresolved []Reach
	count      int
}

func (s *reachSet) add(r Reach) bool {
	if r.Endpoint == "" {
		s.count++
		if len(s.unresolved) < maxExamples {
			s.unresolved = append(s.unresolved, r)
		}
		return false
	}
	if s.byKey == nil {
		s.byKey = make(map[string]int)
	}
	if _, ok := s.byKey[r.Endpoint]; ok {
		return false
	}
	s.byKey[r.Endpoint] = len(s.endpoints)
	s.endpoints = append(s.endpoints, r)
	return true
}

func (s *reachSet) empty() bool { return len(s.endpoints) == 0 && s.count == 0 }

// sorted returns the endpoints ordered by key, for deterministic facts.
func (s *reachSet) sorted() []Reach {
	out := append([]Reach(nil), s.endpoints...)
	sort.Slice(out, func(i, j int) bool { return out[i].Endpoint < out[j].Endpoint })
	return out
}

func (s *reachSet) funcFact() *FuncFact {
	return &FuncFact{Endpoints: s.sorted(), Unresolved: s.unresolved, UnresolvedCount: s.count}
}

func (s *reachSet) packageFact() *PackageFact {
	return &PackageFact{Endpoints: s.sorted(), Unresolved: s.unresolved, UnresolvedCount: s.count}
}

// prepend returns r seen through one more call: step then r's chain.
func prepend(step Step, r Reach) Reach {
	chain := make([]Step, 0, 1+len(r.Chain))
	chain = append(chain, step)
	chain = append(chain, r.Chain...)
	if len(chain) > maxChain {
		chain = chain[:maxChain]
	}
	return Reach{Endpoint: r.Endpoint, Reason: r.Reason, Chain: chain}
}
