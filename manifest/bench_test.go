package manifest

import (
	"fmt"
	"strings"
	"testing"
)

// bigManifest is an app manifest granting every permission of the
// catalog, in the syntax of path.
func bigManifest(b *testing.B, json bool) []byte {
	var keys []string
	for _, p := range loadCatalog(b).Permissions() {
		keys = append(keys, p.Key)
	}
	var sb strings.Builder
	if json {
		sb.WriteString("{\"name\": \"big\", \"default_permissions\": {\n")
		for i, k := range keys {
			fmt.Fprintf(&sb, "  %q: \"read\"", k)
			if i < len(keys)-1 {
				sb.WriteString(",")
			}
			sb.WriteString("\n")
		}
		sb.WriteString("}, \"default_events\": [\"issues\", \"pull_request\"]}\n")
	} else {
		sb.WriteString("name: big\ndefault_events: [issues, pull_request]\ndefault_permissions:\n")
		for _, k := range keys {
			fmt.Fprintf(&sb, "  %s: read\n", k)
		}
	}
	if len(keys) < 40 {
		b.Fatalf("catalog has %d permissions", len(keys))
	}
	return []byte(sb.String())
}

func BenchmarkParse(b *testing.B) {
	for _, tc := range []struct {
		name string
		json bool
	}{{"app-manifest.json", true}, {"app.yml", false}} {
		data := bigManifest(b, tc.json)
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, errs := Parse(tc.name, data); errs != nil {
					b.Fatal(errs)
				}
			}
		})
	}
}
