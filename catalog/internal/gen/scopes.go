package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// scope is a line of upstream/scopes.tsv.
type scope struct{ name, parent, doc string }

// scopeData is the OAuth scope knowledge: the vocabulary and hierarchy,
// the normalisation of names the prose gets wrong, the rules derived from
// the scopes page, and per-operation overrides.
type scopeData struct {
	vocab     map[string]scope
	names     map[string]string // wrong name -> scope
	rules     []scopeRule
	overrides map[string]scopeResult // by op key
	usedOver  map[string]bool
}

type scopeRule struct {
	row     row
	methods string // "*", "GET", "!GET" or a comma list
	path    *regexp.Regexp
	scopes  [][]string
	used    bool
}

// scopeResult is an operation's OAuth requirement: scopes for private
// repositories (and all others), public for public repositories.
type scopeResult struct {
	known          bool
	scopes, public [][]string
	basis          string // name of a catalog.ScopeBasis constant
	evidence       string
}

func readScopes(dir string) (*scopeData, error) {
	sd := &scopeData{vocab: map[string]scope{}, names: map[string]string{}, overrides: map[string]scopeResult{}, usedOver: map[string]bool{}}
	rows, err := readTSV(filepath.Join(dir, "scopes.tsv"), "", 4)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		sd.vocab[r.fields[0]] = scope{r.fields[0], r.fields[1], r.fields[3]}
	}
	for _, r := range rows {
		if p := r.fields[1]; p != "" && sd.vocab[p].name == "" {
			return nil, r.errorf("unknown parent scope %q", p)
		}
	}
	if rows, err = readTSV(filepath.Join(dir, "scope-names.tsv"), "", 3); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.fields[1] != "-" && sd.vocab[r.fields[1]].name == "" {
			return nil, r.errorf("%q normalises to unknown scope %q", r.fields[0], r.fields[1])
		}
		sd.names[r.fields[0]] = r.fields[1]
	}
	if rows, err = readTSV(filepath.Join(dir, "scope-rules.tsv"), "", 4); err != nil {
		return nil, err
	}
	for _, r := range rows {
		re, err := regexp.Compile("^(?:" + r.fields[1] + ")$")
		if err != nil {
			return nil, r.errorf("path pattern: %v", err)
		}
		scopes, err := sd.parseExpr(r.fields[2])
		if err != nil {
			return nil, r.errorf("%v", err)
		}
		sd.rules = append(sd.rules, scopeRule{row: r, methods: r.fields[0], path: re, scopes: scopes})
	}
	if rows, err = readTSV(filepath.Join(dir, "scope-overrides.tsv"), "", 4); err != nil {
		return nil, err
	}
	for _, r := range rows {
		res := scopeResult{basis: "ScopesFromOverride", evidence: r.fields[3]}
		switch r.fields[2] {
		case "?": // the scopes are not known
		case "x": // OAuth and classic tokens cannot call the operation
			res.basis = "ScopesNotUsable"
		default:
			if res.scopes, err = sd.parseExpr(r.fields[2]); err != nil {
				return nil, r.errorf("%v", err)
			}
			res.known = true
		}
		sd.overrides[docsKey(r.fields[0], r.fields[1])] = res
	}
	return sd, nil
}

// parseExpr parses "a & b | c" ("-" for no scope) into alternatives.
func (sd *scopeData) parseExpr(s string) ([][]string, error) {
	if s == "-" {
		return nil, nil
	}
	var out [][]string
	for _, alt := range strings.Split(s, "|") {
		var set []string
		for _, n := range strings.Split(alt, "&") {
			n = strings.TrimSpace(n)
			if sd.vocab[n].name == "" {
				return nil, fmt.Errorf("unknown scope %q", n)
			}
			set = append(set, n)
		}
		out = append(out, set)
	}
	return out, nil
}

var (
	paragraphs  = regexp.MustCompile(`\n\s*\n`)
	sentenceEnd = regexp.MustCompile(`\.\s+`)
	scopeName   = regexp.MustCompile("`\\s*([^`]+?)\\s*`|need the ([a-z_]+:[a-z_]+) scope")
	scopeLike   = regexp.MustCompile(`^[a-z_]+(:[a-z_]+)?$`)
	demands     = regexp.MustCompile(`\b(need|needs|require|required|requires|must|only works)\b`)
	// conditional marks prose that names a scope for part of what the
	// operation does (a fuller response, workflow files), not for calling it.
	conditional = regexp.MustCompile(`in order for the response to include|to see the full details|may need|only lists organizations|modifies workflow files|in order to modify files`)
)

// fromProse reads the scopes an operation's description states, for
// private repositories (scopes) and for public ones (public): a sentence
// or a clause of one that speaks of private repositories only ("If the
// repository is private, ...", "... with a private repository") applies
// to the first, one of public repositories only ("If this endpoint is
// only used with public repositories, ...") to the second, the rest to
// both.
func (sd *scopeData) fromProse(o *opInfo) (scopeResult, error) {
	var priv, pub proseSets
	var sentences []string
	for _, para := range paragraphs.Split(o.description, -1) {
		// Lines inside a paragraph are one text (prose wraps mid-sentence).
		sentences = append(sentences, sentenceEnd.Split(strings.ReplaceAll(para, "\n", " "), -1)...)
	}
	for _, sent := range sentences {
		if !strings.Contains(sent, "scope") || !demands.MatchString(sent) && !strings.Contains(sent, "instead") || conditional.MatchString(sent) {
			continue
		}
		var privNames, pubNames []string
		for _, cl := range visibilityClauses(sent) {
			for _, m := range scopeName.FindAllStringSubmatch(cl.text, -1) {
				n := m[1] + m[2]
				if !scopeLike.MatchString(n) {
					continue
				}
				if to, ok := sd.names[n]; ok {
					if n = to; n == "-" {
						continue
					}
				}
				if sd.vocab[n].name == "" {
					return scopeResult{}, fmt.Errorf("unknown scope %q in %q (add it to scope-names.tsv or scopes.tsv)", n, strings.TrimSpace(sent))
				}
				if cl.private && !slices.Contains(privNames, n) {
					privNames = append(privNames, n)
				}
				if cl.public && !slices.Contains(pubNames, n) {
					pubNames = append(pubNames, n)
				}
			}
		}
		if err := priv.add(sent, privNames); err != nil {
			return scopeResult{}, err
		}
		if err := pub.add(sent, pubNames); err != nil {
			return scopeResult{}, err
		}
	}
	if priv.sets == nil && pub.sets == nil {
		return scopeResult{}, nil
	}
	// A requirement stated for private repositories only means that
	// public ones need none (pub.sets nil), and the reverse. Where public
	// repositories need a scope, what suffices for private ones does too
	// (`security_events` "to use this endpoint with private repos", the
	// `public_repo` scope "also grants permission ... on public repos
	// only").
	if pub.sets != nil {
		for _, alt := range priv.sets {
			if !slices.ContainsFunc(pub.sets, func(a []string) bool { return slices.Equal(a, alt) }) {
				pub.sets = append(pub.sets, alt)
			}
		}
	}
	return scopeResult{known: true, scopes: priv.sets, public: pub.sets, basis: "ScopesFromDescription"}, nil
}

// clause is part of a scope sentence and the repositories it speaks of.
type clause struct {
	text            string
	private, public bool
}

var clauseSep = regexp.MustCompile(`,\s+(?:or|and|the)\s+`)

// visibilityClauses splits a sentence into clauses when it speaks of
// private and public repositories apart ("need the `repo` scope to use
// this endpoint with private or public repositories, or the `public_repo`
// scope to use this endpoint with only public repositories"), and marks
// each with the repositories it is about: private if it says "private"
// and not "public", public for the reverse, both otherwise. Scope names
// are left out of that test (`public_repo`).
func visibilityClauses(sent string) []clause {
	parts := []string{sent}
	if words := scopeName.ReplaceAllString(sent, ""); strings.Contains(words, "private") && strings.Contains(words, "public") {
		parts = clauseSep.Split(sent, -1)
	}
	if strings.Contains(sent, "unpublished") {
		// "... a published security advisory in a private repository,
		// or any unpublished security advisory ...": the second case is
		// about every repository.
		return []clause{{sent, true, true}}
	}
	var out []clause
	for _, p := range parts {
		words := scopeName.ReplaceAllString(p, "")
		priv, pub := strings.Contains(words, "private"), strings.Contains(words, "public")
		out = append(out, clause{p, priv || !pub, pub || !priv})
	}
	return out
}

// proseSets are the alternatives a description's sentences build up.
type proseSets struct{ sets [][]string }

// add combines the scopes one sentence names with those of the sentences
// before: "instead" adds alternatives, "also required" and "If the
// repository is private" add to every set, "or" gives alternatives, else
// one set.
func (p *proseSets) add(sent string, names []string) error {
	if len(names) == 0 {
		return nil
	}
	switch {
	case strings.Contains(sent, "instead"):
		for _, n := range names {
			p.sets = append(p.sets, []string{n})
		}
	case strings.Contains(sent, "also required"),
		len(p.sets) > 0 && strings.HasPrefix(strings.TrimSpace(sent), "If the repository is private"):
		// An extra scope for private repositories, on top of the
		// sentence before: required in the general case.
		if len(p.sets) == 0 {
			p.sets = [][]string{nil}
		}
		for i := range p.sets {
			p.sets[i] = append(p.sets[i], names...)
		}
	case len(p.sets) > 0:
		return fmt.Errorf("several scope sentences; add an override to scope-overrides.tsv (second: %q)", strings.TrimSpace(sent))
	case strings.Contains(sent, " or "), strings.Contains(sent, "also grants"):
		for _, n := range names {
			p.sets = append(p.sets, []string{n})
		}
	default: // one scope, or "the `a` and `b` scopes"
		p.sets = [][]string{names}
	}
	return nil
}

// resolve gives an operation's OAuth scopes: an override, else the
// description's prose, else the first matching rule from the scopes page.
func (sd *scopeData) resolve(o *opInfo) (scopeResult, error) {
	if r, ok := sd.overrides[o.key()]; ok {
		sd.usedOver[o.key()] = true
		r.public = r.scopes
		return r, nil
	}
	r, err := sd.fromProse(o)
	if err != nil || r.known {
		return r, err
	}
	for i := range sd.rules {
		rule := &sd.rules[i]
		if rule.matches(o) {
			rule.used = true
			return scopeResult{known: true, scopes: rule.scopes, public: publicOfRule(o, rule.scopes), basis: "ScopesFromRule", evidence: rule.row.fields[3]}, nil
		}
	}
	return scopeResult{}, nil
}

// publicOfRule is what a rule's scopes mean for public repositories. The
// rules that give repo alone (repository operations) give, after the
// scopes page, public_repo ("Limits access to public repositories") for
// writes and nothing for reads ("Grants read-only access to public
// information (including user profile info, repository info, and
// gists)"); other rules do not depend on the repository's visibility.
func publicOfRule(o *opInfo, scopes [][]string) [][]string {
	if len(scopes) != 1 || !slices.Equal(scopes[0], []string{"repo"}) {
		return scopes
	}
	if o.method == "GET" {
		return nil
	}
	return [][]string{{"public_repo"}}
}

func (r *scopeRule) matches(o *opInfo) bool {
	switch {
	case r.methods == "*":
	case strings.HasPrefix(r.methods, "!"):
		if slices.Contains(strings.Split(r.methods[1:], ","), o.method) {
			return false
		}
	default:
		if !slices.Contains(strings.Split(r.methods, ","), o.method) {
			return false
		}
	}
	return r.path.MatchString(o.path)
}

// unused reports override and rule entries that matched nothing: stale
// entries fail generation so the tables stay true to the data.
func (sd *scopeData) unused() error {
	var stale []string
	for k := range sd.overrides {
		if !sd.usedOver[k] {
			stale = append(stale, "scope-overrides.tsv: "+k)
		}
	}
	for _, r := range sd.rules {
		if !r.used {
			stale = append(stale, r.row.String())
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return fmt.Errorf("entries that match no operation:\n\t%s", strings.Join(stale, "\n\t"))
	}
	return nil
}
