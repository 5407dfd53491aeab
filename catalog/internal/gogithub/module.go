package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// A module is one downloaded go-github release.
type module struct {
	Major   int
	Path    string // "github.com/google/go-github/v57"
	Version string // "v57.0.0"
	Dir     string // extracted in the module cache
	Sum     string // hash of the module zip, as in go.sum
}

// download fetches go-github vMajor.0.0 through the go command, which uses
// GOPROXY and the shared module cache. Explicit versions are asked for
// because the proxy's version lists are incomplete for some majors.
func download(major int) (module, error) {
	m := module{Major: major, Path: fmt.Sprintf("github.com/google/go-github/v%d", major), Version: fmt.Sprintf("v%d.0.0", major)}
	// Run outside any module so that the caller's go.mod is left alone.
	scratch, err := os.MkdirTemp("", "gogithub")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(scratch)
	cmd := exec.Command("go", "mod", "download", "-json", m.Path+"@"+m.Version)
	cmd.Dir = scratch
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var info struct{ Dir, Sum, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Error != "" || runErr != nil {
		return m, fmt.Errorf("go mod download %s@%s: %v %s %s", m.Path, m.Version, runErr, info.Error, bytes.TrimSpace(stderr.Bytes()))
	}
	m.Dir, m.Sum = filepath.Join(info.Dir, "github"), info.Sum
	return m, nil
}

// downloadMethods downloads go-github vN.0.0 and parses its service methods.
func downloadMethods(major int) (module, []method, error) {
	mod, err := download(major)
	if err != nil {
		return module{}, nil, err
	}
	ms, err := parseGitHubPackage(mod.Dir)
	if err != nil {
		return module{}, nil, fmt.Errorf("%s@%s: %w", mod.Path, mod.Version, err)
	}
	return mod, ms, nil
}
