package main

import (
	"strings"
)

// closest returns the name among known that name was most likely meant
// to be: the one fewest edits away, when that is at most a third of its
// length (and at least two edits are allowed), or else the one with the
// same last part after sep ("answer_threshold" of
// "match.answer_threshold"). It returns "" when none is close.
func closest(name string, known []string, sep string) string {
	best, bestDist := "", -1
	for _, k := range known {
		d := editDistance(name, k)
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	if bestDist >= 0 && bestDist <= max(2, len(best)/3) {
		return best
	}
	if i := strings.LastIndex(name, sep); i >= 0 && sep != "" {
		last := name[i+len(sep):]
		for _, k := range known {
			if j := strings.LastIndex(k, sep); j >= 0 && k[j+len(sep):] == last {
				return k
			}
		}
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (configuration keys are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
