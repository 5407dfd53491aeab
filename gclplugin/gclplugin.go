// Package gclplugin registers ghperm as a golangci-lint v2 module plugin.
//
// Build a golangci-lint that includes it with `golangci-lint custom` and a
// .custom-gcl.yml naming this package, then enable the linter "ghperm" in
// .golangci.yml (see the README). The plugin's settings are the
// analyzer's flags, by name:
//
//	linters:
//	  settings:
//	    custom:
//	      ghperm:
//	        type: module
//	        settings:
//	          NAME: VALUE   # as -ghperm.NAME=VALUE under go vet
package gclplugin

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/analyzer"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

func init() {
	register.Plugin("ghperm", func(conf any) (register.LinterPlugin, error) {
		return newPlugin(analyzer.New(analyzer.DefaultConfig()), conf)
	})
}

type plugin struct{ a *analysis.Analyzer }

// newPlugin applies the settings to the flags of a, an analyzer of the
// plugin's own (analyzer.New): its flags are its configuration.
func newPlugin(a *analysis.Analyzer, conf any) (*plugin, error) {
	settings, err := register.DecodeSettings[map[string]any](conf)
	if err != nil {
		return nil, fmt.Errorf("ghperm settings: %w", err)
	}
	for _, name := range slices.Sorted(maps.Keys(settings)) {
		if a.Flags.Lookup(name) == nil {
			return nil, fmt.Errorf("ghperm settings: unknown setting %q (known: %s)", name, flagNames(&a.Flags))
		}
		if err := a.Flags.Set(name, fmt.Sprint(settings[name])); err != nil {
			return nil, fmt.Errorf("ghperm settings: %s: %w", name, err)
		}
	}
	return &plugin{a}, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.a}, nil
}

// GetLoadMode asks for type information: the analyzer resolves calls
// through types and facts.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

func flagNames(fs *flag.FlagSet) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
