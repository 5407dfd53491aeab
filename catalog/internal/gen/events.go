package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// webhook is an x-webhooks operation as the trimmed OpenAPI keeps it.
type webhook struct {
	Summary string  `json:"summary"`
	XGitHub xGitHub `json:"x-github"`
}

var (
	eventSentence = regexp.MustCompile(`must have at least (read|write)-level access for the (.+?) permissions?\b`)
	quoted        = regexp.MustCompile(`"([^"]+)"`)
)

// events reads webhook event -> permission from the x-webhooks summaries
// of api.github.com ("To subscribe to this event, a GitHub App must have
// at least read-level access for the "Issues" repository permission."),
// with upstream/event-overrides.tsv for summaries that name a permission
// by a title the vocabulary does not have.
func events(dir string, api *openAPI, vocab map[string]*permission) (map[string][][]grant, error) {
	var hooks map[string]map[string]webhook
	if err := decodeExt(api.doc.Extensions, "x-webhooks", &hooks); err != nil {
		return nil, fmt.Errorf("%s: %w", plans[0].file, err)
	}
	overrides := map[string][][]grant{}
	rows, err := readTSV(filepath.Join(dir, "event-overrides.tsv"), "", 3)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		var sets [][]grant
		if r.fields[1] != "-" {
			if sets, err = parseSets(r.fields[1]); err == nil {
				err = checkSets(vocab, sets)
			}
			if err != nil {
				return nil, r.errorf("%v", err)
			}
		}
		overrides[r.fields[0]] = sets
	}
	out := map[string][][]grant{}
	from := map[string]string{}
	names := make([]string, 0, len(hooks))
	for name := range hooks {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, h := range hooks[name] {
			// The subcategory is the event name, sometimes spelt with
			// hyphens ("sub-issues"); GitHub's event names use
			// underscores ("sub_issues", as in default_events).
			event := strings.ReplaceAll(h.XGitHub.Subcategory, "-", "_")
			if event == "" {
				return nil, fmt.Errorf("%s: x-webhooks.%s: no x-github.subcategory", plans[0].file, name)
			}
			if sets, ok := overrides[event]; ok {
				out[event] = sets
				continue
			}
			sets, err := eventNeeds(h.Summary, vocab)
			if err != nil {
				return nil, fmt.Errorf("%s: x-webhooks.%s: %w", plans[0].file, name, err)
			}
			if prev, ok := out[event]; ok && fmt.Sprint(prev) != fmt.Sprint(sets) {
				return nil, fmt.Errorf("%s: x-webhooks.%s: event %s needs %v here but %v in x-webhooks.%s", plans[0].file, name, event, sets, prev, from[event])
			}
			out[event], from[event] = sets, name
		}
	}
	return out, nil
}

// eventNeeds parses the permission sentence of a webhook summary: each
// quoted title is an alternative, qualified by the resource words that
// follow the last title.
func eventNeeds(summary string, vocab map[string]*permission) ([][]grant, error) {
	m := eventSentence.FindStringSubmatch(summary)
	if m == nil {
		return nil, nil
	}
	level, rest := m[1], m[2]
	var resources []string
	for _, w := range []string{"repository", "organization", "enterprise", "user"} {
		if strings.Contains(rest[strings.LastIndex(rest, `"`)+1:], w) {
			resources = append(resources, map[string]string{"repository": "RepositoryResource", "organization": "OrganizationResource", "enterprise": "EnterpriseResource", "user": "AccountResource"}[w])
		}
	}
	var sets [][]grant
	for _, t := range quoted.FindAllStringSubmatch(rest, -1) {
		var keys []string
		for _, p := range vocab {
			if strings.EqualFold(p.title, t[1]) && (len(resources) == 0 || slices.Contains(resources, p.resource)) {
				keys = append(keys, p.key)
			}
		}
		if len(keys) == 0 {
			return nil, fmt.Errorf("no permission titled %q (%s): add the event to event-overrides.tsv", t[1], strings.Join(resources, ", "))
		}
		sort.Strings(keys)
		if len(keys) > 1 && len(resources) < 2 {
			return nil, fmt.Errorf("permission title %q is ambiguous (%s): add the event to event-overrides.tsv", t[1], strings.Join(keys, ", "))
		}
		for _, k := range keys {
			sets = append(sets, []grant{{k, level}})
		}
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("no quoted permission title in %q", m[0])
	}
	return sets, nil
}
