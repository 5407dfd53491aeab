package catalog_test

import (
	"testing"

	"github.com/ghperm/ghperm/catalog"
)

func TestTokenNames(t *testing.T) {
	seen := map[string]bool{}
	for _, tok := range catalog.Tokens() {
		name := tok.String()
		got, ok := catalog.ParseToken(name)
		if !ok || got != tok || seen[name] {
			t.Errorf("ParseToken(%q) = %v, %v (seen before: %v)", name, got, ok, seen[name])
		}
		seen[name] = true
	}
	if len(seen) != 6 {
		t.Errorf("%d token kinds, want 6", len(seen))
	}
	if _, ok := catalog.ParseToken("pat"); ok {
		t.Error(`ParseToken("pat") succeeded`)
	}
}
