// Command auditsample draws the operations of the catalog audit
// (catalog/upstream/AUDIT.md): n operations of api.github.com, uniformly
// without replacement, with a fixed seed, in catalog order, so that the
// sample is reproducible and independent of how the catalog answers.
//
//	go run ./catalog/internal/auditsample -seed 20261127 -n 100
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"

	"github.com/ghperm/ghperm/catalog"
)

func main() {
	seed := flag.Uint64("seed", 20261127, "PCG seed of the draw")
	n := flag.Int("n", 100, "number of operations to draw")
	answers := flag.Bool("answers", false, "print the catalog's answer for each operation")
	drawOrder := flag.Bool("draw-order", false, "print the operations in the order drawn (a random order for checking a prefix), not in path order")
	flag.Parse()
	c, err := catalog.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "auditsample:", err)
		os.Exit(1)
	}
	fmt.Printf("# seed %d, %d of the api.github.com operations of %s\n", *seed, *n, c.Version())
	for _, o := range sample(c.Operations(), *seed, *n, *drawOrder) {
		if *answers {
			fmt.Printf("%s\t%s\t%s\t%s\n", o.Method, o.Path, o.ID, answer(&o))
			continue
		}
		fmt.Printf("%s\t%s\t%s\n", o.Method, o.Path, o.ID)
	}
}

// sample draws n api.github.com operations, ordered by method and path
// first so that the draw does not depend on the table's order.
func sample(all []catalog.Operation, seed uint64, n int, drawOrder bool) []catalog.Operation {
	var ops []catalog.Operation
	for _, o := range all {
		if o.Plans&catalog.DotCom != 0 {
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	r := rand.New(rand.NewPCG(seed, seed))
	idx := r.Perm(len(ops))[:min(n, len(ops))]
	if !drawOrder {
		sort.Ints(idx)
	}
	out := make([]catalog.Operation, len(idx))
	for i, k := range idx {
		out[i] = ops[k]
	}
	return out
}
