package main

import (
	"strconv"
	"strings"
	"testing"
)

// statsRows parses the class table of `ghperm catalog`.
func statsRows(t *testing.T, out string) map[string][3]int {
	t.Helper()
	rows := map[string][3]int{}
	in := false
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && f[0] == "class":
			in = true
		case in && len(f) >= 4:
			var r [3]int
			for i := range r {
				n, err := strconv.Atoi(f[i+1])
				if err != nil {
					t.Fatalf("row %q: %v", line, err)
				}
				r[i] = n
			}
			rows[f[0]] = r
		case in:
			return rows
		}
	}
	return rows
}

func TestCatalogStatsClassifyEveryInstallation(t *testing.T) {
	t.Parallel()
	out, errs, code := runArgs(t, "catalog")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := statsRows(t, out)
	total := rows["total"]
	if total[0] != 1223 || total[1] != 1223 || total[2] != 1223 {
		t.Errorf("totals %v, want 1223 per token kind", total)
	}
	if rows["unknown"][0] != 0 {
		t.Errorf("%d installation operations unknown, want 0", rows["unknown"][0])
	}
	sum := 0
	for name, r := range rows {
		if name != "total" {
			sum += r[0]
		}
	}
	if sum != 1223 {
		t.Errorf("installation classes sum to %d, want 1223", sum)
	}
}

func TestCatalogList(t *testing.T) {
	t.Parallel()
	out, _, _ := runArgs(t, "catalog")
	rows := statsRows(t, out)
	list, errs, code := runArgs(t, "catalog", "-list", "installation:not-listed")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := strings.Count(list, "\n"); n != rows["not-listed"][0] || n == 0 {
		t.Errorf("-list installation:not-listed printed %d operations, the table says %d", n, rows["not-listed"][0])
	}
	for _, class := range []string{"listed-only", "not-fine-grained", "unknown"} {
		list, _, _ := runArgs(t, "catalog", "-list", "fine_grained:"+class)
		if n := strings.Count(list, "\n"); n != rows[class][2] || n == 0 {
			t.Errorf("-list fine_grained:%s printed %d operations, the table says %d", class, n, rows[class][2])
		}
	}
	for _, sc := range []struct{ class, what string }{{"unknown", "no derivable scope"}, {"not-usable", "token-statements.tsv"}} {
		var want int
		for _, line := range strings.Split(out, "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[0] == sc.class && strings.Contains(line, sc.what) {
				want, _ = strconv.Atoi(f[1])
			}
		}
		list, _, _ = runArgs(t, "catalog", "-list", "scopes:"+sc.class)
		if n := strings.Count(list, "\n"); n != want || n == 0 {
			t.Errorf("-list scopes:%s printed %d operations, the stats say %d", sc.class, n, want)
		}
	}
	// GitHub's docs lists name the token kind: GET /user/installations is
	// user-only for installation tokens, not x-github's not-for-apps.
	list, _, _ = runArgs(t, "catalog", "-list", "installation:user-only")
	if !strings.Contains(list, "GET /user/installations\t") || strings.Count(list, "\n") != rows["user-only"][0] {
		t.Errorf("-list installation:user-only (%d lines, table %d) lacks GET /user/installations:\n%s", strings.Count(list, "\n"), rows["user-only"][0], list)
	}
	if _, _, code := runArgs(t, "catalog", "-list", "bogus:x"); code != 2 {
		t.Errorf("bad -list: exit %d, want 2", code)
	}
}
