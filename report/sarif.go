package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// InformationURI is the documentation of the ghperm tool; rule help links
// point into it when a finding has no URL of its own.
const InformationURI = "https://pkg.go.dev/github.com/ghperm/ghperm/analyzer"

// NewSARIFHandler returns a handler that writes a SARIF 2.1.0 log for
// GitHub code scanning: one run, one rule per category present, results
// located in Go files and manifests with relative "/" paths under
// %SRCROOT%, related locations, and the call chain as a code flow.
func NewSARIFHandler(w io.Writer) Handler { return &sarifHandler{w: w} }

type sarifHandler struct {
	collector
	w io.Writer
}

// The SARIF types are the subset of the 2.1.0 schema that ghperm writes
// (test data: testdata/sarif-schema-2.1.0.json).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult               `json:"results"`
		Properties         map[string]string           `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string        `json:"id"`
		ShortDescription     sarifText     `json:"shortDescription"`
		FullDescription      sarifText     `json:"fullDescription"`
		Help                 sarifText     `json:"help"`
		HelpURI              string        `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
	}
	sarifRuleConf struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		CodeFlows        []sarifCodeFlow `json:"codeFlows,omitempty"`
	}
	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           *sarifRegion     `json:"region,omitempty"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifCodeFlow struct {
		ThreadFlows []sarifThreadFlow `json:"threadFlows"`
	}
	sarifThreadFlow struct {
		Locations []sarifThreadFlowLoc `json:"locations"`
	}
	sarifThreadFlowLoc struct {
		Location sarifLocation `json:"location"`
	}
)

const srcRoot = "%SRCROOT%"

func (h *sarifHandler) Flush() error {
	fs := h.sorted()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "ghperm",
			Version:        h.config.Version,
			InformationURI: InformationURI,
			Rules:          []sarifRule{},
		}},
		Results:    []sarifResult{}, // GitHub rejects a run without "results"
		Properties: map[string]string{"catalog": h.config.Catalog},
	}
	if h.config.Root != "" {
		root := (&url.URL{Scheme: "file", Path: path.Clean("/"+strings.TrimPrefix(filepath.ToSlash(h.config.Root), "/")) + "/"}).String()
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: root}}
	}

	var cats []Category
	for _, f := range fs {
		if !slices.Contains(cats, f.Category) {
			cats = append(cats, f.Category)
		}
	}
	slices.SortFunc(cats, compareCategories)
	for _, c := range cats {
		r := ruleFor(c)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   string(r.ID),
			ShortDescription:     sarifText{r.Short},
			FullDescription:      sarifText{r.Full},
			Help:                 sarifText{r.Help},
			HelpURI:              InformationURI + "#" + string(r.ID),
			DefaultConfiguration: sarifRuleConf{r.Level},
		})
	}

	for _, f := range fs {
		res := sarifResult{
			RuleID:    string(f.Category),
			RuleIndex: slices.Index(cats, f.Category),
			Level:     ruleFor(f.Category).Level,
			Message:   sarifText{sarifMessage(f)},
			Locations: []sarifLocation{{PhysicalLocation: physical(f.Position)}},
		}
		related := f.Related
		if m := f.otherManifest(); m != nil {
			related = append([]Related{{Message: "manifest", Position: *m}}, related...)
		}
		for i, r := range related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               &i,
				PhysicalLocation: physical(r.Position),
				Message:          &sarifText{r.Message},
			})
		}
		if len(f.Chain) > 0 {
			var tf sarifThreadFlow
			for _, s := range f.Chain {
				tf.Locations = append(tf.Locations, sarifThreadFlowLoc{Location: sarifLocation{
					PhysicalLocation: physical(s.Position),
					Message:          &sarifText{s.Function},
				}})
			}
			res.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{tf}}}
		}
		run.Results = append(run.Results, res)
	}

	enc := json.NewEncoder(h.w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

// sarifMessage is the result message: GitHub shows only the message, so it
// carries the endpoint and requirement too.
func sarifMessage(f *Finding) string {
	msg := f.Message
	if e := f.Endpoint; e != nil && !strings.Contains(msg, e.Path) {
		msg += " (" + e.Method + " " + e.Path + ")"
	}
	return msg
}

// physical locates a position: relative files under %SRCROOT%, absolute
// ones (outside the root) as file URIs.
func physical(p Position) sarifPhysical {
	loc := sarifArtifactLoc{URI: p.File, URIBaseID: srcRoot}
	if strings.HasPrefix(p.File, "/") {
		loc = sarifArtifactLoc{URI: (&url.URL{Scheme: "file", Path: p.File}).String()}
	} else {
		loc.URI = (&url.URL{Path: p.File}).String() // escape spaces and the like
	}
	var reg *sarifRegion
	if p.Line > 0 {
		reg = &sarifRegion{
			StartLine:   p.Line,
			StartColumn: p.Col,
			EndLine:     p.EndLine,
			EndColumn:   p.EndCol,
		}
	}
	return sarifPhysical{ArtifactLocation: loc, Region: reg}
}
