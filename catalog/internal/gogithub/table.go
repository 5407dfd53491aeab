package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// A row is one line of the table: method name carried the directive op in
// majors first..last, or, if via is set, called the methods via that did.
type row struct {
	name, op, via string
	first, last   int
}

// generate downloads go-github majors first..last, reads their directives
// and writes the table to out and the module hashes beside it.
func generate(out string, first, last int) error {
	var mods []module
	present := map[[3]string][]int{} // {method, op, via} -> majors, ascending
	for major := first; major <= last; major++ {
		mod, ms, err := downloadMethods(major)
		if err != nil {
			return err
		}
		n := 0
		for _, m := range ms {
			for _, op := range m.Ops {
				k := [3]string{m.Name, op, strings.Join(m.Via, ",")}
				present[k] = append(present[k], major)
				if m.Via == nil {
					n++
				}
			}
		}
		if n == 0 {
			return fmt.Errorf("%s@%s: no //meta:operation directives", mod.Path, mod.Version)
		}
		mods = append(mods, mod)
	}
	rows := runs(present)

	var tsv bytes.Buffer
	fmt.Fprintf(&tsv, "# go-github method table: the operation each service method names in a //meta:operation directive,\n")
	fmt.Fprintf(&tsv, "# with the first and last major version of go-github in which it did (a method whose directive changed has several rows).\n")
	fmt.Fprintf(&tsv, "# A method without directives that calls methods with them (the *Iter methods) has their operations, and names them under via.\n")
	fmt.Fprintf(&tsv, "# Source: %s@%s .. %s@%s (every major; module hashes in go-github-modules.txt).\n", mods[0].Path, mods[0].Version, mods[len(mods)-1].Path, mods[len(mods)-1].Version)
	fmt.Fprintf(&tsv, "# Generated %s by catalog/internal/gogithub (go generate ./catalog, which needs the Go module proxy).\n", time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&tsv, "method\toperation\tfirst\tlast\tvia\n")
	for _, r := range rows {
		fmt.Fprintf(&tsv, "%s\t%s\t%d\t%d\t%s\n", r.name, r.op, r.first, r.last, r.via)
	}
	var sums bytes.Buffer
	fmt.Fprintf(&sums, "# go-github modules read for go-github-methods.tsv (go.sum format: module zip hashes).\n")
	for _, m := range mods {
		fmt.Fprintf(&sums, "%s %s %s\n", m.Path, m.Version, m.Sum)
	}
	if err := os.WriteFile(out, tsv.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(filepath.Dir(out), "go-github-modules.txt"), sums.Bytes(), 0o644)
}

// runs turns the majors in which each {method, op} was present into rows of
// consecutive majors, sorted by method, first major and operation.
func runs(present map[[3]string][]int) []row {
	var rows []row
	for k, majors := range present {
		r := row{name: k[0], op: k[1], via: k[2], first: majors[0], last: majors[0]}
		for _, m := range majors[1:] {
			if m != r.last+1 {
				rows = append(rows, r)
				r.first = m
			}
			r.last = m
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.name != b.name {
			return a.name < b.name
		}
		if a.first != b.first {
			return a.first < b.first
		}
		if a.op != b.op {
			return a.op < b.op
		}
		return a.via < b.via
	})
	return rows
}
