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
	// deliveredToAll is the sentence of the summaries of events that every
	// GitHub App receives without subscribing, so without a permission.
	deliveredToAll = regexp.MustCompile(`(All GitHub Apps receive this event by default|A GitHub App receives this webhook by default)[^.]*\.`)
	// actionSentence: what some of an event's actions need beyond it.
	actionSentence = regexp.MustCompile("To receive the (.+?) event types?, the app must have at least (read|write)-level access for the \"([^\"]+)\" permission\\.")
	backticked     = regexp.MustCompile("`([a-z_]+)`")
)

// event is what an event needs and the fact it rests on ("" when no
// fact says: unknown).
type event struct {
	sets    [][]grant
	basis   string
	actions []actionNeed
	// byDefault: every GitHub App receives the event without subscribing.
	byDefault bool
}

// actionNeed is what receiving some actions of an event needs.
type actionNeed struct {
	actions []string
	sets    [][]grant
	basis   string
}

// events reads webhook event -> permission from the x-webhooks summaries
// of api.github.com ("To subscribe to this event, a GitHub App must have
// at least read-level access for the "Issues" repository permission." or
// "All GitHub Apps receive this event by default."), with
// upstream/event-overrides.tsv for summaries that name a permission by a
// title the vocabulary does not have, or that say nothing.
func events(dir string, api *openAPI, vocab map[string]*permission) (map[string]event, error) {
	var hooks map[string]map[string]webhook
	if err := decodeExt(api.doc.Extensions, "x-webhooks", &hooks); err != nil {
		return nil, fmt.Errorf("%s: %w", plans[0].file, err)
	}
	overrides := map[string]event{}
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
		overrides[r.fields[0]] = event{sets: sets, basis: "override: " + r.fields[2]}
	}
	out := map[string]event{}
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
			ename := strings.ReplaceAll(h.XGitHub.Subcategory, "-", "_")
			if ename == "" {
				return nil, fmt.Errorf("%s: x-webhooks.%s: no x-github.subcategory", plans[0].file, name)
			}
			if ev, ok := overrides[ename]; ok {
				out[ename] = ev
				continue
			}
			ev, err := eventNeeds(h.Summary, vocab)
			if err == nil {
				ev.actions, err = actionNeeds(h.Summary, vocab)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: x-webhooks.%s: %w", plans[0].file, name, err)
			}
			prev, ok := out[ename]
			switch {
			case ok && prev.basis != "" && ev.basis != "" && fmt.Sprint(prev.sets) != fmt.Sprint(ev.sets):
				return nil, fmt.Errorf("%s: x-webhooks.%s: event %s needs %v here but %v in x-webhooks.%s", plans[0].file, name, ename, ev.sets, prev.sets, from[ename])
			case !ok || prev.basis == "":
				out[ename], from[ename] = ev, name
			}
		}
	}
	for name := range overrides {
		if _, ok := out[name]; !ok {
			return nil, fmt.Errorf("event-overrides.tsv: %s is not an event of x-webhooks", name)
		}
	}
	return out, nil
}

// eventNeeds parses the permission sentence of a webhook summary: each
// quoted title is an alternative, qualified by the resource words that
// follow the last title. Without one, a summary saying that every app
// receives the event means nothing is needed; else nothing is known.
func eventNeeds(summary string, vocab map[string]*permission) (event, error) {
	m := eventSentence.FindStringSubmatch(summary)
	if m == nil {
		if d := deliveredToAll.FindString(summary); d != "" {
			return event{basis: fmt.Sprintf("summary: %q", d), byDefault: true}, nil
		}
		return event{}, nil
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
			return event{}, fmt.Errorf("no permission titled %q (%s): add the event to event-overrides.tsv", t[1], strings.Join(resources, ", "))
		}
		sort.Strings(keys)
		if len(keys) > 1 && len(resources) < 2 {
			return event{}, fmt.Errorf("permission title %q is ambiguous (%s): add the event to event-overrides.tsv", t[1], strings.Join(keys, ", "))
		}
		for _, k := range keys {
			sets = append(sets, []grant{{k, level}})
		}
	}
	if len(sets) == 0 {
		return event{}, fmt.Errorf("no quoted permission title in %q", m[0])
	}
	return event{sets: sets, basis: fmt.Sprintf("summary: %q", m[0])}, nil
}

// actionNeeds parses the sentences of a webhook summary that say what
// receiving some of the event's actions needs.
func actionNeeds(summary string, vocab map[string]*permission) ([]actionNeed, error) {
	var out []actionNeed
	for _, m := range actionSentence.FindAllStringSubmatch(summary, -1) {
		var actions []string
		for _, a := range backticked.FindAllStringSubmatch(m[1], -1) {
			actions = append(actions, a[1])
		}
		var keys []string
		for _, p := range vocab {
			if strings.EqualFold(p.title, m[3]) {
				keys = append(keys, p.key)
			}
		}
		if len(actions) == 0 || len(keys) != 1 {
			return nil, fmt.Errorf("cannot read %q: actions %v, permissions titled %q: %v", m[0], actions, m[3], keys)
		}
		out = append(out, actionNeed{actions, [][]grant{{{keys[0], m[2]}}}, fmt.Sprintf("summary: %q", m[0])})
	}
	return out, nil
}
