package intents

// Features of a sentence for the learned model: every word (stopwords
// included, as their words; other words as their stems after typo
// correction and synonyms), every pair of adjacent words, and the
// character 3- and 4-grams of the words that are not stopwords. Each is
// hashed to 64 bits; the model keeps only those seen in the examples.

const (
	kindWord   = 'w'
	kindBigram = 'b'
	kindChar   = 'c'
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func fnvByte(h uint64, c byte) uint64 {
	h ^= uint64(c)
	h *= fnvPrime
	return h
}

// rawFeature is one hashed feature of a sentence, with its group (words or
// characters), which are weighted and normalized separately.
type rawFeature struct {
	hash uint64
	kind byte
}

// featureKey is the key a token contributes as a word: its stem, or its
// word for stopwords.
func featureKey(t token) string { return t.stem }

// appendFeatures appends the hashed features of toks to dst.
func appendFeatures(dst []rawFeature, toks []token) []rawFeature {
	prev, prevSpace := "", ""
	for i, t := range toks {
		key := featureKey(t)
		dst = append(dst, rawFeature{hash: fnvString(inSpace(fnvByte(fnvOffset, kindWord), t.space), key), kind: kindWord})
		if i > 0 {
			h := fnvString(inSpace(fnvByte(fnvOffset, kindBigram), prevSpace), prev)
			h = fnvString(inSpace(fnvByte(h, ' '), t.space), key)
			dst = append(dst, rawFeature{hash: h, kind: kindBigram})
		}
		prev, prevSpace = key, t.space
		if t.stop {
			continue
		}
		dst = appendCharGrams(dst, t.stem, t.space)
	}
	return dst
}

// inSpace folds a language's feature space into a hash: a word of
// another language is a feature of its own, apart from the same letters
// in the default one ("document" in French and in English), unless it is
// one of the words shared with the default language (space "").
func inSpace(h uint64, space string) uint64 {
	if space == "" {
		return h
	}
	return fnvString(fnvByte(h, 0xff), space)
}

// appendCharGrams appends the 3- and 4-grams of "<w>" (bytes, so that a
// non-ASCII letter is a few bytes of one n-gram: good enough for hashing).
func appendCharGrams(dst []rawFeature, w, space string) []rawFeature {
	var buf [66]byte
	if len(w) > 64 {
		w = w[:64]
	}
	b := append(buf[:0], '<')
	b = append(b, w...)
	b = append(b, '>')
	for n := 3; n <= 4; n++ {
		for i := 0; i+n <= len(b); i++ {
			h := inSpace(fnvByte(fnvOffset, kindChar), space)
			for _, c := range b[i : i+n] {
				h = fnvByte(h, c)
			}
			dst = append(dst, rawFeature{hash: h, kind: kindChar})
		}
	}
	return dst
}
