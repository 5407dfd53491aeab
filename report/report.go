// Package report is ghperm's findings stream and its renderings.
//
// Following govulncheck's design, a driver sends the [Config] and then each
// [Finding] to a [Handler], and calls Flush at the end. The JSON rendering
// ([NewJSONHandler]) is the canonical form; text ([NewTextHandler]) and
// SARIF 2.1.0 ([NewSARIFHandler]) are views of the same findings. Every
// rendering states the catalog version.
//
// Handlers sort the findings and drop duplicates (the same diagnostic
// reported for a package and for its test variant), so drivers may send
// findings in any order.
package report

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
)

// Config describes the run that produced the findings.
type Config struct {
	Version string `json:"version"` // ghperm's version
	Catalog string `json:"catalog"` // the endpoint catalog's version
	// Unreached counts the GitHub calls in the checked programs' packages
	// that no root of the program reaches: left out of what they need
	// (ghperm needs lists them).
	Unreached int `json:"unreached,omitempty"`
	// Root is the absolute directory that relative file names are
	// relative to (the working directory of the run). Not rendered in
	// JSON.
	Root string `json:"-"`
	// SrcRoot is the absolute directory of the repository that holds the
	// analysed module (the directory with .git), or "" when it is in none.
	// Not rendered in JSON; SARIF states it as %SRCROOT% (Root when
	// SrcRoot is ""), so that code scanning places a module in a
	// subfolder of its repository.
	SrcRoot string `json:"-"`
}

// Position is a place in a file. File is slash-separated and relative to
// Config.Root when the file is inside it, absolute otherwise. Lines and
// columns are 1-based; End is optional (zero when unknown).
type Position struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	EndLine int    `json:"end_line,omitempty"`
	EndCol  int    `json:"end_col,omitempty"`
}

// Endpoint is a REST operation of the GitHub API.
type Endpoint struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	OperationID string `json:"operation_id,omitempty"`
}

// Requirement is what an endpoint needs: alternative sets, any one
// suffices; each set lists grants written "key:level", all needed.
type Requirement [][]string

// Related is a secondary position with a message, such as the manifest
// line that a missing grant would go to.
type Related struct {
	Message  string   `json:"message"`
	Position Position `json:"position"`
}

// Step is one frame of a call chain, from an entry point towards the API
// call.
type Step struct {
	Function string   `json:"function"`
	Position Position `json:"position"`
}

// Finding is one diagnostic of ghperm with what it is about.
type Finding struct {
	// Category is the kind of finding (missing-grant, excess-grant, ...);
	// it is the SARIF rule id.
	Category Category  `json:"category"`
	Message  string    `json:"message"`
	Position Position  `json:"position"`
	URL      string    `json:"url,omitempty"` // documentation of the category
	Endpoint *Endpoint `json:"endpoint,omitempty"`
	// Key is the permission key, scope or webhook event the finding is
	// about, if any (the grant of an excess-grant finding).
	Key string `json:"key,omitempty"`
	// Requirement is what the endpoint needs.
	Requirement Requirement `json:"requirement,omitempty"`
	// Manifest is the manifest position the finding refers to, if any.
	Manifest *Position `json:"manifest,omitempty"`
	Related  []Related `json:"related,omitempty"`
	// Chain is the call chain from an entry point to the API call.
	Chain []Step `json:"chain,omitempty"`
}

// otherManifest returns the manifest position when the renderings must
// show it: when it starts neither at the finding's position nor at a
// related one.
func (f *Finding) otherManifest() *Position {
	m := f.Manifest
	if m == nil || m.sameStart(f.Position) || slices.ContainsFunc(f.Related, func(r Related) bool { return m.sameStart(r.Position) }) {
		return nil
	}
	return m
}

func (p Position) sameStart(q Position) bool {
	return p.File == q.File && p.Line == q.Line && p.Col == q.Col
}

// Handler receives the findings stream. Config comes first, then the
// findings; Flush writes the rendering.
type Handler interface {
	Config(*Config) error
	Finding(*Finding) error
	Flush() error
}

// RelPath returns filename relative to root, slash-separated, when it is
// inside root; otherwise the cleaned filename, slash-separated.
func RelPath(root, filename string) string {
	if root != "" && filepath.IsAbs(filename) {
		if rel, err := filepath.Rel(root, filename); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(filename))
}

// collector is the state common to all handlers: the config and the
// findings seen so far.
type collector struct {
	config   Config
	findings []*Finding
}

func (c *collector) Config(cfg *Config) error {
	c.config = *cfg
	return nil
}

func (c *collector) Finding(f *Finding) error {
	c.findings = append(c.findings, f)
	return nil
}

// sorted returns the findings ordered by position, then category and
// message, without duplicates.
func (c *collector) sorted() []*Finding {
	fs := slices.Clone(c.findings)
	slices.SortStableFunc(fs, compareFindings)
	return slices.CompactFunc(fs, func(a, b *Finding) bool { return compareFindings(a, b) == 0 })
}

func compareFindings(a, b *Finding) int {
	return cmp.Or(
		comparePositions(a.Position, b.Position),
		cmp.Compare(a.Category, b.Category),
		cmp.Compare(a.Message, b.Message),
	)
}

func comparePositions(a, b Position) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.EndLine, b.EndLine),
		cmp.Compare(a.EndCol, b.EndCol),
	)
}
