package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/report"
)

// appFixture is a module of testdata/apps shaped like an app people
// write: a framework (or the app's own dispatcher) calls the code that
// calls GitHub through values registered at start-up, never main
// directly. Each archive's comment says what is reached and why.
type appFixture struct {
	name string
	// endpoints are the "METHOD /path" of the calls in reached code.
	endpoints []string
	// dead are the endpoints called only by code that is not reached:
	// they must not be listed.
	dead []string
	// events, if set, are the webhook events the code handles, each with
	// the last step of the chain to its handler ("event handler").
	events []string
	// findings are the grant findings of the check, each
	// "missing-grant KEY METHOD /path" (KEY: the permission in every
	// alternative the endpoint accepts) or "excess-grant KEY".
	findings []string
}

// appFixtures: the endpoints are those of the go-github methods that
// reached code calls (see each archive's comment); every app.yml lacks
// one needed permission and grants administration: write, which nothing
// reached needs.
var appFixtures = []appFixture{
	{
		name: "githubapp", // go-githubapp: handlers registered with NewEventDispatcher
		endpoints: []string{
			"PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge",       // (*PRHandler).Handle: PullRequests.Merge
			"POST /repos/{owner}/{repo}/issues/{issue_number}/comments", // (*IssueCommentHandler).Handle: Issues.CreateComment
			// go-githubapp's InstallationsService, built with the app's
			// JWT client: usable, no finding.
			"GET /app/installations",
			"GET /orgs/{org}/installation",
			"GET /users/{username}/installation",
			"GET /repos/{owner}/{repo}/installation",
		},
		dead: []string{"POST /repos/{owner}/{repo}/check-runs"}, // CheckSuiteHandler, never registered
		events: []string{
			"installation (registered) (handler.InstallationHandler).Handles", // every app receives it: not a missing-event
			"installation_repositories (registered) (handler.InstallationHandler).Handles",
			"issue_comment (registered) (*handler.IssueCommentHandler).Handle",
			"pull_request (registered) (*handler.PRHandler).Handle",
		},
		findings: []string{
			"missing-grant contents PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge",
			"excess-grant administration",
			"missing-event issue_comment",      // IssueCommentHandler.Handles, not subscribed
			"excess-event pull_request_review", // subscribed, handled nowhere
		},
	},
	{
		name: "webhook", // ParseWebHook and a type switch in an http.HandlerFunc
		endpoints: []string{
			"POST /repos/{owner}/{repo}/issues/{issue_number}/comments", // hook, *github.IssuesEvent: Issues.CreateComment
			"GET /repos/{owner}/{repo}/pulls/{pull_number}/files",       // hook, *github.PullRequestEvent: PullRequests.ListFiles
			"POST /repos/{owner}/{repo}/issues/{issue_number}/labels",   // hook, *github.PullRequestEvent: Issues.AddLabelsToIssue
		},
		dead:   []string{"PATCH /repos/{owner}/{repo}/issues/{issue_number}"}, // closeStale, never called
		events: []string{"issues (value) main.hook", "pull_request (value) main.hook"},
		findings: []string{
			"missing-grant pull_requests GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
			"excess-grant administration",
			"missing-event pull_request", // a case of the type switch, not subscribed
			"excess-event release",       // subscribed, handled nowhere
		},
	},
	{
		name: "mapdispatch", // the app's own map[string]Handler behind an http.ServeMux
		endpoints: []string{
			"GET /repos/{owner}/{repo}/contents/{path}",               // (*Labeler).Handle: Repositories.GetContents
			"POST /repos/{owner}/{repo}/issues/{issue_number}/labels", // (*Labeler).Handle: Issues.AddLabelsToIssue
		},
		dead: []string{"POST /repos/{owner}/{repo}/releases"}, // Releaser, never registered
		findings: []string{
			"missing-grant contents GET /repos/{owner}/{repo}/contents/{path}",
			"excess-grant administration",
		},
	},
	{
		name: "handlerfunc", // an http.HandlerFunc closure and a method value on a ServeMux
		endpoints: []string{
			"GET /repos/{owner}/{repo}/commits/{ref}/check-runs", // handleCheckSuite's closure: Checks.ListCheckRunsForRef
			"POST /repos/{owner}/{repo}/statuses/{sha}",          // handleCheckSuite's closure: Repositories.CreateStatus
			"GET /rate_limit", // handleHealth, a method value: RateLimit.Get
		},
		dead: []string{"DELETE /repos/{owner}/{repo}"}, // handleDeleteRepo, never registered
		findings: []string{
			"missing-grant statuses POST /repos/{owner}/{repo}/statuses/{sha}",
			"excess-grant administration",
		},
	},
	{
		name: "controller", // controller-runtime: Complete(reconciler) (reduced copy, see the archive)
		endpoints: []string{
			"GET /repos/{owner}/{repo}/git/ref/{ref}",   // Reconcile: Git.GetRef
			"POST /repos/{owner}/{repo}/git/refs",       // Reconcile: Git.CreateRef
			"PUT /repos/{owner}/{repo}/contents/{path}", // Reconcile: Repositories.CreateFile
			"POST /repos/{owner}/{repo}/pulls",          // Reconcile: PullRequests.Create
		},
		dead: []string{"POST /repos/{owner}/{repo}/issues"}, // SecretReconciler, never registered
		findings: []string{
			"missing-grant pull_requests POST /repos/{owner}/{repo}/pulls",
			"excess-grant administration",
		},
	},
	{
		name: "constructor", // constructors passed as values, knative adapter.MainWithContext style
		endpoints: []string{
			"GET /repos/{owner}/{repo}/issues",  // (*pollingAdapter).poll: Issues.ListByRepo
			"GET /repos/{owner}/{repo}/commits", // (*pollingAdapter).poll: Repositories.ListCommits
		},
		dead: []string{"PATCH /repos/{owner}/{repo}/issues/{issue_number}"}, // NewTriageAdapter, never passed
		findings: []string{
			"missing-grant contents GET /repos/{owner}/{repo}/commits",
			"excess-grant administration",
		},
	},
	{
		name: "cobra", // cobra commands in package variables, added by init
		endpoints: []string{
			"POST /repos/{owner}/{repo}/issues/{issue_number}/labels", // label's RunE literal: Issues.AddLabelsToIssue
			"POST /repos/{owner}/{repo}/releases",                     // runRelease: Repositories.CreateRelease
		},
		dead: []string{"PATCH /repos/{owner}/{repo}"}, // runArchive, of a command never built
		findings: []string{
			"missing-grant contents POST /repos/{owner}/{repo}/releases",
			"excess-grant administration",
		},
	},
	{
		name: "notifier", // a concrete type converted to another package's interface at a call in main
		endpoints: []string{
			"POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", // (*Deployment).Notify: Repositories.CreateDeploymentStatus
			"POST /repos/{owner}/{repo}/issues/{issue_number}/comments",       // (*Deployment).Notify: Issues.CreateComment
		},
		dead: []string{
			"PATCH /repos/{owner}/{repo}/issues/{issue_number}", // (*Deployment).Close, outside Notifier, never called
			"POST /repos/{owner}/{repo}/statuses/{sha}",         // (*Commit).Notify, no Commit is made
		},
		findings: []string{
			"missing-grant deployments POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
			"excess-grant administration",
		},
	},
}

// notReached says whether a finding is the report of code left out as
// not reached: informational here, not a grant finding.
func notReached(category, message string) bool {
	return strings.Contains(category, "reached") || strings.Contains(message, "not reached")
}

// TestApps runs ghperm on the modules of testdata/apps (real go-github
// v74 and frameworks from the module proxy): `needs` lists the endpoints
// of the reached code and none of the rest, and the check (standalone
// and under go vet) reports the one missing grant and the excess one.
func TestApps(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("loads real apps' dependencies (go-github, controller-runtime...) from source, and builds and runs go vet on them")
	}
	bin := buildGhperm(t) // built once, for the go vet subtests
	root := t.TempDir()
	dirs := map[string]string{}
	for _, app := range appFixtures {
		dirs[app.name] = extractModuleTo(t, filepath.Join("testdata", "apps", app.name+".txtar"), filepath.Join(root, "apps", app.name))
	}
	vet := vetApps(t, root, bin)
	for _, app := range appFixtures {
		t.Run(app.name, func(t *testing.T) {
			dir := dirs[app.name]
			t.Run("needs", func(t *testing.T) { testAppNeeds(t, dir, app) })
			t.Run("check", func(t *testing.T) { testAppCheck(t, dir, app) })
			t.Run("vet", func(t *testing.T) { testAppVet(t, vet[app.name], app) })
			t.Run("fix", func(t *testing.T) { testAppFix(t, dir) }) // last: it rewrites app.yml
		})
	}
}

// vetApps runs go vet -vettool=bin once on every app under root/apps, in
// a workspace (root/vet/go.work, out of the apps' way, so that the
// standalone runs load each app on its own): the standard library and
// go-github, which every app imports, are vetted once, not once per app
// (ghperm's vet tool ID hashes the manifests, so go vet's cache is not
// shared between modules). It returns each app's diagnostics, with file
// names relative to the app.
func vetApps(t *testing.T, root, bin string) map[string][]string {
	t.Helper()
	work := "go 1.24.0\n"
	var patterns []string
	for _, app := range appFixtures {
		work += "use ../apps/" + app.name + "\n"
		patterns = append(patterns, "../apps/"+app.name+"/...")
	}
	vetDir := filepath.Join(root, "vet")
	if err := os.MkdirAll(vetDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(vetDir, "go.work"), []byte(work), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + bin}, patterns...)...)
	cmd.Dir = vetDir
	cmd.Env = append(os.Environ(), "GOWORK="+filepath.Join(vetDir, "go.work"), "GOFLAGS=-mod=readonly")
	out, err := cmd.CombinedOutput()
	byApp := map[string][]string{}
	apps := filepath.Join(root, "apps") + string(filepath.Separator)
	for _, d := range vetDiagnostics(string(out)) {
		d = strings.ReplaceAll(d, "../apps/", apps)
		name, rest, ok := strings.Cut(strings.TrimPrefix(d, apps), string(filepath.Separator))
		if !ok || !strings.HasPrefix(d, apps) {
			t.Fatalf("go vet: a diagnostic outside the apps: %s\n%s", d, out)
		}
		byApp[name] = append(byApp[name], strings.ReplaceAll(rest, apps+name+string(filepath.Separator), ""))
	}
	if err != nil && len(byApp) == 0 {
		t.Fatalf("go vet: %v\n%s", err, out)
	}
	return byApp
}

// testAppFix runs fix -force and checks that check then finds no grant
// missing and none in excess: what fix writes, check accepts, also for
// subscribed events the code does not handle.
func testAppFix(t *testing.T, dir string) {
	if _, stderr, code := runArgs(t, "fix", "-force", "-C", dir, "./..."); code != 0 {
		t.Fatalf("fix -force: exit %d\n%s", code, stderr)
	}
	checkAcceptsGrants(t, dir, "fix -force")
}

func testAppNeeds(t *testing.T, dir string, app appFixture) {
	out, stderr, code := runArgs(t, "needs", "-C", dir, "-format", "json", "./...")
	if code != 0 {
		t.Fatalf("ghperm needs: exit %d\n%s", code, stderr)
	}
	var n report.Needs
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range n.Endpoints {
		switch e.Status {
		case report.StatusNeeded, report.StatusUnusable, report.StatusUnknown:
			got = append(got, e.Method+" "+e.Path)
		}
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(app.endpoints))
	if !slices.Equal(got, want) {
		t.Errorf("ghperm needs lists the endpoints\n%s\nwant\n%s", lines(got), lines(want))
	}
	for _, d := range app.dead {
		if slices.Contains(got, d) {
			t.Errorf("ghperm needs lists %s, called only by code that is not reached", d)
		}
	}
	for _, u := range n.Unresolved {
		t.Errorf("unresolved call at %s:%d", u.Position.File, u.Position.Line)
	}
	// A call not reached is placed in its file, or (in a dependency, whose
	// positions the checker does not keep) in its package: never nowhere.
	for _, u := range n.Unreached {
		if u.Position.File == "" || u.Position.File == "." {
			t.Errorf("call not reached without a place: %q: %s", u.Position.File, u.Message)
		}
	}
	if app.events != nil {
		var events []string
		for _, e := range n.Events {
			handler := "(none)"
			if len(e.Handler) > 0 {
				handler = e.Handler[len(e.Handler)-1].Function
			}
			events = append(events, e.Name+" "+handler)
		}
		if n.EventsFrom != "code" || !slices.Equal(events, app.events) {
			t.Errorf("ghperm needs lists the events from the %s\n%s\nwant from the code\n%s", n.EventsFrom, lines(events), lines(app.events))
		}
	}
}

func testAppCheck(t *testing.T, dir string, app appFixture) {
	out, stderr, code := runArgs(t, "-C", dir, "-json", "./...")
	if code != 1 {
		t.Errorf("ghperm -json: exit %d, want 1 (findings)\n%s", code, stderr)
	}
	var res report.Output
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []string
	for _, f := range res.Findings {
		if notReached(string(f.Category), f.Message) {
			continue
		}
		got = append(got, grantFinding(f))
	}
	checkFindings(t, "ghperm -json", got, app.findings)
}

// grantFinding is a finding of the check in appFixture.findings' form:
// any other finding is its category, position and message, so that it
// shows (and fails the test) as it is.
func grantFinding(f *report.Finding) string {
	switch {
	case f.Category == "missing-grant" && f.Endpoint != nil && len(f.Requirement) > 0:
		// The permissions in every alternative.
		var common []string
		for i, set := range f.Requirement {
			var keys []string
			for _, p := range set {
				key, _, _ := strings.Cut(p, ":")
				keys = append(keys, key)
			}
			if i == 0 {
				common = keys
			} else {
				common = slices.DeleteFunc(common, func(k string) bool { return !slices.Contains(keys, k) })
			}
		}
		return "missing-grant " + strings.Join(common, ",") + " " + f.Endpoint.Method + " " + f.Endpoint.Path
	case f.Category == "excess-grant":
		key, _, _ := strings.Cut(f.Message, ":")
		return "excess-grant " + key
	case f.Category == "missing-event" || f.Category == "excess-event":
		if m := eventName.FindStringSubmatch(f.Message); m != nil {
			return string(f.Category) + " " + m[1]
		}
	}
	return string(f.Category) + " " + f.Position.File + ":" + strconv.Itoa(f.Position.Line) + ": " + f.Message
}

// eventName finds the event a missing-event or excess-event finding is
// about: "the code handles the issue_comment event ...", "the push event
// is subscribed but ...".
var eventName = regexp.MustCompile(`the ([a-z_]+) event (?:\(|is subscribed)`)

// vetMissing matches go vet's message of a missing grant at a call:
// "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge (pulls/merge) needs contents: write; ...".
var vetMissing = regexp.MustCompile(`^[^:]+\.go:\d+:\d+: ([A-Z]+) (/\S*) \([^)]*\) needs ([a-z_]+): `)

// vetExcess matches go vet's message of an excess grant at a manifest
// line: "app.yml:9:3: administration: write is granted but nothing needs ...".
var vetExcess = regexp.MustCompile(`^[^:]+\.(?:yml|yaml|json):\d+:\d+: ([a-z_]+): \S+ is granted but `)

func testAppVet(t *testing.T, diags []string, app appFixture) {
	var got []string
	for _, d := range diags {
		line, _, _ := strings.Cut(d, "\n") // without the related positions
		if m := vetMissing.FindStringSubmatch(line); m != nil {
			got = append(got, "missing-grant "+m[3]+" "+m[1]+" "+m[2])
		} else if m := vetExcess.FindStringSubmatch(line); m != nil {
			got = append(got, "excess-grant "+m[1])
		} else if m := eventName.FindStringSubmatch(line); m != nil && strings.Contains(line, " handles the ") {
			got = append(got, "missing-event "+m[1])
		} else if m != nil {
			got = append(got, "excess-event "+m[1])
		} else if !notReached("", line) {
			got = append(got, line)
		}
	}
	checkFindings(t, "go vet -vettool=ghperm", got, app.findings)
}

func checkFindings(t *testing.T, what string, got, want []string) {
	t.Helper()
	got = slices.Compact(slices.Sorted(slices.Values(got)))
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("%s reports\n%s\nwant\n%s", what, lines(got), lines(want))
	}
}

// lines lists l one item a line, indented; "(none)" when empty.
func lines(l []string) string {
	if len(l) == 0 {
		return "\t(none)"
	}
	return "\t" + strings.Join(l, "\n\t")
}
