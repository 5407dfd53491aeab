package gclplugin

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/analyzer"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// TestRegistered builds the plugin as golangci-lint does: by name, from
// the settings of .golangci.yml, and gets a ghperm analyzer of its own,
// configured by them (the package's Analyzer is left alone).
func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("ghperm")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Name != "ghperm" || as[0] == analyzer.Analyzer {
		t.Errorf("BuildAnalyzers = %v, want [a new ghperm analyzer]", as)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", got)
	}
	if err := analysis.Validate(as); err != nil {
		t.Error(err)
	}

	// The settings of .golangci.yml (the README's excess-at: go) reach
	// the flags of the plugin's analyzer, not the package's Analyzer.
	settings := map[string]any{"endpoints": true, "excess-at": "go"}
	configured, err := newPlugin(settings)
	if err != nil {
		t.Fatal(err)
	}
	as, _ = configured.BuildAnalyzers()
	for name, v := range settings {
		if got := as[0].Flags.Lookup(name).Value.String(); got != fmt.Sprint(v) {
			t.Errorf("-%s = %s after the setting %s: %v", name, got, name, v)
		}
		if got := analyzer.Analyzer.Flags.Lookup(name); got.Value.String() != got.DefValue {
			t.Errorf("the package's Analyzer has -%s = %s, want its default", name, got.Value)
		}
	}
	if _, err := newPlugin(map[string]any{"excess-at": "gox"}); err == nil || !strings.Contains(err.Error(), "excess-at") {
		t.Errorf("bad excess-at: err = %v", err)
	}

	if _, err := newPlugin(map[string]any{"no-such-setting": true}); err == nil || !strings.Contains(err.Error(), `unknown setting "no-such-setting"`) {
		t.Errorf("unknown setting: err = %v", err)
	}
}

// TestSettingsReachFlags shows that each setting sets the analyzer flag of
// its name, with golangci-lint's decoded YAML values (bool, number,
// string), and that bad values are errors.
func TestSettingsReachFlags(t *testing.T) {
	a := &analysis.Analyzer{Name: "ghperm", Doc: "test", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	manifest := a.Flags.String("manifest", "", "manifest path")
	endpoints := a.Flags.Bool("endpoints", false, "report endpoints")
	depth := a.Flags.Int("depth", 0, "chain depth")

	p, err := newPlugin(a, map[string]any{"manifest": "app.yml", "endpoints": true, "depth": 3.0})
	if err != nil {
		t.Fatal(err)
	}
	if as, _ := p.BuildAnalyzers(); as[0] != a {
		t.Error("BuildAnalyzers does not return the configured analyzer")
	}
	if *manifest != "app.yml" || !*endpoints || *depth != 3 {
		t.Errorf("flags manifest=%q endpoints=%v depth=%d", *manifest, *endpoints, *depth)
	}

	if _, err := newPlugin(a, map[string]any{"endpoints": "maybe"}); err == nil || !strings.Contains(err.Error(), "endpoints") {
		t.Errorf("bad value: err = %v", err)
	}
	_, err = newPlugin(a, map[string]any{"manifets": "app.yml"})
	if err == nil || !strings.Contains(err.Error(), "known: depth, endpoints, manifest") {
		t.Errorf("unknown setting: err = %v", err)
	}
}
