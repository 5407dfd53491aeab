package analyzer

import "golang.org/x/tools/go/analysis"

// Analyzer is the ghperm analysis pass.
var Analyzer = &analysis.Analyzer{
	Name: "ghperm",
	Doc:  "check GitHub API calls against the app's granted permissions",
	URL:  "https://pkg.go.dev/github.com/ghperm/ghperm/analyzer",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}
