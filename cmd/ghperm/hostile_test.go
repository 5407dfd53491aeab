package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"golang.org/x/tools/txtar"
)

// TestHostile runs ghperm on each module of testdata/hostile (see its
// README): inputs that the analysed code controls, each with the outcome
// ghperm must give. It runs ghperm in a new process, with a time limit,
// and logs its peak memory (with GNU time, where /usr/bin/time is).
func TestHostile(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds ghperm and runs it on generated inputs of up to 100 MB")
	}
	if runtime.GOOS == "windows" {
		t.Skip("FIFOs, devices and symbolic links")
	}
	bin := buildGhperm(t)
	archives, err := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no archives: %v", err)
	}
	for _, archive := range archives {
		name := strings.TrimSuffix(filepath.Base(archive), ".txtar")
		t.Run(name, func(t *testing.T) { runHostile(t, bin, archive) })
	}
}

func runHostile(t *testing.T, bin, archive string) {
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	mod, outside := filepath.Join(tmp, "mod"), filepath.Join(tmp, "outside")
	writeFiles(t, outside, map[string]string{"shadow": "root:*:19000:0:99999:7:::\ndefault_permissions: {issues: ghp_0123456789abcdefSECRET}\n"})
	expand := func(s string) string { return strings.ReplaceAll(s, "$OUTSIDE", outside) }
	args, setup, want := []string{"./..."}, "", ""
	files := map[string]string{}
	for _, f := range ar.Files {
		switch f.Name {
		case "args":
			args = strings.Fields(expand(string(f.Data)))
		case "setup":
			setup = expand(string(f.Data))
		case "want":
			want = string(f.Data)
		default:
			files[f.Name] = string(f.Data)
		}
	}
	writeFiles(t, mod, files)
	for _, line := range strings.Split(strings.TrimSpace(setup), "\n") {
		if line != "" {
			if err := setupStep(mod, line); err != nil {
				t.Fatalf("setup %q: %v", line, err)
			}
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	// Peak memory comes from GNU time, which forks ghperm from its own
	// small process: the rusage of a child started from this test binary
	// counts the test binary's own peak, which it inherits at exec.
	rssFile := filepath.Join(tmp, "rss")
	cmd := exec.CommandContext(ctx, bin, args...)
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		cmd = exec.CommandContext(ctx, "/usr/bin/time", append([]string{"-f", "%M", "-o", rssFile, bin}, args...)...)
	}
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	elapsed := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("ghperm %s: killed after %v (a hang)", strings.Join(args, " "), elapsed)
	}
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	rssMiB := int64(-1) // not measured
	if data, err := os.ReadFile(rssFile); err == nil {
		// "Command exited with non-zero status 2" may come first.
		fields := strings.Fields(string(data))
		if len(fields) > 0 {
			if kib, err := strconv.ParseInt(fields[len(fields)-1], 10, 64); err == nil {
				rssMiB = kib >> 10
			}
		}
	}
	t.Logf("ghperm %s: exit %d in %.1fs, peak RSS %d MiB", strings.Join(args, " "), code, elapsed.Seconds(), rssMiB)

	out := stdout.String()
	for _, line := range strings.Split(strings.TrimSpace(want), "\n") {
		verb, arg, _ := strings.Cut(line, " ")
		arg = expand(arg)
		switch verb {
		case "exit":
			if n, _ := strconv.Atoi(arg); code != n {
				t.Errorf("exit %d, want %s\nstdout:\n%.2000s\nstderr:\n%.2000s", code, arg, out, stderr.String())
			}
		case "stdout":
			how, text, _ := strings.Cut(arg, " ")
			if has := strings.Contains(out, text); has != (how == "has") {
				t.Errorf("stdout %s %q:\n%.3000s\nstderr:\n%.2000s", how, text, out, stderr.String())
			}
		case "stdout-lacks-raw-controls":
		case "rss-below":
			if n, _ := strconv.ParseInt(arg, 10, 64); rssMiB >= n {
				t.Errorf("peak RSS %d MiB, want below %d MiB", rssMiB, n)
			}
		case "seconds-below":
			if n, _ := strconv.Atoi(arg); elapsed >= time.Duration(n)*time.Second {
				t.Errorf("took %v, want below %ds", elapsed, n)
			}
		default:
			t.Fatalf("unknown want %q", line)
		}
		if verb == "stdout-lacks-raw-controls" {
			for _, r := range out {
				if r != '\n' && r != '\t' && unicode.IsControl(r) {
					t.Errorf("stdout has %U raw:\n%q", r, out)
					break
				}
			}
		}
	}
}

// setupStep does one line of a -- setup -- section (see the README).
func setupStep(dir, line string) error {
	words, err := setupWords(line)
	if err != nil {
		return err
	}
	if len(words) < 2 {
		return fmt.Errorf("too few words")
	}
	path := filepath.Join(dir, filepath.FromSlash(words[1]))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	switch words[0] {
	case "fifo":
		return syscall.Mkfifo(path, 0o644)
	case "mkdir":
		return os.Mkdir(path, 0o755)
	case "symlink":
		return os.Symlink(words[2], path)
	case "generate":
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		w := bufio.NewWriter(f)
		for i := 2; i+1 < len(words); i += 2 {
			n, err := strconv.Atoi(words[i+1])
			if err != nil {
				return err
			}
			for range n {
				w.WriteString(words[i])
			}
		}
		return w.Flush()
	}
	return fmt.Errorf("unknown step %q", words[0])
}

// setupWords splits a setup line into words: Go-quoted strings, or runs
// of non-blank characters.
func setupWords(line string) ([]string, error) {
	var words []string
	for line = strings.TrimSpace(line); line != ""; line = strings.TrimSpace(line) {
		if line[0] == '"' {
			q, err := strconv.QuotedPrefix(line)
			if err != nil {
				return nil, err
			}
			s, _ := strconv.Unquote(q)
			words = append(words, s)
			line = line[len(q):]
			continue
		}
		end := strings.IndexAny(line, " \t")
		if end < 0 {
			end = len(line)
		}
		words = append(words, line[:end])
		line = line[end:]
	}
	return words, nil
}
