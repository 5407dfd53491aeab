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

// scopeResult is an operation's OAuth requirement.
type scopeResult struct {
	known  bool
	scopes [][]string
	source string
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
		res := scopeResult{source: "override: " + r.fields[3]}
		if r.fields[2] != "?" { // "?": the scopes are not known
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

// fromProse reads the scopes an operation's description states.
func (sd *scopeData) fromProse(o *opInfo) (scopeResult, error) {
	var sets [][]string
	var sentences []string
	for _, para := range paragraphs.Split(o.description, -1) {
		// Lines inside a paragraph are one text (prose wraps mid-sentence).
		sentences = append(sentences, sentenceEnd.Split(strings.ReplaceAll(para, "\n", " "), -1)...)
	}
	for _, sent := range sentences {
		if !strings.Contains(sent, "scope") || !demands.MatchString(sent) && !strings.Contains(sent, "instead") || conditional.MatchString(sent) {
			continue
		}
		var names []string
		for _, m := range scopeName.FindAllStringSubmatch(sent, -1) {
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
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			continue
		}
		switch {
		case strings.Contains(sent, "instead"):
			for _, n := range names {
				sets = append(sets, []string{n})
			}
		case strings.Contains(sent, "also required"),
			len(sets) > 0 && strings.HasPrefix(strings.TrimSpace(sent), "If the repository is private"):
			// An extra scope for private repositories, on top of the
			// sentence before: required in the general case.
			if len(sets) == 0 {
				sets = [][]string{nil}
			}
			for i := range sets {
				sets[i] = append(sets[i], names...)
			}
		case len(sets) > 0:
			return scopeResult{}, fmt.Errorf("several scope sentences; add an override to scope-overrides.tsv (second: %q)", strings.TrimSpace(sent))
		case strings.Contains(sent, " or "), strings.Contains(sent, "also grants"):
			for _, n := range names {
				sets = append(sets, []string{n})
			}
		default: // one scope, or "the `a` and `b` scopes"
			sets = [][]string{names}
		}
	}
	if len(sets) == 0 {
		return scopeResult{}, nil
	}
	return scopeResult{known: true, scopes: sets, source: "description"}, nil
}

// resolve gives an operation's OAuth scopes: an override, else the
// description's prose, else the first matching rule from the scopes page.
func (sd *scopeData) resolve(o *opInfo) (scopeResult, error) {
	if r, ok := sd.overrides[o.key()]; ok {
		sd.usedOver[o.key()] = true
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
			return scopeResult{true, rule.scopes, "rule: " + rule.row.fields[3]}, nil
		}
	}
	return scopeResult{}, nil
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
