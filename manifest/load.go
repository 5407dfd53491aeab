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
// the workflows (see workflowFiles) whose steps run
// the program (job: picks among those of several workflows), and reads
// its permissions.
func (loc Location) discoverWorkflow(s *Settings, errs *ErrorList) *Manifest {
	at := s.TokenPos
	if !at.IsValid() {
		at = Pos{File: loc.Config}
	}
	type candidate struct {
		path, job string
		data      []byte
		prog      Program
	}
	var found []candidate
	for _, path := range workflowFiles(loc.Root) {
		data, err := ReadFile(path) // a place ghperm chooses, confined to its repository
		if err != nil {
			continue
		}
		progs := []Program{loc.Program}
		if top := filepath.Dir(filepath.Dir(filepath.Dir(path))); top != loc.Root {
			// A workflow of the repository runs the module's program from
			// the repository's root (./sub/cmd/x), or from the module's
			// directory (working-directory: sub).
			p := loc.Program
			p.Dir = filepath.ToSlash(filepath.Join(relOrSelf(top, loc.Root), filepath.FromSlash(p.Dir)))
			progs = append(progs, p)
		}
		seen := map[string]bool{}
		for _, prog := range progs {
			for _, job := range jobsRunning(path, data, prog) {
				if (s.Job == "" || s.Job == job) && !seen[job] {
					seen[job] = true
					found = append(found, candidate{path, job, data, prog})
				}
			}
		}
	}
	switch len(found) {
	case 1:
		m, perrs := ParseWorkflowFor(found[0].path, found[0].data, found[0].job, found[0].prog)
		*errs = append(*errs, perrs...)
		return m
	case 0:
		looked := ""
		if p := loc.Program; p.ImportPath != "" {
			looked = fmt.Sprintf(" %s (looked in run: steps for %s)", p.ImportPath, p.forms())
		}
		where := ".github/workflows/*.yml"
		if repo := RepoRoot(loc.Root); repo != "" && repo != loc.Root {
			where += " (here, or at the repository's root " + filepath.ToSlash(relOrSelf(loc.Root, repo)) + ")"
		}
		errs.add(at, "token: actions: no job of %s runs the program%s: name its workflow: (and job:) in %s",
			where, looked, filepath.Base(loc.Config))
	default:
		var jobs []string
		for _, c := range found {
			jobs = append(jobs, filepath.Base(c.path)+": "+c.job)
		}
		errs.add(at, "token: actions: several jobs run the program (%s): name one with workflow: and job:", strings.Join(jobs, ", "))
	}
	return nil
}

// workflowFiles returns the workflows GitHub Actions would run for the
// tree at root: those in .github/workflows at root, else at the root of
// the repository that holds it (the nearest directory above with a .git),
// where GitHub looks for them when the module is in a subdirectory.
// Files that leave their directory's tree through a symbolic link are
// left out.
func workflowFiles(root string) []string {
	for _, top := range []string{root, RepoRoot(root)} {
		if top == "" {
			continue
		}
		dir := filepath.Join(top, ".github", "workflows")
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		var out []string
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".yml" || ext == ".yaml") && Confine(top, path) == nil {
				out = append(out, path)
			}
		}
		return out
	}
	return nil
}

// RepoRoot returns the nearest directory at or above dir that holds a
// .git, or "".
func RepoRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
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
