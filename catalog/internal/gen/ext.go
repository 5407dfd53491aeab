package main

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// decodeExt decodes the OpenAPI extension name (as kin-openapi keeps it,
// a generic value) into v, rejecting fields v does not know.
func decodeExt(exts map[string]any, name string, v any) error {
	raw, ok := exts[name]
	if !ok {
		return fmt.Errorf("no %s", name)
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// decodeStrict decodes JSON data into v, rejecting unknown fields, so that
// a change in the shape of GitHub's data fails generation.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
