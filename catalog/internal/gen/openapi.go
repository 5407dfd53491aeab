package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// plan is one OpenAPI description: a GitHub product.
type plan struct {
	file  string // under upstream/openapi
	ident string // the catalog.Plans constant
}

var plans = []plan{
	{"api.github.com.json", "DotCom"},
	{"ghec.json", "GHEC"},
	{"ghes-3.17.json", "GHES317"},
	{"ghes-3.18.json", "GHES318"},
	{"ghes-3.19.json", "GHES319"},
}

// opInfo is what the generator keeps of an OpenAPI operation.
type opInfo struct {
	method, path, id, summary, description, docsURL string
	category, subcategory                           string
	deprecated                                      bool
	enabledForApps                                  *bool
	multiSegment                                    []string // path parameters marked x-multi-segment
	intParams                                       []string // path parameters typed integer
	plans                                           []int    // indexes into plans
}

func (o *opInfo) key() string { return o.method + " " + o.path }

// xGitHub is the x-github extension of an operation.
type xGitHub struct {
	Category       string `json:"category"`
	Subcategory    string `json:"subcategory"`
	EnabledForApps *bool  `json:"enabledForGitHubApps"`
}

// openAPI is what the generator reads from all OpenAPI descriptions.
type openAPI struct {
	ops     map[string]*opInfo // by key; the first plan that has it wins
	version string             // info.version of the first file
	doc     *openapi3.T        // api.github.com: webhooks and app-permissions
	// appPerms is components.schemas.app-permissions of each file (by
	// file name), for the keys only another plan's schema has.
	appPerms map[string]*openapi3.SchemaRef
}

func loadOpenAPI(dir string) (*openAPI, error) {
	api := &openAPI{ops: map[string]*opInfo{}, appPerms: map[string]*openapi3.SchemaRef{}}
	for pi, p := range plans {
		name := filepath.Join(dir, p.file)
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if doc.Paths == nil || doc.Paths.Len() == 0 {
			return nil, fmt.Errorf("%s: no paths", name)
		}
		if doc.Components != nil {
			api.appPerms[p.file] = doc.Components.Schemas["app-permissions"]
		}
		if pi == 0 {
			api.doc = doc
			if doc.Info != nil {
				api.version = doc.Info.Version
			}
		}
		for path, item := range doc.Paths.Map() {
			for method, op := range item.Operations() {
				o, err := readOp(method, path, op)
				if err != nil {
					return nil, fmt.Errorf("%s: %s %s: %w", name, method, path, err)
				}
				if prev, ok := api.ops[o.key()]; ok {
					prev.plans = append(prev.plans, pi)
					continue
				}
				o.plans = []int{pi}
				api.ops[o.key()] = o
			}
		}
	}
	return api, nil
}

func readOp(method, path string, op *openapi3.Operation) (*opInfo, error) {
	var x xGitHub
	if err := decodeExt(op.Extensions, "x-github", &x); err != nil {
		return nil, err
	}
	o := &opInfo{
		method:         strings.ToUpper(method),
		path:           path,
		id:             op.OperationID,
		summary:        op.Summary,
		description:    op.Description,
		deprecated:     op.Deprecated,
		category:       x.Category,
		subcategory:    x.Subcategory,
		enabledForApps: x.EnabledForApps,
	}
	if op.ExternalDocs != nil {
		o.docsURL = op.ExternalDocs.URL
	}
	for _, p := range op.Parameters {
		if p.Value == nil || p.Value.In != "path" {
			continue
		}
		if !strings.Contains(path, "{"+p.Value.Name+"}") {
			return nil, fmt.Errorf("path parameter %q is not in the path", p.Value.Name)
		}
		switch {
		case p.Value.Extensions["x-multi-segment"] == true:
			o.multiSegment = append(o.multiSegment, p.Value.Name)
		case p.Value.Schema != nil && p.Value.Schema.Value != nil && p.Value.Schema.Value.Type.Is("integer"):
			o.intParams = append(o.intParams, p.Value.Name)
		}
	}
	switch {
	case o.id == "":
		return nil, fmt.Errorf("no operationId")
	case o.docsURL == "":
		return nil, fmt.Errorf("no externalDocs.url")
	case o.category == "":
		return nil, fmt.Errorf("no x-github.category")
	}
	return o, nil
}

// sortedOps returns the operations sorted by path, then method.
func (api *openAPI) sortedOps() []*opInfo {
	ops := make([]*opInfo, 0, len(api.ops))
	for _, o := range api.ops {
		ops = append(ops, o)
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].path != ops[j].path {
			return ops[i].path < ops[j].path
		}
		return ops[i].method < ops[j].method
	})
	return ops
}

// onDotCom reports whether o is an api.github.com operation.
func (o *opInfo) onDotCom() bool { return len(o.plans) > 0 && o.plans[0] == 0 }

// onPlan reports whether o is in the description of the plan whose
// catalog.Plans constant is ident ("GHEC").
func (o *opInfo) onPlan(ident string) bool {
	for _, pi := range o.plans {
		if plans[pi].ident == ident {
			return true
		}
	}
	return false
}
