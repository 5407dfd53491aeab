package main

import (
	"io"
	"testing"
)

// BenchmarkCheckExample measures the standalone check (load, type-check
// from source, analyse) of the bundled example, go-github included.
func BenchmarkCheckExample(b *testing.B) {
	for b.Loop() {
		if code := run([]string{"-C", exampleDir, "./..."}, io.Discard, io.Discard); code == 2 {
			b.Fatalf("exit %d", code)
		}
	}
}
