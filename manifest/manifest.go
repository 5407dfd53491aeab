package manifest

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/ghperm/ghperm/catalog"
)

// Format is the kind of file grants were read from.
type Format uint8

const (
	AppJSON  Format = iota // GitHub App manifest, JSON (the manifest flow)
	AppYAML                // GitHub App manifest, YAML (probot's app.yml)
	Workflow               // a GitHub Actions workflow's permissions: block
	Config                 // the permissions: of a ghperm config file
)

func (f Format) String() string {
	return [...]string{"app manifest (JSON)", "app manifest (YAML)", "workflow", "ghperm config"}[f]
}

// Manifest is what an app or token is granted, as read from one file.
type Manifest struct {
	Path        string
	Format      Format
	Name        string       // the app's name, if the file gives one
	Permissions []Permission // one per key, in file order
	// PermissionsPos is where the permissions are (the default_permissions
	// key), or the start of the file if they are absent.
	PermissionsPos Pos
	Events         []Event // subscribed webhook events, in file order
	// EventsPos is where the events are (the default_events key), or the
	// start of the file if they are absent.
	EventsPos Pos
	// Steps are what the steps of a workflow's governed jobs need of the
	// GITHUB_TOKEN, as the actions they use document it.
	Steps []StepNeed
}

// Permission is one granted permission as written in a file.
type Permission struct {
	Key      string // app manifest key, e.g. "pull_requests"
	Written  string // the key as written, e.g. "pull-requests" in a workflow
	Level    catalog.Level
	Pos      Pos // of the key
	LevelPos Pos // of the level
	// Allow is why the grant is needed by something ghperm cannot see
	// (GraphQL, git over HTTPS, a registry): a "# ghperm:allow reason"
	// comment on the line, or the config's allow: entry.
	Allow string
}

// Event is one subscribed webhook event.
type Event struct {
	Name string
	Pos  Pos
}

// Permission returns the grant of key, if the file has one.
func (m *Manifest) Permission(key string) (*Permission, bool) {
	for i := range m.Permissions {
		if m.Permissions[i].Key == key {
			return &m.Permissions[i], true
		}
	}
	return nil, false
}

// Level returns the level granted for key (None if not granted).
func (m *Manifest) Level(key string) catalog.Level {
	if p, ok := m.Permission(key); ok {
		return p.Level
	}
	return catalog.None
}

// Parse reads a GitHub App manifest: JSON if path ends in ".json", else
// YAML. It checks the file's syntax and shape (types, duplicate keys,
// levels, unknown fields; fields named x-... are ignored, to hold YAML
// anchors); names are checked against the catalog by [Check]. It returns
// what it could read and every problem found.
func Parse(path string, data []byte) (*Manifest, ErrorList) {
	format := AppYAML
	if strings.EqualFold(filepath.Ext(path), ".json") {
		format = AppJSON
	}
	root, errs := parseTree(path, data, format == AppJSON)
	if root == nil {
		return nil, errs
	}
	m := &Manifest{Path: path, Format: format, PermissionsPos: root.pos, EventsPos: root.pos}
	if !expect(root, mappingNode, "the manifest", &errs) {
		return m, errs
	}
	// Fields named x-... hold YAML anchors and other extensions.
	root.fields = slices.DeleteFunc(root.fields, func(f field) bool { return strings.HasPrefix(f.key, "x-") })
	for _, f := range checkFields(root, "manifest field", appFields, &errs) {
		switch f.key {
		case "name":
			if expect(f.value, stringNode, "name", &errs) {
				m.Name = f.value.text
			}
		case "default_permissions":
			m.PermissionsPos = f.keyPos
			m.Permissions = readPermissions(f.value, "default_permissions", appKey, &errs)
		case "default_events":
			m.EventsPos = f.keyPos
			m.Events = readEvents(f.value, &errs)
		}
	}
	errs.sort()
	return m, errs
}

// appFields are the fields of GitHub's app manifest ("Registering a GitHub
// App from a manifest", github/docs), which probot's app.yml shares.
var appFields = []string{
	"name", "url", "hook_attributes", "redirect_url", "callback_urls", "setup_url",
	"description", "public", "default_events", "default_permissions",
	"request_oauth_on_install", "setup_on_update",
}

// parseTree parses data as JSON or YAML; an empty file is an error.
func parseTree(path string, data []byte, isJSON bool) (*node, ErrorList) {
	ls := newLines(path, data)
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil, ErrorList{{Pos: ls.pos(0), Msg: "file is empty"}}
	}
	parse := parseYAML
	if isJSON {
		parse = parseJSON
	}
	root, err := parse(ls)
	if err != nil {
		return nil, ErrorList{err}
	}
	return root, nil
}

// appKey maps a key as written in a manifest to the app key: the same.
func appKey(written string) (string, bool) { return written, true }

// readPermissions reads a key: level mapping. key maps each written key to
// the app key; it returns false for keys with no app equivalent, which are
// read (their levels checked) but not returned.
func readPermissions(n *node, what string, key func(string) (string, bool), errs *ErrorList) []Permission {
	if !expect(n, mappingNode, what, errs) {
		return nil
	}
	var out []Permission
	for _, f := range checkFields(n, "permission", nil, errs) {
		if !expect(f.value, stringNode, "the level of "+f.key, errs) {
			continue
		}
		level, err := catalog.ParseLevel(f.value.text)
		if err != nil {
			hint := didYouMean(f.value.text, levelWords)
			if hint == "" {
				hint = "; want read, write or none"
			}
			errs.add(f.value.pos, "invalid level %s for %s%s", quote(f.value.text), f.key, hint)
			continue
		}
		k, ok := key(f.key)
		if !ok {
			continue
		}
		out = append(out, Permission{
			Key: k, Written: f.key, Level: level,
			Pos: f.keyPos, LevelPos: f.value.pos,
			Allow: allowComment(f.value, errs),
		})
	}
	return out
}

var levelWords = []string{"none", "read", "write", "admin"}

// allowPrefix starts a YAML line comment that keeps a grant used outside
// REST: "contents: write # ghperm:allow git push over HTTPS".
const allowPrefix = "ghperm:allow"

func allowComment(n *node, errs *ErrorList) string {
	rest, ok := strings.CutPrefix(n.comment, allowPrefix)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return ""
	}
	reason := strings.TrimSpace(rest)
	if reason == "" {
		errs.add(n.pos, "%s needs a reason: # %s <why the grant is needed>", allowPrefix, allowPrefix)
	}
	return reason
}

func readEvents(n *node, errs *ErrorList) []Event {
	if !expect(n, sequenceNode, "default_events", errs) {
		return nil
	}
	var out []Event
	seen := map[string]bool{}
	for _, item := range n.items {
		if !expect(item, stringNode, "an event", errs) {
			continue
		}
		if seen[item.text] {
			errs.add(item.pos, "duplicate event %s", quote(item.text))
			continue
		}
		seen[item.text] = true
		out = append(out, Event{Name: item.text, Pos: item.pos})
	}
	return out
}
