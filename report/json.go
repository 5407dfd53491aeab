package report

import (
	"encoding/json"
	"io"
)

// NewJSONHandler returns a handler that writes one JSON object:
//
//	{"ghperm": {"version": "...", "catalog": "..."}, "findings": [...]}
//
// with the findings sorted and de-duplicated. This is the canonical form
// of the findings; its field names are stable.
func NewJSONHandler(w io.Writer) Handler { return &jsonHandler{w: w} }

type jsonHandler struct {
	collector
	w io.Writer
}

// Output is the JSON rendering's document.
type Output struct {
	Ghperm   Config     `json:"ghperm"`
	Findings []*Finding `json:"findings"`
}

func (h *jsonHandler) Flush() error {
	fs := h.sorted()
	if fs == nil {
		fs = []*Finding{} // always an array, never null
	}
	enc := json.NewEncoder(h.w)
	enc.SetIndent("", "  ")
	return enc.Encode(Output{Ghperm: h.config, Findings: fs})
}
