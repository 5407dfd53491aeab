// Package sariftest validates SARIF logs against the OASIS SARIF 2.1.0
// JSON schema, for tests. The schema (see README.md for its provenance)
// is embedded here so that only test binaries carry it.
package sariftest

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed sarif-schema-2.1.0.json
var schemaJSON []byte

const schemaURL = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"

// Validate reports whether log is a valid SARIF 2.1.0 log.
func Validate(log []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return fmt.Errorf("SARIF schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return fmt.Errorf("SARIF schema: %w", err)
	}
	schema, err := c.Compile(schemaURL)
	if err != nil {
		return fmt.Errorf("SARIF schema: %w", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		return err
	}
	return schema.Validate(v)
}
