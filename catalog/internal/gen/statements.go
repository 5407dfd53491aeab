package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// statement is a row of upstream/token-statements.tsv: a sentence of
// GitHub's descriptions saying that a kind of token cannot call the
// operations whose summary or description holds it.
type statement struct {
	row      row
	token    string // installation, fine_grained or oauth
	sentence string // whitespace collapsed
	used     bool
}

var statementTokens = []string{"installation", "fine_grained", "oauth"}

func readStatements(dir string) ([]*statement, error) {
	rows, err := readTSV(filepath.Join(dir, "token-statements.tsv"), "", 3)
	if err != nil {
		return nil, err
	}
	var out []*statement
	for _, r := range rows {
		if !slices.Contains(statementTokens, r.fields[0]) {
			return nil, r.errorf("token %q: want one of %s", r.fields[0], strings.Join(statementTokens, ", "))
		}
		out = append(out, &statement{row: r, token: r.fields[0], sentence: collapse(r.fields[1])})
	}
	return out, nil
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// statementFor returns the sentence of the first row for token that o's
// summary or description holds, or "".
func statementFor(sts []*statement, o *opInfo, token string) string {
	text := collapse(o.summary + "\n" + o.description)
	for _, s := range sts {
		if s.token == token && strings.Contains(text, s.sentence) {
			s.used = true
			return s.sentence
		}
	}
	return ""
}

// unusedStatements fails on rows that matched no operation, so that the
// table cannot go stale silently.
func unusedStatements(sts []*statement) error {
	var stale []string
	for _, s := range sts {
		if !s.used {
			stale = append(stale, fmt.Sprintf("%s: %q", s.row, s.sentence))
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("statements in no description:\n\t%s", strings.Join(stale, "\n\t"))
	}
	return nil
}
