package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/analyzer"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// invokedByGoVet reports whether go vet runs ghperm as its vet tool
// (go vet -vettool=ghperm): to describe its flags (-flags), to identify it
// for the build cache (-V=full), or to analyse one package unit (the last
// argument names the unit's .cfg file).
func invokedByGoVet(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, a := range args {
		if a == "-flags" || a == "-V=full" {
			return true
		}
	}
	return false
}

// vetTool hands over to go vet's protocol; it does not return.
func vetTool() {
	if slices.Contains(os.Args[1:], "-V=full") {
		if err := printVetID(os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "ghperm: %v\n", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	if unit := os.Args[len(os.Args)-1]; strings.HasSuffix(unit, ".cfg") {
		if done, err := stdFactsOnly(unit); err != nil {
			fmt.Fprintf(os.Stderr, "ghperm: %v\n", err)
			os.Exit(1)
		} else if done {
			os.Exit(0)
		}
	}
	unitchecker.Main(analyzer.New(analyzer.DefaultConfig()))
}

// stdFactsOnly answers go vet's request for the facts of a standard
// library package without parsing it: the analyzer has none for such a
// package, so its fact file is empty, as unitchecker would write it. go
// vet asks for the facts of every dependency, and type-checking the
// standard library from source was a quarter of ghperm's CPU under go vet.
// It reports whether the unit was such a request.
func stdFactsOnly(cfgFile string) (bool, error) {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false, err
	}
	var unit struct {
		ImportPath, ModulePath string
		Module                 *struct{ Path string }
		VetxOnly               bool
		VetxOutput, Stdout     string
	}
	if err := json.Unmarshal(data, &unit); err != nil {
		return false, fmt.Errorf("vet config %s: %w", cfgFile, err)
	}
	if !unit.VetxOnly || !analyzer.Std(unit.ImportPath, unit.Module != nil || unit.ModulePath != "") {
		return false, nil
	}
	for _, out := range []string{unit.Stdout, unit.VetxOutput} {
		if out != "" {
			if err := os.WriteFile(out, nil, 0o666); err != nil {
				return false, err
			}
		}
	}
	return true, nil
}
