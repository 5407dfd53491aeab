// Package atomicfile writes files so that readers see either the old or
// the new content, never a half-written file: the catalog's generator
// and refresh tool must not leave broken inputs or outputs behind.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write replaces name with data (mode 0644) through a temporary file in
// the same directory and a rename.
func Write(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, a no-op
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
