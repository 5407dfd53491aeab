package main

import (
	"fmt"
	"path/filepath"
	"regexp"
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
	evidence string
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
		out = append(out, &statement{row: r, token: r.fields[0], sentence: collapse(r.fields[1]), evidence: r.fields[2]})
	}
	return out, nil
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// statementFor returns the first row for token whose sentence o's summary
// or description holds, or nil.
func statementFor(sts []*statement, o *opInfo, token string) *statement {
	text := collapse(o.summary + "\n" + o.description)
	for _, s := range sts {
		if s.token == token && strings.Contains(text, s.sentence) {
			s.used = true
			return s
		}
	}
	return nil
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

var (
	worksWith = regexp.MustCompile(`This endpoint works with the following fine-grained token types:\n\n((?:\* .*\n)+)`)
	permSet   = regexp.MustCompile(`The fine-grained token must have the following permission set:\n\n((?:\* .*\n)+)`)
	permTitle = regexp.MustCompile(`^\* "([^"]+)" (repository|organization|account|enterprise) permissions \(([a-z ]+)\)$`)
)

// describedTokens reads the description's list of the fine-grained token
// kinds that call the operation ("This endpoint works with the following
// fine-grained token types:"): whether GitHub App user access tokens and
// fine-grained personal access tokens are among them. The permission set
// that follows names permissions the vocabulary lacks ("Agent tasks"), so
// the requirement is usable but not known; a permission the vocabulary
// has fails generation, to be read into sets rather than dropped.
func describedTokens(o *opInfo, vocab map[string]*permission) (user, pat bool, err error) {
	m := worksWith.FindStringSubmatch(o.description)
	if m == nil {
		return false, false, nil
	}
	user = strings.Contains(m[1], "[GitHub App user access tokens]")
	pat = strings.Contains(m[1], "[Fine-grained personal access tokens]")
	if s := permSet.FindStringSubmatch(o.description); s != nil {
		for _, line := range strings.Split(strings.TrimSpace(s[1]), "\n") {
			p := permTitle.FindStringSubmatch(line)
			if p == nil {
				return false, false, fmt.Errorf("unreadable permission %q", line)
			}
			for _, v := range vocab {
				if strings.EqualFold(v.title, p[1]) && strings.EqualFold(strings.TrimSuffix(v.resource, "Resource"), p[2]) {
					return false, false, fmt.Errorf("the description names permission %s (%q): read it into sets", v.key, line)
				}
			}
		}
	}
	return user, pat, nil
}

// installationWorks is the sentence of GHEC billing descriptions that
// says installation tokens can call the operation: "An installation
// access token for a GitHub App installed on the enterprise with read
// access to enterprise billing can get this usage report."
var installationWorks = regexp.MustCompile(`An installation access token for a GitHub App installed on the \w+ with (read|write) access to ([a-z ]+?) can `)

// describedInstallation reports whether o's description says that
// installation tokens can call it, with a permission the vocabulary does
// not have (a title it has fails: read it into sets).
func describedInstallation(o *opInfo, vocab map[string]*permission) (bool, error) {
	m := installationWorks.FindStringSubmatch(collapse(o.description))
	if m == nil {
		return false, nil
	}
	for _, v := range vocab {
		if strings.EqualFold(v.title, m[2]) {
			return false, fmt.Errorf("the description names permission %s (%q): read it into sets", v.key, m[0])
		}
	}
	return true, nil
}
