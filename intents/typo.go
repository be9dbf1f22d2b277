package intents

import (
	"cmp"
	"slices"
)

// typoIndex finds vocabulary terms one edit away from a word (a letter
// dropped, added, changed, or two neighbours swapped) without comparing the
// word to every term: each term is filed under the strings made by deleting
// one of its letters, and a word looks up its own deletions (the symmetric
// delete method). The strings are kept as 64-bit hashes in one sorted
// array: a collision only adds a term that closeEnough then refuses, and a
// folder of 10,000 topics needs a few megabytes, not a map of strings.
type typoIndex struct {
	entries []typoEntry // sorted by key, then id
}

// minTypoLen is the shortest word that is corrected: shorter words have too
// many neighbours to guess from.
const minTypoLen = 4

// typoEntry files a term under a hash.
type typoEntry struct {
	key uint64
	id  int32
}

func newTypoIndex(terms []string) typoIndex {
	n := 0
	for _, term := range terms {
		n += len(term) + 1
	}
	entries := make([]typoEntry, 0, n)
	for id, term := range terms {
		if len(term) < minTypoLen-1 || !isASCII(term) {
			continue
		}
		entries = append(entries, typoEntry{deletionHash(term, -1), int32(id)})
		for i := range len(term) {
			entries = append(entries, typoEntry{deletionHash(term, i), int32(id)})
		}
	}
	slices.SortFunc(entries, func(a, b typoEntry) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return typoIndex{entries: slices.Clip(slices.Compact(entries))}
}

// deletionHash is the hash of s without its byte at skip (all of s when
// skip is negative).
func deletionHash(s string, skip int) uint64 {
	if skip < 0 {
		return fnvString(fnvOffset, s)
	}
	return fnvString(fnvString(fnvOffset, s[:skip]), s[skip+1:])
}

// filed is the entries of the terms filed under key.
func (t typoIndex) filed(key uint64) []typoEntry {
	i, _ := slices.BinarySearchFunc(t.entries, key, func(e typoEntry, k uint64) int { return cmp.Compare(e.key, k) })
	j := i
	for j < len(t.entries) && t.entries[j].key == key {
		j++
	}
	return t.entries[i:j]
}

// correct returns the term one edit away from word, preferring the term
// chosen by better(a, b). ok is false when no term is that close.
func (t typoIndex) correct(word string, terms []string, better func(a, b int32) bool) (int32, bool) {
	best := int32(-1)
	consider := func(filed []typoEntry) {
		for _, e := range filed {
			id := e.id
			if id != best && closeEnough(word, terms[id]) && (best < 0 || better(id, best)) {
				best = id
			}
		}
	}
	consider(t.filed(deletionHash(word, -1)))
	for i := range len(word) {
		consider(t.filed(deletionHash(word, i)))
	}
	return best, best >= 0
}

// closeEnough reports whether word may be a misspelling of term. Words of
// minTypoLen letters are only corrected for two swapped letters or a
// dropped one ("okat", "verf"): a changed or added letter in so short a word
// makes another word too often ("post" is not "lost").
//
// The first letter must be right, unless it is swapped with the second:
// people rarely mistype it, and a different first letter mostly makes a
// different word ("flight" is not "light", "iphone" is not "phone").
func closeEnough(word, term string) bool {
	if len(word) < minTypoLen || len(term) < minTypoLen {
		return false
	}
	if word[0] != term[0] && !(word[0] == term[1] && word[1] == term[0]) {
		return false
	}
	if len(word) == minTypoLen && (len(term) < len(word) || (len(term) == len(word) && !swapped(word, term))) {
		return false
	}
	return editDistanceAtMostOne(word, term)
}

// swapped reports whether a and b, of equal length, differ by two
// neighbouring letters swapped.
func swapped(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// editDistanceAtMostOne reports whether a and b differ by at most one
// insertion, deletion, substitution or swap of neighbouring letters.
func editDistanceAtMostOne(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i == len(a) {
			return true
		}
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return a[i+1:] == b[i:]
	default:
		return false
	}
}
