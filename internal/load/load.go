// Package load loads Go packages for the ghperm analyzer: the program's
// packages and their dependencies from source, as the analyzer's facts
// need, but the standard library without its function bodies, which the
// analyzer does not need and which were most of the time of a run.
package load

import (
	"go/build"

	"golang.org/x/tools/go/packages"
)

// Config is the packages.Config that loads the packages of dir (the
// current directory if empty), with their tests if tests is set, for
// checker.Analyze.
func Config(dir string, tests bool) *packages.Config {
	return &packages.Config{
		Mode:      packages.LoadAllSyntax | packages.NeedModule,
		Dir:       dir,
		Tests:     tests,
		ParseFile: parseTrimmed(build.Default.GOROOT),
	}
}
