package load

import (
	"go/build"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestTrimmedStdTypeChecks loads the whole standard library from source
// with parseTrimmed, as Run loads a program's dependencies: trimming must
// leave every package well typed.
func TestTrimmedStdTypeChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the whole standard library from source (about 4 s of CPU); run without -short")
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode:      packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedDeps | packages.NeedImports,
		ParseFile: parseTrimmed(build.Default.GOROOT),
	}, "std")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 100 {
		t.Fatalf("loaded %d packages of std, want the whole standard library", len(pkgs))
	}
	n := 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if n++; n <= 20 {
				t.Errorf("%s: %v", p.PkgPath, e)
			}
		}
	})
	if n > 20 {
		t.Errorf("... and %d more errors", n-20)
	}
}
