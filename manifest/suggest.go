package manifest

import (
	"fmt"
	"strconv"
	"strings"
)

// didYouMean returns `; did you mean "x"?` for the known word closest to
// word, or "" if none is close. Close means within a third of the word's
// length in edits, after treating '-' as '_' (Actions spells keys with '-').
//
// The cost is bounded: words longer than maxSuggestLen get no suggestion,
// and known words whose length alone puts them too far are skipped, so that
// hostile names (a workflow's 40,000-character job ids) cost little.
func didYouMean(word string, known []string) string {
	if len(word) > maxSuggestLen {
		return ""
	}
	best, bestDist := "", max(1, len(word)/3)+1
	norm := strings.ReplaceAll(strings.ToLower(word), "-", "_")
	for _, k := range known {
		if len(k) > maxSuggestLen || abs(len(k)-len(norm)) > bestDist {
			continue
		}
		d := editDistance(norm, strings.ReplaceAll(k, "-", "_"))
		if d < bestDist || d == bestDist && best != "" && k < best {
			best, bestDist = k, d
		}
	}
	if best == "" || best == word {
		return ""
	}
	return "; did you mean " + `"` + best + `"?`
}

// DidYouMean is didYouMean for other packages' vocabularies (the keys,
// levels and scopes of a //ghperm:needs directive).
func DidYouMean(word string, known []string) string { return didYouMean(word, known) }

// editDistance is the optimal string alignment distance between a and b,
// in bytes: insertions, deletions, substitutions and transpositions of
// adjacent bytes ("wirte") each count one.
func editDistance(a, b string) int {
	rows := [3][]int{make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		pp, prev, cur := rows[(i+1)%3], rows[(i+2)%3], rows[i%3]
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
	}
	return rows[len(a)%3][len(b)]
}

// maxSuggestLen is the longest word that gets or is given as a suggestion:
// longer than any permission, event, scope or sensible job name.
const maxSuggestLen = 100

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// maxQuoted is the most of a value that a message quotes: the value comes
// from the analysed code's files, and a key of a megabyte need not be
// printed whole (50 times) to be recognised.
const maxQuoted = 200

// quote quotes a value written in a file for a message, as %q does,
// cutting it after maxQuoted bytes.
func quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:maxQuoted]) + fmt.Sprintf("... (%d bytes)", len(s))
}
