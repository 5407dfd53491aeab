package main

import (
	"fmt"
	"strings"
)

// unifiedDiff returns the unified diff (3 lines of context) that turns a
// into b, with the file names of the --- and +++ lines; "" if they are
// equal. The common head and tail are cut first: fix edits a block of a
// small file, so the longest common subsequence is sought in little.
func unifiedDiff(oldName, newName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	x, y := splitLines(string(a)), splitLines(string(b))
	ops := diffLines(x, y)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	const context = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from context lines before the change to context lines
		// after the last change that lies within 2*context of the next.
		start := max(0, i-context)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
			} else if j-end > 2*context {
				break
			}
		}
		end = min(len(ops), end+context+1)
		h := ops[start:end]
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(h[0].x, count(h, '-')), hunkRange(h[0].y, count(h, '+')))
		for _, op := range h {
			out.WriteString(string(op.kind) + op.line)
			if !strings.HasSuffix(op.line, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return out.String()
}

// diffOp is a line kept (' '), removed ('-') or added ('+'), with the
// 0-based line numbers in a and b at which it stands.
type diffOp struct {
	kind rune
	line string
	x, y int
}

func count(ops []diffOp, kind rune) int {
	n := 0
	for _, op := range ops {
		if op.kind == ' ' || op.kind == kind {
			n++
		}
	}
	return n
}

// hunkRange is "start,count" as unified diffs write it (1-based; the
// line before the hunk for an empty range).
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// maxCells bounds the table of the longest common subsequence: beyond
// it, the differing middle is replaced as a whole.
const maxCells = 1 << 22

// diffLines is the edit script from x to y.
func diffLines(x, y []string) []diffOp {
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []diffOp
	for i := range pre {
		ops = append(ops, diffOp{' ', x[i], i, i})
	}
	mx, my := x[pre:len(x)-suf], y[pre:len(y)-suf]
	if (len(mx)+1)*(len(my)+1) > maxCells {
		for i, l := range mx {
			ops = append(ops, diffOp{'-', l, pre + i, pre})
		}
		for j, l := range my {
			ops = append(ops, diffOp{'+', l, pre + len(mx), pre + j})
		}
	} else {
		ops = append(ops, lcsOps(mx, my, pre)...)
	}
	for k := range suf {
		i, j := len(x)-suf+k, len(y)-suf+k
		ops = append(ops, diffOp{' ', x[i], i, j})
	}
	return ops
}

// lcsOps is the edit script of a longest common subsequence of x and y,
// removals before additions; off is their first line's number.
func lcsOps(x, y []string, off int) []diffOp {
	n, m := len(x), len(y)
	// l[i][j] is the LCS length of x[i:] and y[j:].
	l := make([][]int, n+1)
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			ops = append(ops, diffOp{' ', x[i], off + i, off + j})
			i, j = i+1, j+1
		case i < n && (j == m || l[i+1][j] >= l[i][j+1]):
			ops = append(ops, diffOp{'-', x[i], off + i, off + j})
			i++
		default:
			ops = append(ops, diffOp{'+', y[j], off + i, off + j})
			j++
		}
	}
	return ops
}
