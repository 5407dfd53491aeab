package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestInstallFromClone: issue 11. The README's install command for a
// clone works: go install ./cmd/ghperm at the repository root installs
// a ghperm that runs (and says its versions).
func TestInstallFromClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds ghperm")
	}
	install := readmeSample(t, "## Install\n", "## Try it on a fresh clone")
	const cmd = "go install ./cmd/ghperm"
	if !strings.Contains(install, "\n"+cmd+" ") {
		t.Fatalf("the README's install section has no %q:\n%s", cmd, install)
	}
	gobin := t.TempDir()
	c := exec.Command("go", "install", "./cmd/ghperm")
	c.Dir = "../.."
	c.Env = append(os.Environ(), "GOBIN="+gobin)
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	out, err := exec.Command(filepath.Join(gobin, "ghperm"), "-version").Output()
	if err != nil || !strings.HasPrefix(string(out), "ghperm ") || !strings.Contains(string(out), "\ncatalog ") {
		t.Errorf("ghperm -version: %v\n%s", err, out)
	}
	// The tool directive from a clone: the README names the go mod edit
	// that toolModule (TestVetParity) runs.
	for _, want := range []string{"-require=github.com/ghperm/ghperm@v0.0.0", "-replace=github.com/ghperm/ghperm=", "-tool=github.com/ghperm/ghperm/cmd/ghperm"} {
		if !strings.Contains(install, want) {
			t.Errorf("the README's install section has no %q", want)
		}
	}
}
