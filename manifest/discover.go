package manifest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Discovery order. The first rule that names a file wins:
//
//  1. an explicit path (the -manifest flag): an app manifest, or a ghperm
//     config if its base name is one of ConfigNames;
//  2. a //ghperm:manifest <path> directive in the main package, the path
//     relative to the directive's file (it ties the manifest to that binary);
//     like the flag, it may name a ghperm config instead;
//  3. the manifest: field of the ghperm config found at the module root;
//  4. the one of ManifestNames that exists at the module root (more than
//     one is an error: say which with rule 1, 2 or 3).
//
// The config is the explicit one, else the one next to the manifest, else
// the one at the module root. A config whose token needs no manifest
// (oauth, actions, app, or one with its own permissions:) stops the search.

// ManifestNames are the well-known app manifest names at a module root
// (YAML also spelt .yaml).
var ManifestNames = []string{
	"app.yml", ".github/app.yml", "github-app.yml", ".github/github-app.yml",
	"app.yaml", ".github/app.yaml", "github-app.yaml", ".github/github-app.yaml",
	"app-manifest.json", ".github/app-manifest.json", "github-app.json", ".github/github-app.json",
}

// ConfigNames are the ghperm config names, looked up in this order.
var ConfigNames = []string{"ghperm.yml", ".ghperm.yml", ".github/ghperm.yml", "ghperm.yaml", ".ghperm.yaml", ".github/ghperm.yaml"}

// nextToManifest are the config names looked up next to a manifest.
var nextToManifest = []string{"ghperm.yml", ".ghperm.yml", "ghperm.yaml", ".ghperm.yaml"}

// How says which discovery rule found the manifest.
type How uint8

const (
	NotFound How = iota
	ByFlag
	ByDirective
	ByConfig
	ByName
)

func (h How) String() string {
	return [...]string{"not found", "flag", "//ghperm:manifest directive", "ghperm config", "well-known name"}[h]
}

// Location is what discovery found: paths are "" when absent.
type Location struct {
	Manifest string
	How      How
	Config   string
	// Root is the tree that every path the analysed code names (a
	// directive, a config found in the module, the paths a config names)
	// must stay in: the module's root, or its workspace's.
	Root string
	// Flag is the path the user named (the -manifest flag): it may be
	// anywhere, and so may the paths of a config it names outside Root.
	Flag string
	// Program is the main package the grants are for: with token:
	// actions, the workflow job that runs it is the one compared.
	Program Program
}

// Discover finds the manifest and config of a module whose root is
// root. explicit is the flag's path and directive the directive's path,
// already resolved against its file's directory; either may be "".
// It fails on ambiguity, and when a directive or a config's manifest:
// names a path outside the module (or workspace) tree after resolving
// symbolic links (see [Confine]; the flag's path may be anywhere); a
// missing manifest is How == NotFound. Entries that exist but cannot be
// read (a directory, a dangling link, a FIFO) are found: Load says why
// they cannot be read.
func Discover(root, explicit, directive string) (Location, error) {
	loc := Location{Root: TreeRoot(root), Flag: explicit}
	if explicit == "" && directive != "" {
		if err := Confine(loc.Root, directive); err != nil {
			return loc, fmt.Errorf("//ghperm:manifest: %w", err)
		}
	}
	switch {
	case explicit != "" && isConfigName(explicit):
		loc.Config = explicit
	case explicit != "":
		loc.Manifest, loc.How = explicit, ByFlag
	case directive != "" && isConfigName(directive):
		loc.Config = directive
	case directive != "":
		loc.Manifest, loc.How = directive, ByDirective
	}
	if loc.Manifest != "" && loc.Config == "" {
		loc.Config = firstExisting(filepath.Dir(loc.Manifest), nextToManifest)
	}
	if loc.Config == "" {
		loc.Config = firstExisting(root, ConfigNames)
	}
	if loc.Manifest != "" {
		return loc, nil
	}
	if loc.Config != "" {
		if m, ok := configManifest(loc.Config); ok {
			if err := loc.confine(m, true); err != nil {
				return loc, fmt.Errorf("%s: manifest: %w", loc.Config, err)
			}
			loc.Manifest, loc.How = m, ByConfig
			return loc, nil
		}
	}
	var found []string
	for _, name := range ManifestNames {
		if p := filepath.Join(root, filepath.FromSlash(name)); exists(p) {
			found = append(found, name)
		}
	}
	switch len(found) {
	case 0:
		return loc, nil
	case 1:
		loc.Manifest, loc.How = filepath.Join(root, filepath.FromSlash(found[0])), ByName
		return loc, nil
	}
	return loc, fmt.Errorf("module %s has several app manifests (%s): name one with manifest: in %s or a //ghperm:manifest directive",
		root, strings.Join(found, ", "), ConfigNames[0])
}

// configManifest returns the manifest a config names, reading only that
// field: a broken config is reported when it is loaded.
func configManifest(path string) (string, bool) {
	data, err := ReadFile(path)
	if err != nil {
		return "", false
	}
	s, _ := ParseConfig(path, data)
	if s == nil || s.Manifest == "" {
		return "", false
	}
	return s.Manifest, true
}

func isConfigName(path string) bool {
	base := filepath.Base(path)
	return slices.Contains(nextToManifest, base)
}

// confine checks a path that the analysed code or a config names (config
// says which); see Location.Flag.
func (loc Location) confine(path string, fromConfig bool) error {
	if path == loc.Flag && loc.Flag != "" {
		return nil
	}
	if fromConfig && loc.Config != "" && loc.Config == loc.Flag && Confine(loc.Root, loc.Flag) != nil {
		return nil // a config of the user's, outside the analysed tree
	}
	return Confine(loc.Root, path)
}

func firstExisting(dir string, names []string) string {
	for _, name := range names {
		if p := filepath.Join(dir, filepath.FromSlash(name)); exists(p) {
			return p
		}
	}
	return ""
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular() || err != nil && !errors.Is(err, fs.ErrNotExist)
}
