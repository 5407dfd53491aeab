package main

import (
	"runtime"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/report"
)

// TestVersion: issue 11. ghperm -version and ghperm version print the
// tool's, the catalog's and Go's versions.
func TestVersion(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := "ghperm (devel)\ncatalog " + cat.Version() + "\n" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	for _, args := range [][]string{{"-version"}, {"version"}, {"-version", "./..."}} {
		out, stderr, code := runArgs(t, args...)
		if code != 0 || out != want || stderr != "" {
			t.Errorf("ghperm %s: exit %d, stdout %q, stderr %q; want stdout %q", strings.Join(args, " "), code, out, stderr, want)
		}
	}
}

// TestHelpCommand: ghperm help [command] prints what -help prints, on
// stdout with exit status 0, for every command.
func TestHelpCommand(t *testing.T) {
	for _, tc := range []struct{ help, flag []string }{
		{[]string{"help"}, []string{"-help"}},
		{[]string{"help", "check"}, []string{"-h"}},
		{[]string{"help", "needs"}, []string{"needs", "-help"}},
		{[]string{"help", "endpoint"}, []string{"endpoint", "-help"}},
		{[]string{"help", "catalog"}, []string{"catalog", "-help"}},
		{[]string{"help", "version"}, []string{"version", "-help"}},
	} {
		got, stderr, code := runArgs(t, tc.help...)
		want, _, wantCode := runArgs(t, tc.flag...)
		name := strings.Join(tc.help, " ")
		if code != 0 || wantCode != 0 || stderr != "" || got != want || !strings.HasPrefix(got, "usage: ghperm") {
			t.Errorf("ghperm %s: exit %d (%s: %d), stderr %q, stdout:\n%s\nwant:\n%s", name, code, strings.Join(tc.flag, " "), wantCode, stderr, got, want)
		}
	}
	help, _, _ := runArgs(t, "help", "help")
	if !strings.HasPrefix(help, "usage: ghperm help [command]") {
		t.Errorf("ghperm help help:\n%s", help)
	}
}

// TestHelpFlags: -help lists each flag once: the analyzer's flags as
// -NAME, not again as -ghperm.NAME; needs lists its own flags and the
// analyzer's -manifest only.
func TestHelpFlags(t *testing.T) {
	flagLines := func(out string) []string {
		var names []string
		for _, l := range strings.Split(out, "\n") {
			if name, ok := strings.CutPrefix(l, "  -"); ok {
				names = append(names, strings.Fields(name)[0])
			}
		}
		return names
	}
	check, _, _ := runArgs(t, "-help")
	if got, want := strings.Join(flagLines(check), " "), "C callsite endpoints excess-at explain format json manifest test unresolved version"; got != want {
		t.Errorf("ghperm -help lists flags %s, want %s", got, want)
	}
	if !strings.Contains(check, "-ghperm.NAME") || !strings.Contains(check, "-explain") {
		t.Errorf("ghperm -help does not say the analyzer's flags are also -ghperm.NAME:\n%s", check)
	}
	needs, _, _ := runArgs(t, "needs", "-help")
	if got, want := strings.Join(flagLines(needs), " "), "C format json manifest test token"; got != want {
		t.Errorf("ghperm needs -help lists flags %s, want %s", got, want)
	}
	if !strings.Contains(needs, "see ghperm -help") || !strings.Contains(needs, "installation, user, fine-grained, oauth or actions") {
		t.Errorf("ghperm needs -help:\n%s", needs)
	}
}

// TestExplain: ghperm -explain CATEGORY prints the category's rule.
func TestExplain(t *testing.T) {
	for _, cat := range report.Categories() {
		out, stderr, code := runArgs(t, "-explain", string(cat))
		r := cat.Rule()
		for _, want := range []string{string(cat) + " (" + r.Level + "): " + r.Short, r.Full, r.Help, r.URL()} {
			if code != 0 || stderr != "" || !strings.Contains(out, want) {
				t.Errorf("ghperm -explain %s: exit %d, stderr %q, no %q in\n%s", cat, code, stderr, want, out)
			}
		}
	}
}

// TestNeedsJSONFlag: needs -json is short for -format json.
func TestNeedsJSONFlag(t *testing.T) {
	ownModule(t)
	short, _, code := runArgs(t, "needs", "-C", exampleDir, "-json", "./...")
	long, _, _ := runArgs(t, "needs", "-C", exampleDir, "-format", "json", "./...")
	if code != 0 || short != long || !strings.HasPrefix(short, "{") {
		t.Errorf("needs -json (exit %d):\n%s\nneeds -format json:\n%s", code, short, long)
	}
}
