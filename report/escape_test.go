package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/ghperm/ghperm/report"
)

// hostile is what analysed code can put in a finding: a file name and a
// manifest value with terminal escapes, a forged line, a bidi override,
// a C1 CSI and invalid UTF-8.
func hostile() []*report.Finding {
	return []*report.Finding{{
		Category: "manifest-error",
		Message:  "unknown manifest field \"\x1b]0;owned\x07\"; x\nghperm v0.1.0: no findings",
		Position: report.Position{File: "cmd/\x1b[2Jbot/app\u202e.yml", Line: 1, Col: 1},
		Related:  []report.Related{{Message: "granted\rhere\u009b31m", Position: report.Position{File: "a\tb\xff.yml", Line: 2, Col: 1}}},
		Chain:    []report.Step{{Function: "main.\x1b[8m", Position: report.Position{File: "x.go", Line: 3, Col: 1}}},
	}}
}

// TestTextEscapesControls: issue 10, item 8.
func TestTextEscapesControls(t *testing.T) {
	var b bytes.Buffer
	render(t, report.NewTextHandler(&b), hostile())
	out := b.String()
	for _, r := range out {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || r == '\u202e' || r == unicode.ReplacementChar) {
			t.Fatalf("text output has %U raw:\n%q", r, out)
		}
	}
	for _, want := range []string{
		`cmd/\x1b[2Jbot/app\u202e.yml:1:1: unknown manifest field "\x1b]0;owned\x07"; x\nghperm v0.1.0: no findings`,
		"\ta\\tb\\xff.yml:2:1: granted\\rhere\\u009b31m\n",
		"\t\tmain.\\x1b[8m @ x.go:3:1\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "no findings"); n != 1 {
		t.Errorf("a message forged a line: %s", out)
	}

	// JSON escapes control characters itself.
	b.Reset()
	render(t, report.NewJSONHandler(&b), hostile())
	if strings.ContainsAny(b.String(), "\x1b\r\x07") || !json.Valid(b.Bytes()) {
		t.Errorf("JSON output has raw control characters: %q", b.String())
	}
}

func TestNeedsTextEscapesControls(t *testing.T) {
	n := needs("installation")
	n.Unresolved = append(n.Unresolved, report.Call{Position: report.Position{File: "\x1b[2J.go", Line: 1, Col: 1}, Message: "URL\x1b[8m"})
	for _, write := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return report.WriteNeedsText(b, n) },
		func(b *bytes.Buffer) error { return report.WriteNeedsYAML(b, n) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "\x1b") {
			t.Errorf("raw escape in %q", b.String())
		}
	}
}
