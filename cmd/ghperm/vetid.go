package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ghperm/ghperm/manifest"
)

// printVetID answers go vet's -V=full, which identifies the tool in go's
// build cache: go vet caches the tool's output by the tool's identity and
// the package's inputs, and a manifest is not among those inputs. So the
// identity hashes the executable and every manifest, config and workflow
// that the module (found from the working directory, where go vet asks)
// may use: editing only a manifest changes the identity, and the next go
// vet re-runs the tool (on every package, the price of correctness).
func printVetID(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	h := sha256.New()
	if err := hashFile(h, exe); err != nil {
		return err
	}
	if wd, err := os.Getwd(); err == nil {
		for _, p := range manifest.Inputs(wd) {
			fmt.Fprintf(h, "\x00%s\x00", p)
			hashFile(h, p) // a file that cannot be read is an error when loaded
		}
	}
	_, err = fmt.Fprintf(w, "%s version devel ghperm buildID=%x\n", filepath.Base(os.Args[0]), h.Sum(nil))
	return err
}

func hashFile(h io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(h, f)
	return err
}
