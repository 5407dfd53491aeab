package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/mod/semver"
)

// InformationURI is the documentation of the ghperm tool; rule help links
// point into it when a finding has no URL of its own.
const InformationURI = "https://pkg.go.dev/github.com/ghperm/ghperm/analyzer"

// NewSARIFHandler returns a handler that writes a SARIF 2.1.0 log for
// GitHub code scanning: one run, a rule for every category, results
// located in Go files and manifests with "/" paths relative to the
// repository's root (%SRCROOT%), a fingerprint that survives line moves,
// related locations linked from the message, and the call chain as a
// code flow.
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
		SemVer         string      `json:"semanticVersion,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		Help                 sarifMultiText `json:"help"`
		HelpURI              string         `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConf  `json:"defaultConfiguration"`
	}
	sarifRuleConf struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMultiText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		// PartialFingerprints identify the result across runs (GitHub code
		// scanning matches alerts by them, also for uploads through the
		// REST API, which computes none).
		PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
		CodeFlows           []sarifCodeFlow   `json:"codeFlows,omitempty"`
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

// fingerprintKey names ghperm's partial fingerprint; the version changes
// if what it hashes does.
const fingerprintKey = "ghperm/v1"

func (h *sarifHandler) Flush() error {
	fs := h.sorted()
	base := h.config.SrcRoot
	if base == "" {
		base = h.config.Root
	}
	loc := locator{root: h.config.Root, base: base}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "ghperm",
			Version:        h.config.Version,
			SemVer:         semanticVersion(h.config.Version),
			InformationURI: InformationURI,
		}},
		Results:    []sarifResult{}, // GitHub rejects a run without "results"
		Properties: map[string]string{"catalog": h.config.Catalog},
	}
	if base != "" {
		root := (&url.URL{Scheme: "file", Path: path.Clean("/"+strings.TrimPrefix(filepath.ToSlash(base), "/")) + "/"}).String()
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: root}}
	}

	// Every rule, so that code scanning knows them all (and closes the
	// alerts of a rule that has no results any more); then the unknown
	// categories of the findings.
	cats := Categories()
	for _, f := range fs {
		if !slices.Contains(cats, f.Category) {
			cats = append(cats, f.Category)
		}
	}
	for _, c := range cats {
		r := ruleFor(c)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   string(r.ID),
			ShortDescription:     sarifText{r.Short},
			FullDescription:      sarifText{r.Full},
			Help:                 sarifMultiText{Text: r.Help, Markdown: r.Markdown()},
			HelpURI:              r.URL(),
			DefaultConfiguration: sarifRuleConf{r.Level},
		})
	}

	seen := map[string]int{} // occurrences of each fingerprint so far
	for _, f := range fs {
		res := sarifResult{
			RuleID:    string(f.Category),
			RuleIndex: slices.Index(cats, f.Category),
			Level:     ruleFor(f.Category).Level,
			Locations: []sarifLocation{{PhysicalLocation: loc.physical(f.Position)}},
		}
		related := f.Related
		if m := f.otherManifest(); m != nil {
			related = append([]Related{{Message: "manifest", Position: *m}}, related...)
		}
		var links []string
		for i, r := range related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               &id,
				PhysicalLocation: loc.physical(r.Position),
				Message:          &sarifText{r.Message},
			})
			links = append(links, fmt.Sprintf("[%s](%d)", escapeBrackets(r.Message), id))
		}
		msg := escapeBrackets(sarifMessage(f))
		if len(links) > 0 {
			msg += "; see " + strings.Join(links, ", ")
		}
		res.Message = sarifText{msg}
		fp := fingerprint(f, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		seen[fp]++
		res.PartialFingerprints = map[string]string{fingerprintKey: fmt.Sprintf("%s:%d", fp, seen[fp])}
		if len(f.Chain) > 0 {
			var tf sarifThreadFlow
			for _, s := range f.Chain {
				tf.Locations = append(tf.Locations, sarifThreadFlowLoc{Location: sarifLocation{
					PhysicalLocation: loc.physical(s.Position),
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

// semanticVersion is a module version without its "v" (SARIF's
// semanticVersion), or "" for a build without one ("(devel)").
func semanticVersion(v string) string {
	if !semver.IsValid(v) {
		return ""
	}
	return strings.TrimPrefix(v, "v")
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

// escapeBrackets escapes the square brackets of plain text, which SARIF
// viewers would otherwise read as the start of an embedded link.
var escapeBrackets = strings.NewReplacer(`[`, `\[`, `]`, `\]`).Replace

// positionsInText are the ":line" and ":line:col" suffixes of positions
// quoted in a message.
var positionsInText = regexp.MustCompile(`:[0-9]+(:[0-9]+)?\b`)

// fingerprint identifies a finding without its line, so that an alert
// stays one alert when code above it moves: the category, the file, and
// the finding's subject (its endpoint and grant key; for findings about
// neither, the message without the positions it quotes). The caller
// numbers the findings that share one, in file order.
func fingerprint(f *Finding, uri string) string {
	var subject string
	if f.Endpoint != nil {
		subject = f.Endpoint.Method + " " + f.Endpoint.Path
	}
	if f.Key != "" {
		subject += " " + f.Key
	}
	if subject == "" {
		subject = positionsInText.ReplaceAllString(f.Message, "")
	}
	sum := sha256.Sum256([]byte(string(f.Category) + "\x00" + uri + "\x00" + subject))
	return hex.EncodeToString(sum[:16])
}

// A locator turns positions (relative to root, or absolute) into SARIF
// locations: files under base (the repository) relative to %SRCROOT%,
// others as absolute file URIs.
type locator struct {
	root, base string // absolute directories; "" when unknown
}

func (l locator) physical(p Position) sarifPhysical {
	file := l.relative(p.File)
	loc := sarifArtifactLoc{URI: (&url.URL{Path: file}).String(), URIBaseID: srcRoot} // escape spaces and the like
	if strings.HasPrefix(file, "/") {
		loc = sarifArtifactLoc{URI: (&url.URL{Scheme: "file", Path: file}).String()}
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

// relative returns file (slash-separated, relative to root or absolute)
// relative to base when it is inside, else absolute (or as it is, when
// root is unknown).
func (l locator) relative(file string) string {
	if l.root == "" || l.base == "" {
		return file
	}
	abs := filepath.FromSlash(file)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(l.root, abs)
	}
	return RelPath(l.base, abs)
}
