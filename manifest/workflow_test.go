package manifest

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

const triageWorkflow = `name: triage
on: [issues]
permissions:
  contents: read
jobs:
  label:
    runs-on: ubuntu-latest
    permissions:
      issues: write
      pull-requests: read
      id-token: write
  lint:
    runs-on: ubuntu-latest
`

func TestParseWorkflow(t *testing.T) {
	for _, tc := range []struct {
		name, data, job, grants string
		errs                    []string
	}{
		{"job block replaces the workflow's", triageWorkflow, "label",
			"issues:write@9:7 pull_requests:read@10:7", nil},
		{"job without block gets the workflow's", triageWorkflow, "lint", "contents:read@4:3", nil},
		{"no job: the workflow's block", triageWorkflow, "", "contents:read@4:3", nil},
		{"unknown job", triageWorkflow, "labl", "", []string{`1:1: workflow has no job "labl"; did you mean "label"?`}},
		{"read-all", "permissions: read-all\n", "",
			"actions:read@1:14 artifact_metadata:read@1:14 attestations:read@1:14 checks:read@1:14 contents:read@1:14 " +
				"deployments:read@1:14 discussions:read@1:14 issues:read@1:14 packages:read@1:14 pages:read@1:14 " +
				"pull_requests:read@1:14 repository_projects:read@1:14 security_events:read@1:14 statuses:read@1:14", nil},
		{"empty block", "permissions: {}\n", "", "", nil},
		{"bad keys and levels", "permissions:\n  pull_requests: write\n  id-token: read\n  models: write\n  checks: wirte\n", "", "",
			[]string{
				`2:3: unknown GITHUB_TOKEN permission "pull_requests"; did you mean "pull-requests"?`,
				`3:13: id-token cannot be read; want write or none`,
				`4:11: models cannot be write; want read or none`,
				`5:11: invalid level "wirte" for checks; did you mean "write"?`,
			}},
		{"bad string", "permissions: reed-all\n", "", "", []string{`1:14: invalid permissions "reed-all"; want read-all, write-all or a mapping; did you mean "read-all"?`}},
		{"no block", "jobs:\n  a:\n    runs-on: x\n", "", "",
			[]string{`1:1: no permissions: block governs the job; the GITHUB_TOKEN's default permissions depend on repository settings, so set them explicitly`}},
		{"several job blocks", "jobs:\n  a:\n    permissions: {}\n  b:\n    permissions: {}\n", "", "",
			[]string{`1:1: workflow has several jobs with permissions (a, b) and none runs the program: say which job runs the code (job: in the ghperm config)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, errs := ParseWorkflow("w.yml", []byte(tc.data), tc.job)
			checkErrs(t, errs, tc.errs)
			if got := grantLines(m); got != tc.grants {
				t.Errorf("grants:\n got %s\nwant %s", got, tc.grants)
			}
		})
	}
}

func TestActionsKeys(t *testing.T) {
	for written, want := range map[string]string{"pull-requests": "pull_requests", "security-events": "security_events", "id-token": "", "models": "", "administration": ""} {
		if got, ok := actionsKey(written); got != want || ok != (want != "") {
			t.Errorf("actionsKey(%q) = %q, %v; want %q", written, got, ok, want)
		}
	}
	if name, ok := ActionsName("security_events"); name != "security-events" || !ok {
		t.Errorf(`ActionsName("security_events") = %q, %v`, name, ok)
	}
	if !ActionsGrantable("pull_requests") || ActionsGrantable("administration") {
		t.Error("ActionsGrantable: pull_requests is grantable, administration is not")
	}
}

// TestWorkflowJobOfProgram checks that the job whose run: steps run the
// program is compared, and what its steps need: actions/checkout needs
// contents: read unless it is given another token.
func TestWorkflowJobOfProgram(t *testing.T) {
	const wf = `permissions: {}
jobs:
  lint:
    permissions: {contents: read}
    steps:
      - uses: actions/checkout@v4
      - run: go vet ./...
  label:
    permissions: {contents: read, issues: write}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@v4
        with: {token: "${{ secrets.PAT }}"}
      - run: |
          go build -o bin/labeler ./cmd/labeler
          ./bin/labeler
`
	for _, prog := range []Program{{Dir: "cmd/labeler"}, {ImportPath: "example.com/x/cmd/labeler"}} {
		m, errs := ParseWorkflowFor("w.yml", []byte(wf), "", prog)
		if len(errs) > 0 {
			t.Fatalf("%+v: %v", prog, errs)
		}
		if m.Level("issues") != catalog.Write || len(m.Steps) != 1 || m.Steps[0].Job != "label" || m.Steps[0].Key != "contents" || m.Steps[0].Level != catalog.Read || m.Steps[0].Pos.Line != 11 {
			t.Errorf("%+v: issues %v, steps %+v; want job label's block and its first checkout (line 11)", prog, m.Level("issues"), m.Steps)
		}
	}
	// Without the workflow's own block, a program no job runs is an error.
	if _, errs := ParseWorkflowFor("w.yml", []byte(strings.TrimPrefix(wf, "permissions: {}\n")), "", Program{Dir: "cmd/other"}); len(errs) != 1 || !strings.Contains(errs[0].Msg, "(label, lint) and none runs the program") {
		t.Errorf("a program no job runs: %v", errs)
	}
	if _, err := actionNeeds(); err != nil {
		t.Error(err)
	}
}

func TestProgramRanBy(t *testing.T) {
	root := Program{Dir: ".", ImportPath: "example.com/bot"}
	for script, want := range map[string]bool{
		"go run .":                      true,
		"go run . -flag":                true,
		"go build -o bot .\n./bot":      true,
		"go vet ./...":                  false,
		"bot --dry-run":                 true,
		"go run example.com/bot@latest": true,
		"make":                          false,
	} {
		if got := root.ranBy(script); got != want {
			t.Errorf("%q runs the module root's program: %v, want %v", script, got, want)
		}
	}
}

// TestDiscoverWorkflowAtRepoRoot checks that a module in a subdirectory
// of its repository finds the repository's workflows, where GitHub runs
// them, and the job that runs its program from the repository's root.
func TestDiscoverWorkflowAtRepoRoot(t *testing.T) {
	repo := writeTree(t, map[string]string{
		".git/HEAD":                "ref: refs/heads/main\n",
		".github/workflows/ci.yml": "jobs:\n  test:\n    permissions: {contents: read}\n    steps: [{run: go test ./...}]\n  bot:\n    permissions: {issues: write}\n    steps:\n      - uses: actions/checkout@v4\n      - run: go run ./app/cmd/bot\n",
		"app/go.mod":               "module example.com/app\n",
		"app/ghperm.yml":           "token: actions\n",
	})
	root := filepath.Join(repo, "app")
	loc, err := Discover(root, "", "")
	if err != nil {
		t.Fatal(err)
	}
	loc.Program = ProgramAt(root, filepath.Join(root, "cmd", "bot"), "example.com/app/cmd/bot")
	g, errs := Load(loc, loadCatalog(t))
	if len(errs) > 0 || g.Manifest == nil {
		t.Fatalf("Load: %v", errs)
	}
	if g.Manifest.Path != filepath.Join(repo, ".github", "workflows", "ci.yml") || g.Manifest.Level("issues") != catalog.Write || g.Manifest.Level("contents") != catalog.None || len(g.Manifest.Steps) != 1 {
		t.Errorf("workflow %s, issues %v, contents %v, steps %+v; want ci.yml's bot job", g.Manifest.Path, g.Manifest.Level("issues"), g.Manifest.Level("contents"), g.Manifest.Steps)
	}
	if !slices.Contains(Inputs(root), filepath.Join(repo, ".github", "workflows", "ci.yml")) {
		t.Errorf("Inputs(%s) = %q: the repository's workflow is not among the vet tool's inputs", root, Inputs(root))
	}
}
