package manifest

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

// actionsKeys are the permission keys of the Actions GITHUB_TOKEN and the
// levels each allows besides none (github/docs
// data/reusables/actions/github-token-available-permissions.md).
var actionsKeys = map[string][]catalog.Level{
	"actions":             {catalog.Read, catalog.Write},
	"artifact-metadata":   {catalog.Read, catalog.Write},
	"attestations":        {catalog.Read, catalog.Write},
	"checks":              {catalog.Read, catalog.Write},
	"contents":            {catalog.Read, catalog.Write},
	"deployments":         {catalog.Read, catalog.Write},
	"discussions":         {catalog.Read, catalog.Write},
	"id-token":            {catalog.Write},
	"issues":              {catalog.Read, catalog.Write},
	"models":              {catalog.Read},
	"packages":            {catalog.Read, catalog.Write},
	"pages":               {catalog.Read, catalog.Write},
	"pull-requests":       {catalog.Read, catalog.Write},
	"repository-projects": {catalog.Read, catalog.Write},
	"security-events":     {catalog.Read, catalog.Write},
	"statuses":            {catalog.Read, catalog.Write},
}

// actionsKey maps a GITHUB_TOKEN permission key to the GitHub App key
// ("pull-requests" is "pull_requests"). id-token (OIDC tokens) and models
// (GitHub Models) have no app equivalent: ok is false for them and for
// keys that are not GITHUB_TOKEN keys.
func actionsKey(written string) (key string, ok bool) {
	if _, known := actionsKeys[written]; !known || written == "id-token" || written == "models" {
		return "", false
	}
	return strings.ReplaceAll(written, "-", "_"), true
}

// ActionsName returns how a workflow's permissions: block spells the app
// permission key ("pull_requests" is "pull-requests"); ok is false if the
// GITHUB_TOKEN cannot be granted it at all.
func ActionsName(key string) (name string, ok bool) {
	name = strings.ReplaceAll(key, "_", "-")
	_, ok = actionsKey(name)
	return name, ok
}

// ActionsGrantable reports whether the GITHUB_TOKEN can be granted the
// app permission key at all.
func ActionsGrantable(key string) bool {
	_, ok := ActionsName(key)
	return ok
}

// ParseWorkflow reads the permissions: block that governs job in a GitHub
// Actions workflow (ParseWorkflowFor without a program).
func ParseWorkflow(path string, data []byte, job string) (*Manifest, ErrorList) {
	return ParseWorkflowFor(path, data, job, Program{})
}

// A Program is the main package whose grants are looked up, as a
// workflow's run: steps may call it.
type Program struct {
	Dir        string // its directory relative to the module root, slash-separated ("cmd/bot")
	ImportPath string
}

// ranBy reports whether a step's run: script runs the program: go run or
// go build of its directory or import path, or a command named like it
// ("bot", "./bin/bot").
func (p Program) ranBy(script string) bool {
	if p.Dir == "" && p.ImportPath == "" {
		return false
	}
	if p.Dir != "" && p.Dir != "." && strings.Contains(script, "./"+p.Dir) || p.ImportPath != "" && strings.Contains(script, p.ImportPath) {
		return true
	}
	if p.Dir == "." && goRunDot.MatchString(script) {
		return true
	}
	name := p.name()
	for _, line := range strings.Split(script, "\n") {
		if f := strings.Fields(line); len(f) > 0 && (f[0] == name || strings.HasSuffix(f[0], "/"+name)) {
			return true
		}
	}
	return false
}

// ProgramAt describes the main package in dir, of import path
// importPath, in the module whose root is root.
func ProgramAt(root, dir, importPath string) Program {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		rel = "."
	}
	return Program{Dir: filepath.ToSlash(rel), ImportPath: importPath}
}

// goRunDot matches go run or go build of the current directory.
var goRunDot = regexp.MustCompile(`(?m)\bgo (run|build)\b[^\n]*\s\.(\s|$)`)

// forms says what ranBy looks for.
func (p Program) forms() string {
	dir := "go run . (the module root's program)"
	if p.Dir != "." {
		dir = "./" + p.Dir
	}
	return fmt.Sprintf("%s, %s, or a command named %s", dir, p.ImportPath, p.name())
}

// name is what the program's binary is called.
func (p Program) name() string {
	if p.Dir != "" && p.Dir != "." {
		return path.Base(p.Dir)
	}
	return path.Base(p.ImportPath)
}

// jobsRunning returns the jobs of a workflow whose steps run prog.
func jobsRunning(path string, data []byte, prog Program) []string {
	root, _ := parseTree(path, data, false)
	if root == nil || root.kind != mappingNode {
		return nil
	}
	jobs := findField(root, "jobs")
	if jobs == nil || jobs.value.kind != mappingNode {
		return nil
	}
	return readJobs(jobs.value).running(prog)
}

// workflowJobs are a workflow's jobs, as the lookup of their grants needs
// them.
type workflowJobs struct {
	ids    []string
	blocks map[string]*field // job id -> its permissions
	steps  map[string]*node  // job id -> its steps
}

func readJobs(jobs *node) workflowJobs {
	wj := workflowJobs{blocks: map[string]*field{}, steps: map[string]*node{}}
	for _, j := range jobs.fields {
		if j.value.kind != mappingNode {
			continue
		}
		wj.ids = append(wj.ids, j.key)
		if p := findField(j.value, "permissions"); p != nil {
			wj.blocks[j.key] = p
		}
		if st := findField(j.value, "steps"); st != nil {
			wj.steps[j.key] = st.value
		}
	}
	return wj
}

// running returns the jobs whose steps run prog, in file order.
func (wj workflowJobs) running(prog Program) []string {
	return slices.DeleteFunc(slices.Clone(wj.ids), func(id string) bool {
		return wj.steps[id] == nil || !runsProgram(wj.steps[id], prog)
	})
}

// ParseWorkflowFor reads the permissions: block that governs job in a
// GitHub Actions workflow: the job's own block, else the workflow's. With
// job empty it takes the job whose steps run prog (its own block, else the
// workflow's), else the workflow's block, or the only job's. The result
// has app keys ("pull_requests"); keys not written are not granted, as
// GitHub sets them to none once any key is set. Its Steps are what the
// governed jobs' steps need (actions/checkout: contents: read).
func ParseWorkflowFor(path string, data []byte, job string, prog Program) (*Manifest, ErrorList) {
	root, errs := parseTree(path, data, false)
	if root == nil {
		return nil, errs
	}
	m := &Manifest{Path: path, Format: Workflow}
	if !expect(root, mappingNode, "the workflow", &errs) {
		return m, errs
	}
	top, jobs := findField(root, "permissions"), findField(root, "jobs")
	var wj workflowJobs
	if jobs != nil && expect(jobs.value, mappingNode, "jobs", &errs) {
		wj = readJobs(jobs.value)
	}
	ids, blocks, steps, running := wj.ids, wj.blocks, wj.steps, wj.running(prog)
	if job == "" && len(running) == 1 {
		job = running[0]
	}
	block := top
	governed := ids // the jobs whose token the block is
	switch {
	case job != "" && !slices.Contains(ids, job):
		errs.add(root.pos, "workflow has no job %s%s", quote(job), didYouMean(job, ids))
		return m, errs
	case job != "" && blocks[job] != nil:
		block, governed = blocks[job], []string{job}
	case job != "":
		governed = []string{job}
	case top == nil && len(blocks) == 1:
		for id, b := range blocks {
			block, governed = b, []string{id}
		}
	case top == nil && len(blocks) > 1:
		why := "none runs the program"
		if len(running) > 1 {
			why = "several run the program (" + strings.Join(running, ", ") + ")"
		}
		errs.add(root.pos, "workflow has several jobs with permissions (%s) and %s: say which job runs the code (job: in the ghperm config)",
			strings.Join(slices.Sorted(maps.Keys(blocks)), ", "), why)
		return m, errs
	default:
		governed = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return blocks[id] != nil })
	}
	if block == nil {
		errs.add(root.pos, "no permissions: block governs the job; the GITHUB_TOKEN's default permissions depend on repository settings, so set them explicitly")
		return m, errs
	}
	m.PermissionsPos = block.keyPos
	m.Permissions = readActionsPermissions(block.value, &errs)
	table, err := actionNeeds()
	if err != nil {
		errs.add(root.pos, "%v", err)
	}
	for _, id := range governed {
		m.Steps = append(m.Steps, stepNeeds(id, steps[id], table)...)
	}
	errs.sort()
	return m, errs
}

// runsProgram reports whether a run: script of the steps runs prog.
func runsProgram(steps *node, prog Program) bool {
	if steps.kind != sequenceNode {
		return false
	}
	for _, st := range steps.items {
		if st.kind != mappingNode {
			continue
		}
		if run := findField(st, "run"); run != nil && run.value.kind == stringNode && prog.ranBy(run.value.text) {
			return true
		}
	}
	return false
}

func readActionsPermissions(n *node, errs *ErrorList) []Permission {
	if n.kind == stringNode {
		var level catalog.Level
		switch n.text {
		case "read-all":
			level = catalog.Read
		case "write-all":
			level = catalog.Write
		default:
			errs.add(n.pos, "invalid permissions %s; want read-all, write-all or a mapping%s",
				quote(n.text), didYouMean(n.text, []string{"read-all", "write-all"}))
			return nil
		}
		var out []Permission
		for _, written := range slices.Sorted(maps.Keys(actionsKeys)) {
			if key, ok := actionsKey(written); ok {
				// Each grant is written as the key it grants: read-all
				// grants pull-requests: read, and so on.
				out = append(out, Permission{Key: key, Written: written, Level: level, Pos: n.pos, LevelPos: n.pos})
			}
		}
		return out
	}
	perms := readPermissions(n, "permissions", actionsKey, errs)
	// Check keys and levels against the GITHUB_TOKEN vocabulary, which the
	// catalog does not hold.
	for _, f := range n.fields {
		levels, known := actionsKeys[f.key]
		if !known {
			errs.add(f.keyPos, "unknown GITHUB_TOKEN permission %s%s", quote(f.key), didYouMean(f.key, slices.Sorted(maps.Keys(actionsKeys))))
			continue
		}
		if l, err := catalog.ParseLevel(f.value.text); err == nil && l != catalog.None && !slices.Contains(levels, l) {
			errs.add(f.value.pos, "%s cannot be %s; want %s or none", f.key, l, joinLevels(levels))
		}
	}
	return perms
}

func findField(n *node, key string) *field {
	for i := range n.fields {
		if n.fields[i].key == key {
			return &n.fields[i]
		}
	}
	return nil
}

func joinLevels(levels []catalog.Level) string {
	s := make([]string, len(levels))
	for i, l := range levels {
		s[i] = l.String()
	}
	return strings.Join(s, " or ")
}
