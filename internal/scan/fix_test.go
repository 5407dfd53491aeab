package scan

import (
	"maps"
	"testing"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/manifest"
)

// TestKeepEventNeeds checks that fix keeps what the subscribed events
// need when the code handles only some of them: removing it would make
// the subscription a missing grant for check.
func TestKeepEventNeeds(t *testing.T) {
	cat, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, errs := manifest.Parse("app.yml", []byte("default_permissions:\n  issues: write\n  pull_requests: write\ndefault_events:\n  - issue_comment\n  - pull_request\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	need := map[string]catalog.Level{"issues": catalog.Write} // what the code's calls need
	(&Result{catalog: cat}).keepEventNeeds(need, m)
	if want := map[string]catalog.Level{"issues": catalog.Write, "pull_requests": catalog.Read}; !maps.Equal(need, want) {
		t.Errorf("need = %v, want %v", need, want)
	}
}
