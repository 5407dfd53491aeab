package manifest

import (
	"path/filepath"

	"github.com/ghperm/ghperm/catalog"
)

// Settings is a ghperm config file (ghperm.yml):
//
//	manifest: app.yml          # the app manifest, relative to this file
//	token: installation        # installation | user | fine-grained | oauth | actions | app
//	scopes: [repo, read:org]   # token: oauth: the scopes the token has
//	visibility: public         # token: oauth: the repositories it reaches: any (default), private, public
//	workflow: .github/workflows/triage.yml  # token: actions: the workflow ...
//	job: triage                # ... and the job that runs the code
//	permissions:               # token: fine-grained (or an app without a manifest file)
//	  issues: write
//	allow:                     # grants (or scopes) used outside REST, with the reason
//	  contents: git push over HTTPS
type Settings struct {
	Path        string
	Manifest    string // resolved against the config's directory; "" if not set
	ManifestPos Pos
	Token       catalog.Token
	TokenPos    Pos // invalid if the token is the default
	Scopes      []Scope
	ScopesPos   Pos // of the scopes: key; invalid if absent
	// Visibility is the repositories a classic token's scopes must
	// reach: public_repo does where repo is needed for public ones.
	Visibility    catalog.Visibility
	VisibilityPos Pos    // invalid if not set
	Workflow      string // resolved against the config's directory
	WorkflowPos   Pos
	Job           string
	// Permissions is the config's own permissions: block (Format Config).
	Permissions *Manifest
	Allow       []Allowance
}

// Scope is one OAuth scope as written in a config.
type Scope struct {
	Name string
	Pos  Pos
}

// Allowance keeps a grant (a permission key or a scope) that something
// ghperm cannot see needs, such as GraphQL or git over HTTPS.
type Allowance struct {
	Key    string
	Reason string
	Pos    Pos
}

var configFields = []string{"manifest", "token", "scopes", "visibility", "workflow", "job", "permissions", "allow"}

// ParseConfig reads a ghperm config file.
func ParseConfig(path string, data []byte) (*Settings, ErrorList) {
	root, errs := parseTree(path, data, false)
	if root == nil {
		return nil, errs
	}
	s := &Settings{Path: path}
	if !expect(root, mappingNode, "the config", &errs) {
		return s, errs
	}
	dir := filepath.Dir(path)
	for _, f := range checkFields(root, "config field", configFields, &errs) {
		v := f.value
		switch f.key {
		case "manifest", "workflow", "job", "token", "visibility":
			if !expect(v, stringNode, f.key, &errs) {
				continue
			}
			switch f.key {
			case "manifest":
				s.Manifest, s.ManifestPos = resolve(dir, v.text), v.pos
			case "workflow":
				s.Workflow, s.WorkflowPos = resolve(dir, v.text), v.pos
			case "job":
				s.Job = v.text
			case "token":
				t, ok := catalog.ParseToken(v.text)
				if !ok {
					errs.add(v.pos, "unknown token kind %s%s", quote(v.text), didYouMean(v.text, tokenNameList()))
					continue
				}
				s.Token, s.TokenPos = t, v.pos
			case "visibility":
				vis, err := catalog.ParseVisibility(v.text)
				if err != nil {
					errs.add(v.pos, "%v", err)
					continue
				}
				s.Visibility, s.VisibilityPos = vis, v.pos
			}
		case "scopes":
			s.ScopesPos = f.keyPos
			if !expect(v, sequenceNode, "scopes", &errs) {
				continue
			}
			for _, item := range v.items {
				if expect(item, stringNode, "a scope", &errs) {
					s.Scopes = append(s.Scopes, Scope{Name: item.text, Pos: item.pos})
				}
			}
		case "permissions":
			s.Permissions = &Manifest{Path: path, Format: Config, PermissionsPos: f.keyPos,
				Permissions: readPermissions(v, "permissions", appKey, &errs)}
		case "allow":
			if !expect(v, mappingNode, "allow", &errs) {
				continue
			}
			for _, a := range checkFields(v, "allow entry", nil, &errs) {
				if !expect(a.value, stringNode, "the reason for "+a.key, &errs) {
					continue
				}
				if a.value.text == "" {
					errs.add(a.value.pos, "allow: %s needs a reason", a.key)
					continue
				}
				s.Allow = append(s.Allow, Allowance{Key: a.key, Reason: a.value.text, Pos: a.keyPos})
			}
		}
	}
	s.check(root, &errs)
	errs.sort()
	return s, errs
}

// check reports settings that do not fit the token kind.
func (s *Settings) check(root *node, errs *ErrorList) {
	at := s.TokenPos
	if !at.IsValid() {
		at = root.pos
	}
	if len(s.Scopes) > 0 && s.Token != catalog.OAuth {
		errs.add(s.Scopes[0].Pos, "scopes: apply to token: oauth, not %s", s.Token)
	}
	if s.VisibilityPos.IsValid() && s.Token != catalog.OAuth {
		errs.add(s.VisibilityPos, "visibility: applies to token: oauth, not %s", s.Token)
	}
	if s.Workflow != "" && s.Token != catalog.Actions {
		errs.add(s.WorkflowPos, "workflow: applies to token: actions, not %s", s.Token)
	}
	if s.Permissions != nil && (s.Token == catalog.OAuth || s.Token == catalog.Actions || s.Token == catalog.AppJWT) {
		errs.add(at, "permissions: do not apply to token: %s", s.Token)
	}
	if s.Permissions != nil && s.Manifest != "" {
		errs.add(s.ManifestPos, "give either manifest: or permissions:, not both")
	}
}

// resolve resolves a path a config names against the config's directory.
// An absolute path stays absolute (and must pass [Confine] when loaded).
func resolve(dir, path string) string {
	if path == "" {
		return ""
	}
	if p := filepath.FromSlash(path); filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(path))
}

// tokenNameList lists the token kinds' names, for suggestions.
func tokenNameList() []string {
	var names []string
	for _, t := range catalog.Tokens() {
		names = append(names, t.String())
	}
	return names
}
