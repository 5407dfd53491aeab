package main

import (
	"path/filepath"
	"slices"
	"strings"
)

// curatedReq is a row of upstream/curated-requirements.tsv: what the
// token kinds it names need to call an operation that GitHub's docs data
// does not list for them, with the evidence.
type curatedReq struct {
	row      row
	key      string
	tokens   []string // installation, user, fine_grained
	sets     [][]grant
	evidence string // confidence and evidence, as the catalog shows them
	// notUsable: sets "x", the token kind cannot call the operation.
	notUsable bool
	// usableOnly: sets "?", the token kind can call the operation with a
	// permission GitHub names (quoted in the evidence) that the vocabulary
	// lacks: usable, not Known.
	usableOnly bool
	used       map[string]bool
}

var curatedTokens = []string{"installation", "user", "fine_grained"}

func readCuratedReqs(dir string, vocab map[string]*permission) (map[string]*curatedReq, error) {
	rows, err := readTSV(filepath.Join(dir, "curated-requirements.tsv"), "", 6)
	if err != nil {
		return nil, err
	}
	out := map[string]*curatedReq{}
	for _, r := range rows {
		c := &curatedReq{row: r, key: docsKey(r.fields[0], r.fields[1]), used: map[string]bool{}}
		for _, t := range strings.Split(r.fields[2], ",") {
			if !slices.Contains(curatedTokens, t) {
				return nil, r.errorf("token %q: want one of %s", t, strings.Join(curatedTokens, ", "))
			}
			c.tokens = append(c.tokens, t)
		}
		switch r.fields[3] {
		case "x":
			// GitHub's data says the token kind cannot call it.
			c.notUsable = true
		case "?":
			// GitHub's data names a permission the vocabulary lacks.
			c.usableOnly = true
		case "-":
			// GitHub's data says the token kind can call it without a
			// permission: usable, no sets.
		default:
			if c.sets, err = parseSets(r.fields[3]); err == nil {
				err = checkSets(vocab, c.sets)
			}
		}
		if err != nil {
			return nil, r.errorf("%s: %v", c.key, err)
		}
		if conf := r.fields[4]; conf != "verified" && conf != "inferred" {
			return nil, r.errorf("confidence %q: want verified or inferred", conf)
		}
		c.evidence = r.fields[4] + ": " + r.fields[5]
		for _, t := range c.tokens {
			if _, dup := out[c.key+"|"+t]; dup {
				return nil, r.errorf("%s: a second row for %s", c.key, t)
			}
			out[c.key+"|"+t] = c
		}
	}
	return out, nil
}

// curatedFor returns the requirement a curated row gives token for
// operation k, if any.
func curatedFor(rows map[string]*curatedReq, k, token string) (requirement, bool) {
	c := rows[k+"|"+token]
	if c == nil {
		return requirement{}, false
	}
	c.used[token] = true
	if c.notUsable {
		return requirement{basis: "BasisCuratedRequirement", evidence: c.evidence}, true
	}
	if c.usableOnly {
		return requirement{usable: true, basis: "BasisDescribedUsable", evidence: c.evidence}, true
	}
	return requirement{usable: true, sets: c.sets, basis: "BasisCuratedRequirement", evidence: c.evidence}, true
}

// unusedCuratedReqs fails on a row (or a token of a row) that no
// operation took: its operation is gone, or GitHub's data now lists it
// for that token kind and the row is stale.
func unusedCuratedReqs(rows map[string]*curatedReq) error {
	for _, c := range rows {
		for _, t := range c.tokens {
			if !c.used[t] {
				return c.row.errorf("%s for %s: not applied (no such operation, or GitHub's docs data lists it now: drop the row)", c.key, t)
			}
		}
	}
	return nil
}
