package main

import (
	"fmt"
	"os"
	"strings"
)

// row is one line of a tab-separated input file.
type row struct {
	file   string
	line   int
	fields []string
}

func (r row) String() string { return fmt.Sprintf("%s:%d", r.file, r.line) }

// errorf reports a problem with the row, naming file and line.
func (r row) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: %s", r, fmt.Sprintf(format, args...))
}

// readTSV reads a tab-separated file, skipping blank lines, "#" comments
// and a header line starting with header. Every row must have at least
// minFields fields.
func readTSV(file, header string, minFields int) ([]row, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var rows []row
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") || header != "" && strings.HasPrefix(line, header) {
			continue
		}
		r := row{file: file, line: i + 1, fields: strings.Split(line, "\t")}
		if len(r.fields) < minFields {
			return nil, r.errorf("want at least %d tab-separated fields, have %d", minFields, len(r.fields))
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// grant is a permission at a level, as the generator handles them.
type grant struct{ key, level string }

// parseSets parses alternatives "a:write & b:read | c:write".
func parseSets(s string) ([][]grant, error) {
	var sets [][]grant
	for _, alt := range strings.Split(s, "|") {
		var set []grant
		for _, g := range strings.Split(alt, "&") {
			key, level, ok := strings.Cut(strings.TrimSpace(g), ":")
			if !ok || key == "" {
				return nil, fmt.Errorf("bad grant %q (want key:level)", strings.TrimSpace(g))
			}
			if level != "read" && level != "write" && level != "admin" {
				return nil, fmt.Errorf("bad level in %q", strings.TrimSpace(g))
			}
			set = append(set, grant{key, level})
		}
		sets = append(sets, set)
	}
	return sets, nil
}
