package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Resource is what a permission governs, as GitHub groups permissions on
// an app's settings page.
type Resource uint8

const (
	RepositoryResource Resource = iota + 1
	OrganizationResource
	AccountResource // "User permissions" in GitHub's data
	EnterpriseResource
)

var resourceNames = [...]string{RepositoryResource: "repository", OrganizationResource: "organization", AccountResource: "account", EnterpriseResource: "enterprise"}

func (r Resource) String() string {
	if r > 0 && int(r) < len(resourceNames) {
		return resourceNames[r]
	}
	return fmt.Sprintf("Resource(%d)", r)
}

// Permission is one key a GitHub App manifest may use in
// default_permissions.
type Permission struct {
	Key      string // manifest key, e.g. "pull_requests"
	Title    string // display title, e.g. "Pull requests"
	Resource Resource
	Levels   []Level // allowed levels, ascending
}

// Allows reports whether l is an allowed level of p.
func (p Permission) Allows(l Level) bool {
	for _, x := range p.Levels {
		if x == l {
			return true
		}
	}
	return false
}

// Event is a webhook event an app may subscribe to (default_events).
type Event struct {
	Name string // e.g. "issue_comment"
	// Needs are alternatives, any one suffices; empty when the event needs
	// nothing or when nothing says what it needs (see Known).
	Needs []Set
	// Basis is the fact Needs rest on: `summary: "<sentence>"` of GitHub's
	// webhook description (a permission, or "All GitHub Apps receive this
	// event by default"), or "override: " and the evidence of
	// upstream/event-overrides.tsv; "" when nothing says.
	Basis string
	// ActionNeeds are what receiving some of the event's actions needs
	// beyond Needs ("To receive the `rerequested` and `requested_action`
	// event types, the app must have at least write-level access for the
	// "Checks" permission").
	ActionNeeds []ActionNeed
	// Default says that every GitHub App receives the event without
	// subscribing to it (Basis quotes GitHub's sentence).
	Default bool
}

// ActionNeed is what receiving some actions of an event needs.
type ActionNeed struct {
	Actions []string // the event's actions ("requested_action")
	Needs   []Set    // alternatives
	Basis   string   // `summary: "<sentence>"`
}

// Known reports whether GitHub's data says what the event needs: an
// unknown event's empty Needs does not mean that it needs nothing.
func (e Event) Known() bool { return e.Basis != "" }

// Scope is an OAuth scope of classic tokens.
type Scope struct {
	Name   string
	Parent string // the scope that covers this one, or ""
	Doc    string // what GitHub's scopes page says it grants
}

// Permission returns the permission with the manifest key.
func (c *Catalog) Permission(key string) (Permission, bool) {
	if i, ok := slices.BinarySearchFunc(c.perms, key, func(p Permission, k string) int { return strings.Compare(p.Key, k) }); ok {
		return c.perms[i], true
	}
	return Permission{}, false
}

// Permissions returns every permission, sorted by key.
func (c *Catalog) Permissions() []Permission { return c.perms }

// Event returns the webhook event named name.
func (c *Catalog) Event(name string) (Event, bool) {
	if i, ok := slices.BinarySearchFunc(c.events, name, func(e Event, n string) int { return strings.Compare(e.Name, n) }); ok {
		return c.events[i], true
	}
	return Event{}, false
}

// Events returns every webhook event, sorted by name.
func (c *Catalog) Events() []Event { return c.events }
