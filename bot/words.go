package bot

import (
	"strings"
	"unicode"
)

// words splits a message into lowercase words of letters and digits,
// apostrophes dropped ("didn't" is "didnt").
func words(s string) []string {
	s = strings.NewReplacer("'", "", "\u2019", "").Replace(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// fillers are words that say nothing about which choice or topic is
// meant: "the selfie one", "option 2 please".
var fillers = set("a", "an", "the", "one", "ones", "option", "choice", "number", "no", "please", "pls", "plz",
	"i", "mean", "meant", "want", "like", "that", "this", "about", "for", "is", "it", "its", "thanks",
	"ok", "okay", "yes", "yeah", "yep", "topic", "first", "second", "third")

// stopwords are words too common to tell two sentences apart.
var stopwords = set("a", "an", "the", "i", "im", "ive", "me", "my", "it", "its", "is", "are", "was", "be", "to",
	"of", "and", "or", "in", "on", "at", "for", "with", "do", "does", "did", "can", "so", "this", "that",
	"what", "if", "just", "you", "your", "keeps", "keep", "says", "say", "said", "tells", "again", "still")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// without returns the words not in drop.
func without(ws []string, drop map[string]bool) []string {
	var out []string
	for _, w := range ws {
		if !drop[w] {
			out = append(out, w)
		}
	}
	return out
}

// stemWord folds the commonest English endings, so that "fails",
// "failed" and "failing" are one word.
func stemWord(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// sameWord reports whether two words are one, allowing one typo (an
// edit) in words of five letters or more, and two in words of nine or
// more.
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	a, b = stemWord(a), stemWord(b)
	if a == b {
		return true
	}
	n := min(len([]rune(a)), len([]rune(b)))
	switch {
	case n >= 9:
		return editDistance(a, b, 2) <= 2
	case n >= 4:
		return editDistance(a, b, 1) <= 1
	}
	return false
}

// editDistance is the Levenshtein distance of a and b, or max+1 once it
// is known to exceed max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// containsPhrase reports whether ws holds the words of phrase in a row.
func containsPhrase(ws []string, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(ws); i++ {
		ok := true
		for j, p := range phrase {
			if ws[i+j] != p {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// phrases splits each phrase into its words.
func phrases(ps ...string) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = words(p)
	}
	return out
}
