package analyzer

import (
	"flag"
	"fmt"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Config is an analyzer's configuration. Its fields are the analyzer's
// flags (see AddFlags); a driver that is not go vet builds its own
// analyzer from a Config with New.
type Config struct {
	// Unresolved reports GitHub calls whose endpoint cannot be
	// determined (category unresolved).
	Unresolved bool
	// Endpoints reports every resolved GitHub call with its endpoints
	// (category endpoint).
	Endpoints bool
	// Manifest is the app manifest or ghperm config to compare with:
	// absolute, or relative to the module root; "" to discover it.
	Manifest string
	// ExcessAt says where findings at the grants go.
	ExcessAt ExcessAt
	// Tests compares the GitHub calls of _test.go files with the grants
	// too (tests usually run with other tokens).
	Tests bool
	// CallSites also compares the GitHub calls each package other than
	// main makes itself with its module's grants, when they are known
	// without a main package, and reports missing grants at the calls:
	// for editors, which lint the package of the open file. Whether a main
	// package reaches the calls is not known there.
	CallSites bool
}

// DefaultConfig is the configuration of Analyzer, and of the flags'
// defaults.
func DefaultConfig() Config { return Config{Unresolved: true} }

// ExcessAt is where findings at the grants (excess grants, manifest
// errors) are reported.
type ExcessAt uint8

const (
	// AtManifest reports them at the manifest's line.
	AtManifest ExcessAt = iota
	// AtGo reports them at the program's //ghperm:manifest directive or
	// package clause, for drivers that drop diagnostics in non-Go files
	// (golangci-lint, analysistest).
	AtGo
)

var excessAtNames = [...]string{AtManifest: "manifest", AtGo: "go"}

func (e ExcessAt) String() string { return excessAtNames[e] }

// Set parses "manifest" or "go"; anything else is an error, so that a
// misspelt -excess-at fails when flags are parsed.
func (e *ExcessAt) Set(s string) error {
	for v, name := range excessAtNames {
		if s == name {
			*e = ExcessAt(v)
			return nil
		}
	}
	return fmt.Errorf("want manifest or go, not %q", s)
}

// AddFlags defines c's fields as flags of fs, with c's values as their
// defaults.
func (c *Config) AddFlags(fs *flag.FlagSet) {
	fs.BoolVar(&c.Unresolved, "unresolved", c.Unresolved, "report GitHub calls whose endpoint cannot be determined (category unresolved)")
	fs.BoolVar(&c.Endpoints, "endpoints", c.Endpoints, "report every resolved GitHub call with its endpoints (category endpoint)")
	fs.StringVar(&c.Manifest, "manifest", c.Manifest, "the app manifest or ghperm.yml to compare with (absolute, or relative to the module root)")
	fs.BoolVar(&c.Tests, "test", c.Tests, "compare the GitHub calls in _test.go files with the grants too (tests usually run with other tokens)")
	fs.BoolVar(&c.CallSites, "callsite", c.CallSites, "also report missing grants at the GitHub calls of packages other than main, from the module's grants (for editors; reached from main or not)")
	fs.Var(&c.ExcessAt, "excess-at", "where to report grants: manifest (at the manifest's line) or go (at the //ghperm:manifest directive or the package clause, for drivers that drop diagnostics in non-Go files)")
}

// New returns an analyzer configured by cfg. Its flags (go vet's
// -ghperm.NAME) set its own copy of cfg, so analyzers built by New are
// independent of each other and of Analyzer.
func New(cfg Config) *analysis.Analyzer {
	c := &cfg
	a := &analysis.Analyzer{
		Name:       "ghperm",
		Doc:        extractDoc(doc, "ghperm"),
		URL:        "https://pkg.go.dev/github.com/ghperm/ghperm/analyzer",
		Run:        c.run,
		ResultType: reflect.TypeFor[*Result](),
		FactTypes:  []analysis.Fact{new(graphFact), new(methodsFact), new(clientFact)},
	}
	c.AddFlags(&a.Flags)
	return a
}
