package catalog

import (
	"slices"
	"strings"
	"testing"
)

func loadGoGitHub(t testing.TB) *GoGitHubTable {
	t.Helper()
	table, err := LoadGoGitHub()
	if err != nil {
		t.Fatal(err)
	}
	return table
}

func TestGoGitHubOperations(t *testing.T) {
	table := loadGoGitHub(t)
	if n := len(table.Methods()); n < 1000 {
		t.Errorf("table has %d methods, want the ~1400 of go-github v57..v92", n)
	}
	for _, tc := range []struct {
		name  string
		major int
		want  []string
	}{
		// A method that picks its endpoint by argument has two directives.
		{"UsersService.Get", 70, []string{"GET /user", "GET /users/{username}"}},
		{"RepositoriesService.Get", 45, []string{"GET /repos/{owner}/{repo}"}},
		// CreateEnvVariable's directive changed in v61: older majors get
		// the operation of v57, the earliest with directives.
		{"ActionsService.CreateEnvVariable", 40, []string{"POST /repositories/{repository_id}/environments/{environment_name}/variables"}},
		{"ActionsService.CreateEnvVariable", 60, []string{"POST /repositories/{repository_id}/environments/{environment_name}/variables"}},
		{"ActionsService.CreateEnvVariable", 61, []string{"POST /repos/{owner}/{repo}/environments/{environment_name}/variables"}},
		{"ActionsService.CreateEnvVariable", 200, []string{"POST /repos/{owner}/{repo}/environments/{environment_name}/variables"}},
		// The Teams ...ByID methods named the slug operation until v88.
		{"TeamsService.GetTeamByID", 88, []string{"GET /orgs/{org}/teams/{team_slug}"}},
		{"TeamsService.GetTeamByID", 89, []string{"GET /organizations/{organization_id}/team/{team_id}"}},
		// *Iter methods have no directive; they call the paginated method.
		{"UsersService.ListFollowersIter", 83, []string{"GET /user/followers", "GET /users/{username}/followers"}},
		{"NoSuchService.Method", 60, nil},
	} {
		if got := table.Operations(tc.name, tc.major); !slices.Equal(got, tc.want) {
			t.Errorf("Operations(%q, %d) = %q, want %q", tc.name, tc.major, got, tc.want)
		}
	}
}

func TestGoGitHubHistory(t *testing.T) {
	table := loadGoGitHub(t)
	got := table.History("ActionsService.CreateEnvVariable")
	if len(got) != 2 {
		t.Fatalf("History(CreateEnvVariable) = %+v, want the directive before and after v61", got)
	}
	if got[0].First != 57 || got[0].Last != 60 || !strings.HasPrefix(got[0].Operation, "POST /repositories/{repository_id}/") ||
		got[1].First != 61 || !strings.HasPrefix(got[1].Operation, "POST /repos/{owner}/{repo}/") {
		t.Errorf("History(CreateEnvVariable) = %+v", got)
	}
	for _, e := range table.History("UsersService.ListFollowersIter") {
		if !slices.Equal(e.Via, []string{"UsersService.ListFollowers"}) || e.First != 83 {
			t.Errorf("ListFollowersIter entry %+v, want via ListFollowers from v83", e)
		}
	}
	if h := table.History("UsersService.Get"); len(h) != 2 || h[0].Via != nil {
		t.Errorf("History(UsersService.Get) = %+v, want its two directives", h)
	}
}

func TestParseGoGitHub(t *testing.T) {
	const head = "# comment\nmethod\toperation\tfirst\tlast\tvia\n"
	table, err := parseGoGitHub(head +
		"S.M\tGET /a\t57\t60\t\n" +
		"S.M\tGET /b\t57\t70\t\n" +
		"S.M\tGET /c\t80\t92\t\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		major int
		want  []string
	}{
		{50, []string{"GET /a", "GET /b"}},
		{61, []string{"GET /b"}},
		{74, []string{"GET /b"}}, // gap 71..79: v70 is closer than v80
		{75, []string{"GET /c"}}, // a tie goes to the newer
		{99, []string{"GET /c"}},
	} {
		if got := table.Operations("S.M", tc.major); !slices.Equal(got, tc.want) {
			t.Errorf("Operations(S.M, %d) = %q, want %q", tc.major, got, tc.want)
		}
	}

	for _, bad := range []string{
		"",
		head,
		head + "S.M\tGET /a\t57\n",
		head + "S.M\tGET /a\t60\t57\t\n",
		head + "S.M\tGET /a\tx\t57\t\n",
		head + "SM\tGET /a\t57\t60\t\n",
		head + "S.M\t/a\t57\t60\t\n",
	} {
		if _, err := parseGoGitHub(bad); err == nil {
			t.Errorf("parseGoGitHub(%q) succeeded, want an error", bad)
		}
	}
}

func BenchmarkGoGitHubOperations(b *testing.B) {
	table := loadGoGitHub(b)
	for b.Loop() {
		table.Operations("ActionsService.CreateEnvVariable", 45)
		table.Operations("UsersService.Get", 70)
	}
}

func BenchmarkLoadGoGitHub(b *testing.B) {
	for b.Loop() {
		if _, err := LoadGoGitHub(); err != nil {
			b.Fatal(err)
		}
	}
}
