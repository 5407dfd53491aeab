package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// pathAlias is a row of upstream/path-aliases.tsv.
type pathAlias struct {
	alias, canonical, evidence string
}

// colonParam is a ":name" route parameter, as some descriptions spell them.
var colonParam = regexp.MustCompile(`:([a-z_]+)`)

// readAliases reads upstream/path-aliases.tsv and checks each row against
// its evidence: the operation exists, its path starts with the canonical
// prefix, and its description names the alias route.
func readAliases(dir string, api *openAPI) ([]pathAlias, error) {
	rows, err := readTSV(filepath.Join(dir, "path-aliases.tsv"), "alias\t", 4)
	if err != nil {
		return nil, err
	}
	byID := map[string]*opInfo{}
	for _, o := range api.ops {
		byID[o.id] = o
	}
	var out []pathAlias
	for _, r := range rows {
		alias, canonical, id := r.fields[0], r.fields[1], r.fields[2]
		if !strings.HasPrefix(alias, "/") || !strings.HasPrefix(canonical, "/") {
			return nil, r.errorf("alias %q and canonical %q must be paths", alias, canonical)
		}
		o, ok := byID[id]
		switch {
		case !ok:
			return nil, r.errorf("evidence operation %q is in no OpenAPI description", id)
		case !strings.HasPrefix(o.path+"/", canonical+"/"):
			return nil, r.errorf("evidence operation %s is %s, not under %s", id, o.path, canonical)
		case !strings.Contains(colonParam.ReplaceAllString(o.description, "{$1}"), alias+"/") &&
			!strings.Contains(colonParam.ReplaceAllString(o.description, "{$1}"), alias+"`"):
			return nil, r.errorf("the description of %s does not name the route %s", id, alias)
		}
		out = append(out, pathAlias{alias, canonical, fmt.Sprintf("%s (%s)", r.fields[3], id)})
	}
	return out, nil
}
