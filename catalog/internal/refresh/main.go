// Command refresh copies GitHub's OpenAPI descriptions from an unpacked
// @octokit/openapi npm package into catalog/upstream/openapi, trimmed to
// the fields the catalog generator reads, and records the checksums of the
// originals and of the trimmed files in catalog/upstream/openapi/SHA256SUMS.
//
// Usage (from the catalog directory):
//
//	npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
//	go run ./internal/refresh -from package/generated -to upstream/openapi
//
// The trimmed files are still OpenAPI documents that kin-openapi loads:
// every operation keeps operationId, summary, description, externalDocs,
// deprecated and x-github, and its path parameters marked x-multi-segment
// (values that may contain "/", like the file path of /contents/{path})
// or typed integer ({issue_number}, {comment_id}), inline; x-webhooks keep summary, operationId and x-github; components
// keep only the app-permissions schema.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ghperm/ghperm/catalog/internal/atomicfile"
)

// Files are the OpenAPI descriptions the catalog reads, one per plan.
var files = []string{"api.github.com.json", "ghec.json", "ghes-3.17.json", "ghes-3.18.json", "ghes-3.19.json"}

var (
	keepOperation = []string{"operationId", "summary", "description", "externalDocs", "deprecated", "x-github"}
	keepWebhook   = []string{"operationId", "summary", "x-github"}
	methods       = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
)

func main() {
	from := flag.String("from", "", "directory holding the npm package's generated/*.json")
	to := flag.String("to", "upstream/openapi", "output directory")
	flag.Parse()
	if *from == "" {
		fmt.Fprintln(os.Stderr, "usage: refresh -from DIR [-to DIR]")
		os.Exit(2)
	}
	if err := refresh(*from, *to); err != nil {
		fmt.Fprintln(os.Stderr, "refresh:", err)
		os.Exit(1)
	}
}

func refresh(from, to string) error {
	// Trim everything before writing anything, so that a file that fails
	// leaves the committed inputs as they were.
	var sums bytes.Buffer
	sums.WriteString("# sha256 of the original files (original/<file>: the npm package's generated/<file>) and of the trimmed copies in this directory\n")
	trimmed := make([][]byte, len(files))
	for i, name := range files {
		orig, err := os.ReadFile(filepath.Join(from, name))
		if err != nil {
			return err
		}
		if trimmed[i], err = trim(orig); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(&sums, "%x  original/%s\n", sha256.Sum256(orig), name)
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(trimmed[i]), name)
	}
	for i, name := range files {
		if err := atomicfile.Write(filepath.Join(to, name), trimmed[i]); err != nil {
			return err
		}
	}
	return atomicfile.Write(filepath.Join(to, "SHA256SUMS"), sums.Bytes())
}

type object = map[string]json.RawMessage

func trim(data []byte) ([]byte, error) {
	var doc object
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	out := object{}
	for _, k := range []string{"openapi", "info"} {
		v, ok := doc[k]
		if !ok {
			return nil, fmt.Errorf("no %q", k)
		}
		out[k] = v
	}
	var comps struct {
		Schemas    object               `json:"schemas"`
		Parameters map[string]parameter `json:"parameters"`
	}
	if err := json.Unmarshal(doc["components"], &comps); err != nil {
		return nil, fmt.Errorf("components: %w", err)
	}
	var err error
	if out["paths"], err = trimItems(doc["paths"], keepOperation, comps.Parameters); err != nil {
		return nil, fmt.Errorf("paths: %w", err)
	}
	if hooks, ok := doc["x-webhooks"]; ok {
		if out["x-webhooks"], err = trimItems(hooks, keepWebhook, nil); err != nil {
			return nil, fmt.Errorf("x-webhooks: %w", err)
		}
	}
	perms, ok := comps.Schemas["app-permissions"]
	if !ok {
		return nil, fmt.Errorf("no components.schemas.app-permissions")
	}
	if out["components"], err = json.Marshal(map[string]object{"schemas": {"app-permissions": perms}}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, mustMarshal(out), "", " "); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// parameter is an OpenAPI parameter object or a reference to one.
type parameter struct {
	Ref          string `json:"$ref,omitempty"`
	Name         string `json:"name"`
	In           string `json:"in"`
	MultiSegment bool   `json:"x-multi-segment,omitempty"`
	Schema       struct {
		Type any `json:"type"`
	} `json:"schema"`
}

// pathParams returns, inline, the path parameters of an operation (and
// of its path item) that are marked x-multi-segment, and those whose
// schema type is integer (an ID or number: Match lets only a number or
// an unknown value take them); refs resolve in components.parameters.
func pathParams(itemParams, opParams json.RawMessage, comps map[string]parameter) ([]any, error) {
	var out []any
	for _, raw := range []json.RawMessage{itemParams, opParams} {
		if raw == nil {
			continue
		}
		var ps []parameter
		if err := json.Unmarshal(raw, &ps); err != nil {
			return nil, err
		}
		for _, p := range ps {
			if p.Ref != "" {
				name, ok := strings.CutPrefix(p.Ref, "#/components/parameters/")
				if p, ok = comps[name]; !ok {
					return nil, fmt.Errorf("unresolved parameter %s", name)
				}
			}
			switch {
			case p.In == "path" && p.MultiSegment:
				out = append(out, map[string]any{"name": p.Name, "in": "path", "required": true, "schema": map[string]string{"type": "string"}, "x-multi-segment": true})
			case p.In == "path" && p.Schema.Type == "integer":
				out = append(out, map[string]any{"name": p.Name, "in": "path", "required": true, "schema": map[string]string{"type": "integer"}})
			}
		}
	}
	return out, nil
}

// trimItems keeps, for each path item of a paths-like object, the
// operations and of each only the keep fields, and, given the components'
// parameters, the multi-segment path parameters.
func trimItems(raw json.RawMessage, keep []string, comps map[string]parameter) (json.RawMessage, error) {
	var items map[string]object
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, err
	}
	out := make(map[string]map[string]object, len(items))
	for path, item := range items {
		if _, ok := item["$ref"]; ok {
			return nil, fmt.Errorf("%s: $ref path items are not supported", path)
		}
		ops := map[string]object{}
		for _, m := range methods {
			raw, ok := item[m]
			if !ok {
				continue
			}
			var op object
			if err := json.Unmarshal(raw, &op); err != nil {
				return nil, fmt.Errorf("%s %s: %w", m, path, err)
			}
			kept := object{}
			for _, k := range keep {
				if v, ok := op[k]; ok {
					kept[k] = v
				}
			}
			if comps != nil {
				ps, err := pathParams(item["parameters"], op["parameters"], comps)
				if err != nil {
					return nil, fmt.Errorf("%s %s: parameters: %w", m, path, err)
				}
				if len(ps) > 0 {
					kept["parameters"] = mustMarshal(ps)
				}
			}
			ops[m] = kept
		}
		out[path] = ops
	}
	return json.Marshal(out)
}

func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only RawMessage values that came from json.Unmarshal
	}
	return b
}
