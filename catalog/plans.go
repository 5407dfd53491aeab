package catalog

import (
	"fmt"
	"strings"
)

// planNames are the products as ghperm's -plan flag and the JSON output
// spell them, in Plans bit order.
var planNames = [...]string{"api.github.com", "ghec", "ghes-3.17", "ghes-3.18", "ghes-3.19"}

// PlanNames returns the names of all plans, as ParsePlan accepts them.
func PlanNames() []string { return planNames[:] }

// ParsePlan parses one plan name ("api.github.com", "ghec", "ghes-3.19").
func ParsePlan(name string) (Plans, error) {
	for i, n := range planNames {
		if name == n {
			return 1 << i, nil
		}
	}
	return 0, fmt.Errorf("unknown plan %q (want one of %s)", name, strings.Join(planNames[:], ", "))
}

// Names returns the names of the plans in p.
func (p Plans) Names() []string {
	var out []string
	for i, n := range planNames {
		if p&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

func (p Plans) String() string { return strings.Join(p.Names(), "|") }
