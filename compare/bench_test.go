package compare

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/manifest"
)

// benchInput is a program calling the first n operations an installation
// token can call, with an app granting every permission at write.
func benchInput(b *testing.B, n int) Input {
	cat := load(b)
	var uses []Use
	ops := cat.Operations()
	for i := range ops {
		if r := ops[i].Requirement(catalog.Installation); r.Known() && r.Usable && len(uses) < n {
			uses = append(uses, use(b, cat, ops[i].Key(), i+1, ""))
		}
	}
	var sb strings.Builder
	sb.WriteString("default_permissions:\n")
	for _, p := range cat.Permissions() {
		fmt.Fprintf(&sb, "  %s: %s\n", p.Key, p.Levels[len(p.Levels)-1])
	}
	m, errs := manifest.Parse("app.yml", []byte(sb.String()))
	if errs != nil {
		b.Fatal(errs)
	}
	return Input{Uses: uses, Grants: &manifest.Grants{Manifest: m}, Catalog: cat}
}

func BenchmarkCompare(b *testing.B) {
	in := benchInput(b, 300)
	for b.Loop() {
		Compare(in)
	}
}

func BenchmarkLeastPrivilege(b *testing.B) {
	in := benchInput(b, 300)
	for b.Loop() {
		LeastPrivilege(in.Uses, nil, catalog.Installation, in.Catalog)
	}
}
