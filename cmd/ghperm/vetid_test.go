package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestGoBuildID checks the build ID read from the executable's ELF note
// against the go command's own reading of it.
func TestGoBuildID(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs go tool buildid")
	}
	if runtime.GOOS != "linux" {
		t.Skip("ELF executables only; elsewhere the whole file is hashed")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatal(err)
	}
	id, ok := goBuildID(exe)
	if want := strings.TrimSpace(string(out)); !ok || id != want {
		t.Errorf("goBuildID = %q, %v; go tool buildid says %q", id, ok, want)
	}
	if _, ok := goBuildID("vetid.go"); ok {
		t.Error("goBuildID of a source file: ok")
	}
}
