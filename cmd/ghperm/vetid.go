package main

import (
	"crypto/sha256"
	"debug/elf"
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
	if id, ok := goBuildID(exe); ok {
		fmt.Fprintf(h, "buildid %s", id)
	} else if err := hashFile(h, exe); err != nil {
		return err
	}
	if wd, err := os.Getwd(); err == nil {
		files, programs := manifest.VetInputs(wd)
		for _, p := range files {
			fmt.Fprintf(h, "\x00file %s\x00", p)
			data, err := manifest.ReadFile(p)
			if err != nil { // an error when loaded; its kind may change
				fmt.Fprintf(h, "error %v", err)
			}
			h.Write(data)
		}
		for _, p := range programs {
			fmt.Fprintf(h, "\x00program %s", p)
		}
	}
	_, err = fmt.Fprintf(w, "%s version devel ghperm buildID=%x\n", filepath.Base(os.Args[0]), h.Sum(nil))
	return err
}

// goBuildID returns the Go build ID that the linker writes into an ELF
// executable's .note.go.buildid: it identifies the build's content as a
// hash of the whole file would, and go vet asks on every run, so reading
// a few bytes instead of tens of megabytes keeps a warm go vet cheap.
func goBuildID(exe string) (string, bool) {
	f, err := elf.Open(exe)
	if err != nil {
		return "", false
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return "", false
	}
	data, err := s.Data()
	if err != nil || len(data) < 16 {
		return "", false
	}
	// An ELF note: name size, description size, type, name (padded to 4
	// bytes), description.
	namesz, descsz := f.ByteOrder.Uint32(data), f.ByteOrder.Uint32(data[4:])
	off := 12 + (uint64(namesz)+3)&^3
	if string(data[12:12+min(uint64(namesz), 2)]) != "Go" || off+uint64(descsz) > uint64(len(data)) || descsz == 0 {
		return "", false
	}
	return string(data[off : off+uint64(descsz)]), true
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
