package scan

import (
	"strings"
	"testing"
)

// TestGoNewer checks the message for a module whose toolchain is newer
// than ghperm's. A real newer toolchain is not at hand here: the go
// command of the module's toolchain is what newerGo asks.
func TestGoNewer(t *testing.T) {
	err := goNewer("go1.27.0", "go1.26.8")
	if err == nil || err.Error() != "this module needs go1.27.0; ghperm was built with go1.26.8: rebuild it with that Go (go tool ghperm does this)" {
		t.Errorf("go1.27.0 on go1.26.8: %v", err)
	}
	for _, tc := range [][2]string{{"go1.26.8", "go1.26.8"}, {"go1.26.0", "go1.26.8"}, {"go1.27.0", "devel go1.27-abcdef"}} {
		if err := goNewer(tc[0], tc[1]); err != nil {
			t.Errorf("%s on %s: %v, want no error", tc[0], tc[1], err)
		}
	}
	if err := newerGo(t.TempDir(), "go1.1"); err == nil || !strings.Contains(err.Error(), "ghperm was built with go1.1") {
		t.Errorf("newerGo with this machine's go on a go1.1 build: %v", err)
	}
}
