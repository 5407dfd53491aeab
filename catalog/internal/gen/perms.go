package main

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// permission is a manifest key of the vocabulary.
type permission struct {
	key, title, resource string
	levels               []string
}

var levelOrder = map[string]int{"read": 1, "write": 2, "admin": 3}

// keyTable is upstream/permission-keys.tsv.
type keyTable struct {
	renames map[string]string // docs key -> manifest key
	docs    map[string]bool   // docs keys that are manifest keys as they are
	extra   map[string]permission
	// planSchema: keys that only another plan's app-permissions schema
	// has (key -> OpenAPI file), with resource and title in extra.
	planSchema map[string]string
}

func readKeyTable(dir string) (*keyTable, error) {
	rows, err := readTSV(filepath.Join(dir, "permission-keys.tsv"), "", 5)
	if err != nil {
		return nil, err
	}
	t := &keyTable{renames: map[string]string{}, docs: map[string]bool{}, extra: map[string]permission{}, planSchema: map[string]string{}}
	resources := map[string]string{"repository": "RepositoryResource", "organization": "OrganizationResource", "account": "AccountResource", "enterprise": "EnterpriseResource"}
	for _, r := range rows {
		kind, key, value, title := r.fields[0], r.fields[1], r.fields[2], r.fields[3]
		switch kind {
		case "rename":
			t.renames[key] = value
		case "docs":
			t.docs[key] = true
		case "resource":
			res, ok := resources[value]
			if !ok || title == "" {
				return nil, r.errorf("unknown resource %q or no title", value)
			}
			t.extra[key] = permission{key: key, title: title, resource: res}
		case "plan-schema":
			// value: "<OpenAPI file>:<resource>"
			file, resource, ok := strings.Cut(value, ":")
			res, known := resources[resource]
			if !ok || !known || title == "" {
				return nil, r.errorf("want value <OpenAPI file>:<resource> and a title, have %q, %q", value, title)
			}
			t.planSchema[key] = file
			t.extra[key] = permission{key: key, title: title, resource: res}
		default:
			return nil, r.errorf("unknown kind %q (want rename, docs, resource or plan-schema)", kind)
		}
	}
	return t, nil
}

// vocabulary builds the permission vocabulary: the keys of the OpenAPI
// schema app-permissions (with their allowed levels) and of the docs
// data (renamed to manifest keys; levels as seen in the data).
func vocabulary(api *openAPI, docs *docsData, planData planList, keys *keyTable) (map[string]*permission, error) {
	const schemaName = "components.schemas.app-permissions"
	vocab := map[string]*permission{}
	ref := api.doc.Components.Schemas["app-permissions"]
	if ref == nil || ref.Value == nil || len(ref.Value.Properties) == 0 {
		return nil, fmt.Errorf("%s: %s: missing or empty", plans[0].file, schemaName)
	}
	for key, p := range ref.Value.Properties {
		if p.Value == nil || len(p.Value.Enum) == 0 {
			return nil, fmt.Errorf("%s: %s.%s: no enum of levels", plans[0].file, schemaName, key)
		}
		perm := &permission{key: key}
		for _, v := range p.Value.Enum {
			l, ok := v.(string)
			if _, known := levelOrder[l]; !ok || !known {
				return nil, fmt.Errorf("%s: %s.%s: unknown level %v", plans[0].file, schemaName, key, v)
			}
			perm.levels = append(perm.levels, l)
		}
		if g, ok := docs.groups[key]; ok {
			perm.title, perm.resource = g.Title, resourceOf(g.DisplayTitle)
		} else if x, ok := keys.extra[key]; ok {
			perm.title, perm.resource = x.title, x.resource
		} else {
			return nil, fmt.Errorf("%s: %s.%s: not in the docs data and no resource in permission-keys.tsv", plans[0].file, schemaName, key)
		}
		vocab[key] = perm
	}
	for key, file := range keys.planSchema {
		if ref.Value.Properties[key] != nil {
			return nil, fmt.Errorf("permission-keys.tsv: plan-schema key %s: %s has it (stale row)", key, plans[0].file)
		}
		s := api.appPerms[file]
		if s == nil || s.Value == nil || s.Value.Properties[key] == nil || s.Value.Properties[key].Value == nil {
			return nil, fmt.Errorf("permission-keys.tsv: plan-schema key %s: not in %s %s", key, file, schemaName)
		}
		x := keys.extra[key]
		perm := &permission{key: key, title: x.title, resource: x.resource}
		for _, v := range s.Value.Properties[key].Value.Enum {
			l, ok := v.(string)
			if _, known := levelOrder[l]; !ok || !known {
				return nil, fmt.Errorf("%s: %s.%s: unknown level %v", file, schemaName, key, v)
			}
			perm.levels = append(perm.levels, l)
		}
		vocab[key] = perm
	}
	seen := map[string]map[string]bool{}
	for _, m := range []map[string][]grantEntry{docs.appPerms, docs.patPerms} {
		for _, es := range m {
			for _, e := range es {
				if seen[e.key] == nil {
					seen[e.key] = map[string]bool{}
				}
				seen[e.key][e.level] = true
			}
		}
	}
	groups := map[string]docsGroup{}
	for _, plan := range planData {
		for key, g := range plan.groups {
			groups[key] = g
		}
	}
	for key, g := range docs.groups {
		groups[key] = g
	}
	for _, plan := range planData {
		for _, es := range plan.perms {
			for _, e := range es {
				if seen[e.key] == nil {
					seen[e.key] = map[string]bool{}
				}
				seen[e.key][e.level] = true
			}
		}
	}
	for key, g := range groups {
		if _, ok := vocab[key]; ok {
			continue
		}
		if !keys.docs[key] {
			return nil, fmt.Errorf("%s: permission key %q (%s) is not in %s: add it to permission-keys.tsv as a rename or a docs key", docsDir, key, g.DisplayTitle, schemaName)
		}
		perm := &permission{key: key, title: g.Title, resource: resourceOf(g.DisplayTitle)}
		for l := range seen[key] {
			perm.levels = append(perm.levels, l)
		}
		vocab[key] = perm
	}
	for key := range keys.extra {
		if _, ok := vocab[key]; !ok {
			return nil, fmt.Errorf("permission-keys.tsv: %s: not a key of %s", key, schemaName)
		}
	}
	for key := range keys.docs {
		if _, ok := groups[key]; !ok || ref.Value.Properties[key] != nil {
			return nil, fmt.Errorf("permission-keys.tsv: docs key %s: not a docs-only key (stale row)", key)
		}
	}
	for _, p := range vocab {
		sort.Slice(p.levels, func(i, j int) bool { return levelOrder[p.levels[i]] < levelOrder[p.levels[j]] })
	}
	return vocab, nil
}

// checkSets fails unless every key in sets is in the vocabulary.
func checkSets(vocab map[string]*permission, sets [][]grant) error {
	for _, s := range sets {
		for _, g := range s {
			if _, ok := vocab[g.key]; !ok {
				return fmt.Errorf("unknown permission key %q", g.key)
			}
		}
	}
	return nil
}
