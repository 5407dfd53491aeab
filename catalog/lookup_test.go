package catalog_test

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

func keys(ops []*catalog.Operation) []string {
	var out []string
	for _, op := range ops {
		out = append(out, op.Key())
	}
	return out
}

func TestMatch(t *testing.T) {
	c := load(t)
	tests := []struct {
		method, path string
		want         []string
	}{
		{"GET", "/repos/octo/hello/pulls/42", []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}"}},
		{"get", "/repos/octo/hello/pulls/comments", []string{"GET /repos/{owner}/{repo}/pulls/comments"}},
		{"GET", "/repos/octo/hello/pulls/42?per_page=100", []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}"}},
		{"POST", "repos/octo/hello/issues/", []string{"POST /repos/{owner}/{repo}/issues"}},
		{"GET", "/rate_limit", []string{"GET /rate_limit"}},
		{"GET", "/", []string{"GET /"}},
		// Unknown segments match literal and parameter segments alike.
		{"GET", "/repos/{}/{}/pulls/{}", []string{"GET /repos/{owner}/{repo}/pulls/comments", "GET /repos/{owner}/{repo}/pulls/{pull_number}"}},
		{"", "/repos/o/r/issues", []string{"GET /repos/{owner}/{repo}/issues", "POST /repos/{owner}/{repo}/issues"}},
		{"GET", "/repos/octo/hello/no-such-thing/1/2/3", nil},
		{"GET", "https://api.github.com/repos/octo/hello/pulls/42", []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}"}},
		{"GET", "https://ghe.example.com/api/v3/repos/octo/hello", []string{"GET /repos/{owner}/{repo}"}},
		{"GET", "http://ghe.example.com/api/v3", []string{"GET /"}},
		// A mixed segment beats a plain parameter when its text is there.
		{"GET", "/repos/o/r/compare/main...dev", []string{"GET /repos/{owner}/{repo}/compare/{base}...{head}"}},
		{"GET", "/repos/o/r/compare/main", []string{"GET /repos/{owner}/{repo}/compare/{basehead}"}},
		{"GET", "/repos/o/r/compare/...dev", []string{"GET /repos/{owner}/{repo}/compare/{basehead}"}},
		{"PATCH", "/rate_limit", nil},
		// Multi-segment parameters (x-multi-segment) take "/" in values.
		{"GET", "/repos/o/r/contents/dir/sub/file.go", []string{"GET /repos/{owner}/{repo}/contents/{path}"}},
		{"GET", "/repos/o/r/git/ref/heads/feature/x", []string{"GET /repos/{owner}/{repo}/git/ref/{ref}"}},
		{"GET", "/repos/o/r/branches/feature/x/protection", []string{"GET /repos/{owner}/{repo}/branches/{branch}/protection"}},
		{"GET", "/repos/o/r/compare/main...feature/x", []string{"GET /repos/{owner}/{repo}/compare/{basehead}"}},
		// the literal reading wins over a branch named "main/protection"
		{"GET", "/repos/o/r/branches/main/protection", []string{"GET /repos/{owner}/{repo}/branches/{branch}/protection"}},
		// other parameters still take one segment
		{"GET", "/repos/o/r/pulls/1/2", nil},
		// An unknown integer (%d) takes only a parameter.
		{"GET", "/repos/{}/{}/pulls/" + catalog.UnknownInteger, []string{"GET /repos/{owner}/{repo}/pulls/{pull_number}"}},
		// Literal words that fit no template match nothing, not a near
		// template: there is no semantically_similar in this description,
		// and it is no {comment_id} (an integer).
		{"GET", "/repos/{}/{}/issues/" + catalog.UnknownInteger + "/semantically_similar", nil},
		{"GET", "/repos/{}/{}/issues/{}/semantically_similar", nil},
		{"GET", "/repos/o/r/issues/comments/semantically_similar", nil},
		{"GET", "/repos/o/r/issues/comments/7", []string{"GET /repos/{owner}/{repo}/issues/comments/{comment_id}"}},
	}
	for _, tt := range tests {
		if got := keys(c.Match(tt.method, tt.path)); !slices.Equal(got, tt.want) {
			t.Errorf("Match(%q, %q) = %q, want %q", tt.method, tt.path, got, tt.want)
		}
	}
}

var (
	paramRE  = regexp.MustCompile(`\{[^}]*\}`)
	numberRE = regexp.MustCompile(`^[0-9]+$`)
)

// segmentMatch is the reference semantics of one segment: whether template
// segment t matches path segment s, and whether literally.
func segmentMatch(t, s string, intParams []string) (ok, literal bool) {
	pureParam := func(x string) bool { return x != "" && paramRE.FindString(x) == x }
	number := numberRE.MatchString(s)
	switch {
	case s == catalog.UnknownInteger:
		return pureParam(t), false
	case pureParam(s):
		return true, false
	case pureParam(t):
		return number || !slices.Contains(intParams, strings.Trim(t, "{}")), false
	case strings.Contains(t, "{"): // "{base}...{head}"
		var parts []string
		for _, p := range paramRE.Split(t, -1) {
			parts = append(parts, regexp.QuoteMeta(p))
		}
		ok := regexp.MustCompile("^" + strings.Join(parts, ".+") + "$").MatchString(s)
		return ok, ok
	}
	return t == s, t == s
}

// matchLinear is the reference semantics of Match: the most specific of
// all templates that match, by a scan of every operation.
func matchLinear(ops []catalog.Operation, method, path string) []string {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best []string
	bestScore := -1
	for i := range ops {
		op := &ops[i]
		if method != "" && op.Method != strings.ToUpper(method) {
			continue
		}
		score := matchScore(strings.Split(strings.Trim(op.Path, "/"), "/"), segs, op.MultiSegment, op.IntParams)
		switch {
		case score < 0:
		case score > bestScore:
			best, bestScore = []string{op.Key()}, score
		case score == bestScore:
			best = append(best, op.Key())
		}
	}
	sort.Strings(best)
	return best
}

// matchScore is the number of template segments that match path segments
// literally, the best over the ways multi-segment parameters can take one
// segment or more; -1 if the template does not match.
func matchScore(tmpl, segs []string, multi, intParams []string) int {
	if len(tmpl) == 0 {
		if len(segs) == 0 {
			return 0
		}
		return -1
	}
	if len(segs) == 0 {
		return -1
	}
	best := -1
	if t := tmpl[0]; strings.HasPrefix(t, "{") && slices.Contains(multi, strings.Trim(t, "{}")) {
		for k := 1; k <= len(segs); k++ {
			best = max(best, matchScore(tmpl[1:], segs[k:], multi, intParams))
		}
		return best
	}
	ok, lit := segmentMatch(tmpl[0], segs[0], intParams)
	if !ok {
		return -1
	}
	if rest := matchScore(tmpl[1:], segs[1:], multi, intParams); rest >= 0 {
		best = rest
		if lit {
			best++
		}
	}
	return best
}

// TestMatchAgreesWithScan checks the trie against the linear scan on a
// concrete and a partly unknown path for every template.
func TestMatchAgreesWithScan(t *testing.T) {
	c := load(t)
	ops := c.Operations()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range ops {
		if testing.Short() && i%4 != 0 {
			continue // a quarter of the operations
		}
		segs := strings.Split(paramRE.ReplaceAllString(ops[i].Path, "42"), "/")
		for j := range segs {
			switch rng.IntN(8) {
			case 0, 1:
				segs[j] = catalog.Unknown
			case 2:
				segs[j] = catalog.UnknownInteger
			}
		}
		paths := []string{strings.ReplaceAll(ops[i].Path, "{", "v{"), paramRE.ReplaceAllString(ops[i].Path, "x42"), strings.Join(segs, "/")}
		if len(ops[i].MultiSegment) > 0 { // values with a "/" in them
			slashed := ops[i].Path
			for _, name := range ops[i].MultiSegment {
				slashed = strings.ReplaceAll(slashed, "{"+name+"}", "feature/x")
			}
			paths = append(paths, paramRE.ReplaceAllString(slashed, "x42"))
		}
		for _, path := range paths {
			for _, method := range []string{ops[i].Method, ""} {
				got, want := keys(c.Match(method, path)), matchLinear(ops, method, path)
				if !slices.Equal(got, want) {
					t.Fatalf("Match(%q, %q) = %q, linear scan %q", method, path, got, want)
				}
			}
		}
	}
}

func TestLookupAndByID(t *testing.T) {
	c := load(t)
	op := lookup(t, c, "post", "/repos/{owner}/{repo}/issues")
	if op.ID != "issues/create" || op.Category != "issues" || !strings.HasPrefix(op.DocsURL, "https://docs.github.com/") {
		t.Errorf("POST issues: %+v", op)
	}
	if byID, ok := c.ByID("issues/create"); !ok || byID != op {
		t.Errorf("ByID(issues/create) = %v, %v", byID, ok)
	}
	if _, ok := c.Lookup("GET", "/no/such/path"); ok {
		t.Error("Lookup of an unknown template succeeded")
	}
}

func TestByDocsURL(t *testing.T) {
	c := load(t)
	const create = "POST /repos/{owner}/{repo}/issues"
	tests := []struct {
		url  string
		want []string
	}{
		{"https://docs.github.com/rest/issues/issues#create-an-issue", []string{create}},
		{"https://docs.github.com/en/rest/issues/issues?apiVersion=2022-11-28#create-an-issue", []string{create}},
		{"https://docs.github.com/en/free-pro-team@latest/rest/reference/issues/#create-an-issue", []string{create}},
		{"https://docs.github.com/en/rest/reference/issues#create-an-issue", []string{create}},
		{"https://developer.github.com/v3/issues/#create-an-issue", []string{create}},
		// A subcategory that no longer exists falls back to the category.
		{"https://developer.github.com/v3/issues/tickets/#create-an-issue", []string{create}},
		// Old anchors that GitHub renamed give nothing rather than a guess.
		{"https://developer.github.com/v3/repos/#get", nil},
		{"https://developer.github.com/v3/issues/", nil},
		{"https://example.com/rest/issues/issues#create-an-issue", nil},
	}
	for _, tt := range tests {
		if got := keys(c.ByDocsURL(tt.url)); !slices.Equal(got, tt.want) {
			t.Errorf("ByDocsURL(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
	ops := c.Operations()
	for i := range ops {
		if !slices.Contains(c.ByDocsURL(ops[i].DocsURL), &ops[i]) {
			t.Errorf("ByDocsURL(%q) does not find %s", ops[i].DocsURL, ops[i].Key())
		}
	}
}

func TestClosest(t *testing.T) {
	c := load(t)
	if got := c.Closest("GET", "/repos/octo/hello/pullz/42", 1); len(got) != 1 || got[0].Key() != "GET /repos/{owner}/{repo}/pulls/{pull_number}" {
		t.Errorf("Closest(pullz) = %q", keys(got))
	}
	if got := c.Closest("POST", "/gist", 1); len(got) != 1 || got[0].Key() != "POST /gists" {
		t.Errorf("Closest(POST /gist) = %q", keys(got))
	}
}

func TestPlans(t *testing.T) {
	c := load(t)
	counts := map[catalog.Plans]int{}
	ops := c.Operations()
	for i := range ops {
		for _, name := range ops[i].Plans.Names() {
			p, err := catalog.ParsePlan(name)
			if err != nil {
				t.Fatal(err)
			}
			counts[p]++
		}
	}
	// Operation counts of @octokit/openapi 23.0.2's descriptions.
	want := map[catalog.Plans]int{catalog.DotCom: 1223, catalog.GHEC: 1471, catalog.GHES317: 966, catalog.GHES318: 980, catalog.GHES319: 1039}
	for p, n := range want {
		if counts[p] != n {
			t.Errorf("%s: %d operations, want %d", p, counts[p], n)
		}
	}
	if op := lookup(t, c, "GET", "/rate_limit"); op.Plans != catalog.DotCom|catalog.GHEC|catalog.GHES317|catalog.GHES318|catalog.GHES319 {
		t.Errorf("GET /rate_limit plans %s, want all", op.Plans)
	}
	if _, err := catalog.ParsePlan("ghes-2.22"); err == nil {
		t.Error("ParsePlan(ghes-2.22) succeeded")
	}
}

// Routes by numeric ID are the operations of their canonical paths
// (upstream/path-aliases.tsv).
func TestAliases(t *testing.T) {
	c := load(t)
	tests := []struct{ method, path, want string }{
		{"GET", "/repositories/{repository_id}/issues", "GET /repos/{owner}/{repo}/issues"},
		{"GET", "/repositories/{repository_id}", "GET /repos/{owner}/{repo}"},
		{"PUT", "/repositories/{repository_id}/environments/{environment_name}/secrets/{secret_name}", "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"},
		{"GET", "/organizations/{organization_id}/team/{team_id}/members", "GET /orgs/{org}/teams/{team_slug}/members"},
		// other parameter names, same endpoint
		{"GET", "/user/{user_id}", "GET /user/{account_id}"},
	}
	for _, tt := range tests {
		op, ok := c.Lookup(tt.method, tt.path)
		if !ok || op.Key() != tt.want {
			t.Errorf("Lookup(%s %s) = %v, %v; want %s", tt.method, tt.path, op, ok, tt.want)
		}
	}
	for path, want := range map[string]string{
		"/repositories/{}/issues":                          "GET /repos/{owner}/{repo}/issues",
		"/repositories/42/issues/7":                        "GET /repos/{owner}/{repo}/issues/{issue_number}",
		"https://api.github.com/repositories/42/pulls?x=1": "GET /repos/{owner}/{repo}/pulls",
		"/organizations/1/team/2/repos":                    "GET /orgs/{org}/teams/{team_slug}/repos",
		"/repositories":                                    "GET /repositories", // a real template wins
	} {
		if got := keys(c.Match("GET", path)); len(got) != 1 || got[0] != want {
			t.Errorf("Match(GET %s) = %v, want [%s]", path, got, want)
		}
	}
	if canon, a, ok := c.Canonical("/repositories/42/issues"); !ok || canon != "/repos/{owner}/{repo}/issues" || !strings.Contains(a.Evidence, "repository_id") {
		t.Errorf("Canonical = %q, %+v, %v", canon, a, ok)
	}
	if _, _, ok := c.Canonical("/repos/o/r/issues"); ok {
		t.Error("Canonical rewrote a canonical path")
	}
}

func TestResolveRemoved(t *testing.T) {
	c := load(t)
	if op, err := c.Resolve("get", "/repositories/{repository_id}/installation"); err != nil || op.Path != "/repos/{owner}/{repo}/installation" {
		t.Errorf("Resolve(alias) = %v, %v", op, err)
	}
	_, err := c.Resolve("GET", "/projects/{project_id}")
	if !errors.Is(err, catalog.ErrNotInCatalog) || err.Error() != "operation GET /projects/{project_id} is not in GitHub's current OpenAPI description" {
		t.Errorf("Resolve(removed) error %v", err)
	}
	_, err = c.Resolve("GET", "/organizations/{organization_id}/team/{team_id}/projects")
	if !errors.Is(err, catalog.ErrNotInCatalog) || !strings.Contains(err.Error(), "GET /orgs/{org}/teams/{team_slug}/projects") {
		t.Errorf("Resolve(alias of a removed operation) error %v, want it to name the canonical operation", err)
	}
}
