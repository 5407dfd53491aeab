package manifest

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/ghperm/ghperm/catalog"
)

// A StepNeed is a permission a step of a workflow's job needs of the
// GITHUB_TOKEN: an action that documents it (actions.tsv).
type StepNeed struct {
	Action  string // "actions/checkout@v4", as the step's uses: says
	Job     string // the job's id
	Key     string // app key, "contents"
	Written string // workflow spelling, "contents"
	Level   catalog.Level
	Pos     Pos // the step's uses:
}

func (s StepNeed) String() string {
	return fmt.Sprintf("%s (job %s) needs %s: %s", s.Action, s.Job, s.Written, s.Level)
}

//go:embed actions.tsv
var actionsTSV string

// actionNeed is a row of actions.tsv.
type actionNeed struct {
	action, written string
	level           catalog.Level
	otherToken      []string // inputs that give the action another token
}

// actionNeeds is actions.tsv, parsed once: it is embedded, so an error
// is a bug that the package's tests catch.
var actionNeeds = sync.OnceValues(parseActionNeeds)

func parseActionNeeds() ([]actionNeed, error) {
	var out []actionNeed
	for i, line := range strings.Split(actionsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("actions.tsv:%d: %d columns, want 5", i+1, len(f))
		}
		l, err := catalog.ParseLevel(f[2])
		if err != nil {
			return nil, fmt.Errorf("actions.tsv:%d: %w", i+1, err)
		}
		if _, ok := actionsKey(f[1]); !ok {
			return nil, fmt.Errorf("actions.tsv:%d: %q is not a GITHUB_TOKEN permission", i+1, f[1])
		}
		out = append(out, actionNeed{action: f[0], written: f[1], level: l, otherToken: strings.Split(f[3], ",")})
	}
	return out, nil
}

// stepNeeds returns what the steps of a job need of the GITHUB_TOKEN.
func stepNeeds(job string, steps *node, table []actionNeed) []StepNeed {
	if steps == nil || steps.kind != sequenceNode {
		return nil
	}
	var out []StepNeed
	for _, st := range steps.items {
		if st.kind != mappingNode {
			continue
		}
		uses := findField(st, "uses")
		if uses == nil || uses.value.kind != stringNode {
			continue
		}
		name, _, _ := strings.Cut(uses.value.text, "@")
		with := findField(st, "with")
		for _, a := range table {
			if !strings.EqualFold(name, a.action) || with != nil && hasAnyField(with.value, a.otherToken) {
				continue
			}
			key, _ := actionsKey(a.written)
			out = append(out, StepNeed{Action: uses.value.text, Job: job, Key: key, Written: a.written, Level: a.level, Pos: uses.value.pos})
		}
	}
	return out
}

func hasAnyField(n *node, keys []string) bool {
	for _, k := range keys {
		if n.kind == mappingNode && findField(n, k) != nil {
			return true
		}
	}
	return false
}
