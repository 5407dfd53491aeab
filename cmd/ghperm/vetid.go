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
// the package's inputs, and what else a result depends on is not among
// those inputs. So the identity hashes the executable and
//   - every manifest, config and workflow that the modules may use (all the
//     modules of the go.work workspace found from the working directory,
//     where go vet asks, or its module): editing only a manifest changes
//     the identity, and the next go vet re-runs the tool (on every package,
//     the price of correctness);
//   - every main package with the manifest and config that govern it: a
//     program's excess grants are reported only when no other program
//     shares its grants, so adding or removing a program changes the result
//     for the others.
//
// The files are read as ghperm reads them (regular files of at most
// manifest.MaxFileSize; a FIFO is never opened), so -V=full cannot hang.
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
			fmt.Fprintf(h, "\x00file %s\x00", p)
			data, err := manifest.ReadFile(p)
			if err != nil { // an error when loaded; its kind may change
				fmt.Fprintf(h, "error %v", err)
			}
			h.Write(data)
		}
		for _, p := range manifest.Programs(wd) {
			fmt.Fprintf(h, "\x00program %s", p)
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
