package manifest

import (
	"maps"
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
// Actions workflow: the job's own block, else the workflow's. With job
// empty it takes the workflow's block, or the only job's. The result has
// app keys ("pull_requests"); keys not written are not granted, as GitHub
// sets them to none once any key is set.
func ParseWorkflow(path string, data []byte, job string) (*Manifest, ErrorList) {
	root, errs := parseTree(path, data, false)
	if root == nil {
		return nil, errs
	}
	m := &Manifest{Path: path, Format: Workflow}
	if !expect(root, mappingNode, "the workflow", &errs) {
		return m, errs
	}
	top, jobs := findField(root, "permissions"), findField(root, "jobs")
	blocks := map[string]*field{} // job id -> its permissions
	var ids []string
	if jobs != nil && expect(jobs.value, mappingNode, "jobs", &errs) {
		for _, j := range jobs.value.fields {
			if j.value.kind != mappingNode {
				continue
			}
			ids = append(ids, j.key)
			if p := findField(j.value, "permissions"); p != nil {
				blocks[j.key] = p
			}
		}
	}
	block := top
	switch {
	case job != "" && !slices.Contains(ids, job):
		errs.add(root.pos, "workflow has no job %s%s", quote(job), didYouMean(job, ids))
		return m, errs
	case job != "" && blocks[job] != nil:
		block = blocks[job]
	case job == "" && top == nil && len(blocks) == 1:
		for _, b := range blocks {
			block = b
		}
	case job == "" && top == nil && len(blocks) > 1:
		errs.add(root.pos, "workflow has several jobs with permissions: say which job runs the code (job: in the ghperm config)")
		return m, errs
	}
	if block == nil {
		errs.add(root.pos, "no permissions: block governs the job; the GITHUB_TOKEN's default permissions depend on repository settings, so set them explicitly")
		return m, errs
	}
	m.PermissionsPos = block.keyPos
	m.Permissions = readActionsPermissions(block.value, &errs)
	errs.sort()
	return m, errs
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
