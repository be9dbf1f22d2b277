package intents

import (
	"slices"
	"strings"
)

// Word is one word of a message as the matcher reads it, for people to
// see why a message matched: the words as written, not the stems the
// matcher compares.
type Word struct {
	// Text is the word as written, lowercased; for a synonym, the words
	// it replaced.
	Text string
	// Known says the knowledge uses the word (after typo correction and
	// synonyms); Stop says it is a common word the matcher ignores.
	Known, Stop bool
	// Typo says the word is unknown as written and was read as a known
	// word one edit away.
	Typo bool
	// As is, for a synonym, the words it was read as.
	As string
}

// Explain splits message into the words matching reads (numbers and
// codes left out), each marked as known, misspelt, a synonym, a common
// word or unknown to the knowledge.
func (ix *Index) Explain(message string) []Word {
	toks := ix.plainTokens(nil, message)
	ix.correctTypos(toks)
	var out []Word
	for i := 0; i < len(toks); {
		if w, n, ok := ix.synonymWord(toks[i:]); ok {
			out = append(out, w)
			i += n
			continue
		}
		t := toks[i]
		i++
		_, known := ix.terms[t.stem]
		out = append(out, Word{Text: t.word, Stop: t.stop, Known: known && !t.stop, Typo: t.typo && known})
	}
	return out
}

// synonymWord reads the synonym that toks start with, if any, as one
// Word, and returns how many tokens it covers. A variant spelling that
// reads as the word itself ("selfy: selfie" for "selfie") is no synonym.
func (ix *Index) synonymWord(toks []token) (Word, int, bool) {
	if len(ix.synonyms) == 0 {
		return Word{}, 0, false
	}
	rule, ok := synonymAt(ix.synonyms, toks)
	if !ok || len(rule.from) == 1 && slices.Equal(rule.to, rule.from) {
		return Word{}, 0, false
	}
	n := len(rule.from)
	parts := make([]string, n)
	for j := range n {
		parts[j] = toks[j].word
	}
	w := Word{Text: strings.Join(parts, " "), As: ix.canonical(rule)}
	for _, to := range rule.to {
		if _, ok := ix.terms[to]; ok {
			w.Known = true
		}
	}
	return w, n, true
}

// canonical is the canonical form, as written in the synonyms file, of
// the synonym rule stands for; its terms when none is found.
func (ix *Index) canonical(rule synonymRule) string {
	var toks []token
	for _, syn := range ix.knowledge.Synonyms {
		toks = ix.plainTokens(toks[:0], syn.Variant)
		if !slices.Equal(tokenKeys(toks, true), rule.from) {
			continue
		}
		toks = ix.plainTokens(toks[:0], syn.Canonical)
		if slices.Equal(tokenKeys(toks, false), rule.to) {
			return syn.Canonical
		}
	}
	return strings.Join(rule.to, " ")
}
