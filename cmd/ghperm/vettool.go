package main

import (
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
	unitchecker.Main(analyzer.New(analyzer.DefaultConfig()))
}
