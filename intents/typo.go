package intents

// typoIndex finds vocabulary terms one edit away from a word (a letter
// dropped, added, changed, or two neighbours swapped) without comparing the
// word to every term: each term is filed under the strings made by deleting
// one of its letters, and a word looks up its own deletions (the symmetric
// delete method).
type typoIndex struct {
	deletes map[string][]int32
}

// minTypoLen is the shortest word that is corrected: shorter words have too
// many neighbours to guess from.
const minTypoLen = 4

func newTypoIndex(terms []string) typoIndex {
	t := typoIndex{deletes: make(map[string][]int32)}
	for id, term := range terms {
		if len(term) < minTypoLen-1 || !isASCII(term) {
			continue
		}
		t.deletes[term] = append(t.deletes[term], int32(id))
		for i := range len(term) {
			d := term[:i] + term[i+1:]
			t.deletes[d] = appendUnique(t.deletes[d], int32(id))
		}
	}
	return t
}

func appendUnique(ids []int32, id int32) []int32 {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

// correct returns the term one edit away from word, preferring the term
// chosen by better(a, b). ok is false when no term is that close.
// buf is scratch space for the deletions.
func (t typoIndex) correct(word string, terms []string, better func(a, b int32) bool, buf []byte) (int32, bool) {
	best := int32(-1)
	consider := func(ids []int32) {
		for _, id := range ids {
			if id != best && closeEnough(word, terms[id]) && (best < 0 || better(id, best)) {
				best = id
			}
		}
	}
	consider(t.deletes[word])
	for i := range len(word) {
		buf = append(buf[:0], word[:i]...)
		buf = append(buf, word[i+1:]...)
		consider(t.deletes[string(buf)])
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
