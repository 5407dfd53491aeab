package manifest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

// Grants is what the code is allowed to do: the token kind it calls
// GitHub with and what that token is granted.
type Grants struct {
	Token catalog.Token
	// Manifest holds the permissions (and events) of the token: the app
	// manifest, the workflow's permissions: block or the config's
	// permissions:. It is nil for oauth and app tokens.
	Manifest *Manifest
	Scopes   []Scope   // oauth: the token's scopes
	Settings *Settings // nil without a config file
}

// Visibility is the repositories a classic token's scopes must reach, as
// the config says (any without one).
func (g *Grants) Visibility() catalog.Visibility {
	if g.Settings == nil {
		return catalog.AnyVisibility
	}
	return g.Settings.Visibility
}

// Allowed returns why key (a permission key or, for oauth, a scope) is
// kept although no REST call needs it, or "".
func (g *Grants) Allowed(key string) string {
	if g.Manifest != nil {
		if p, ok := g.Manifest.Permission(key); ok && p.Allow != "" {
			return p.Allow
		}
	}
	if g.Settings != nil {
		for _, a := range g.Settings.Allow {
			if a.Key == key {
				return a.Reason
			}
		}
	}
	return ""
}

// Load reads the files loc names and checks them against the catalog. It
// returns what it could read and every problem, each at its position (a
// file that cannot be read has a position with no line).
func Load(loc Location, cat *catalog.Catalog) (*Grants, ErrorList) {
	var errs ErrorList
	g := &Grants{}
	if loc.Config != "" {
		data, err := loc.read(loc.Config, false)
		if err != nil {
			errs.add(Pos{File: loc.Config}, "cannot read the ghperm config: %v", err)
			return nil, errs
		}
		s, perrs := ParseConfig(loc.Config, data)
		errs = append(errs, perrs...)
		if s == nil {
			return nil, errs
		}
		g.Settings, g.Token, g.Scopes = s, s.Token, s.Scopes
	}
	switch {
	case g.Token == catalog.OAuth:
		errs = append(errs, CheckScopes(g.Scopes, cat)...)
	case g.Token == catalog.AppJWT:
	case g.Token == catalog.Actions && g.Settings.Workflow == "":
		g.Manifest = loc.discoverWorkflow(g.Settings, &errs)
	case g.Token == catalog.Actions:
		g.Manifest = loc.readFile(g.Settings.Workflow, "workflow", true, &errs, func(path string, data []byte) (*Manifest, ErrorList) {
			return ParseWorkflowFor(path, data, g.Settings.Job, loc.Program)
		})
	case g.Settings != nil && g.Settings.Permissions != nil:
		g.Manifest = g.Settings.Permissions
	case loc.Manifest == "":
		at := Pos{File: loc.Config}
		if g.Settings != nil && g.Settings.TokenPos.IsValid() {
			at = g.Settings.TokenPos
		}
		errs.add(at, "no app manifest found (looked for a //ghperm:manifest directive, manifest: in %s, and %v at the module root)",
			ConfigNames[0], ManifestNames)
	default:
		g.Manifest = loc.readFile(loc.Manifest, "app manifest", loc.How == ByConfig, &errs, Parse)
	}
	if g.Manifest != nil {
		errs = append(errs, Check(g.Manifest, cat)...)
	}
	if g.Settings != nil {
		errs = append(errs, g.checkAllow()...)
	}
	errs.sort()
	return g, capErrors(errs)
}

// read reads a file of the grants, confined to the tree unless the user
// named it (fromConfig says whether a config named it).
func (loc Location) read(path string, fromConfig bool) ([]byte, error) {
	if err := loc.confine(path, fromConfig); err != nil {
		return nil, err
	}
	return ReadFile(path)
}

func (loc Location) readFile(path, what string, fromConfig bool, errs *ErrorList, parse func(string, []byte) (*Manifest, ErrorList)) *Manifest {
	data, err := loc.read(path, fromConfig)
	if err != nil {
		errs.add(Pos{File: path}, "cannot read the %s: %v", what, err)
		return nil
	}
	m, perrs := parse(path, data)
	*errs = append(*errs, perrs...)
	return m
}

// discoverWorkflow finds, when the config names no workflow:, the job of
// the workflows in .github/workflows at the tree's root whose steps run
// the program (job: picks among those of several workflows), and reads
// its permissions.
func (loc Location) discoverWorkflow(s *Settings, errs *ErrorList) *Manifest {
	at := s.TokenPos
	if !at.IsValid() {
		at = Pos{File: loc.Config}
	}
	dir := filepath.Join(loc.Root, ".github", "workflows")
	type candidate struct {
		path, job string
		data      []byte
	}
	var found []candidate
	for _, path := range workflowFiles(loc.Root) {
		data, err := loc.read(path, true)
		if err != nil {
			continue
		}
		for _, job := range jobsRunning(path, data, loc.Program) {
			if s.Job == "" || s.Job == job {
				found = append(found, candidate{path, job, data})
			}
		}
	}
	switch len(found) {
	case 1:
		m, perrs := ParseWorkflowFor(found[0].path, found[0].data, found[0].job, loc.Program)
		*errs = append(*errs, perrs...)
		return m
	case 0:
		looked := ""
		if p := loc.Program; p.ImportPath != "" {
			looked = fmt.Sprintf(" %s (looked in run: steps for %s)", p.ImportPath, p.forms())
		}
		errs.add(at, "token: actions: no job of %s/*.yml runs the program%s: name its workflow: (and job:) in %s",
			filepath.ToSlash(relOrSelf(loc.Root, dir)), looked, filepath.Base(loc.Config))
	default:
		var jobs []string
		for _, c := range found {
			jobs = append(jobs, filepath.Base(c.path)+": "+c.job)
		}
		errs.add(at, "token: actions: several jobs run the program (%s): name one with workflow: and job:", strings.Join(jobs, ", "))
	}
	return nil
}

// workflowFiles returns the workflows in .github/workflows under root.
func workflowFiles(root string) []string {
	dir := filepath.Join(root, ".github", "workflows")
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".yml" || ext == ".yaml") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// relOrSelf is path relative to root, or path.
func relOrSelf(root, path string) string {
	if rel, err := filepath.Rel(root, path); err == nil {
		return rel
	}
	return path
}

// checkAllow reports allow: entries for what the token is not granted.
func (g *Grants) checkAllow() ErrorList {
	var errs ErrorList
	for _, a := range g.Settings.Allow {
		granted := g.Manifest != nil && g.Manifest.Level(a.Key) != catalog.None ||
			slices.ContainsFunc(g.Scopes, func(s Scope) bool { return s.Name == a.Key })
		if !granted {
			errs.add(a.Pos, "allow: %s, but the %s token is not granted %s", a.Key, g.Token, a.Key)
		}
	}
	return errs
}

// pathless drops the path from a file system error: the error's position
// names the file.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
