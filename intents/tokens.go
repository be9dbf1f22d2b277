package intents

// tokens appends the tokens of text to dst: words lowered, numbers dropped,
// stopwords marked, stems taken, unknown words corrected to a vocabulary term
// one edit away (when correct is set) and synonyms rewritten.
func (ix *Index) tokens(dst []token, text string, correct bool) []token {
	start := len(dst)
	dst = ix.plainTokens(dst, text)
	if correct {
		ix.correctTypos(dst[start:])
	}
	if len(ix.synonyms) > 0 {
		dst = rewriteSynonyms(ix.synonyms, dst, start)
	}
	return dst
}

// plainTokens appends the tokens of text to dst as tokens does, before
// typo correction and synonyms.
func (ix *Index) plainTokens(dst []token, text string) []token {
	words(lower(truncate(text, MaxMessageLen)), func(w string) {
		if isNumber(w) || digitCount(w) >= 3 {
			return // numbers and codes (order, ID, model numbers) say nothing of the topic
		}
		if _, stop := ix.stop[w]; stop {
			dst = append(dst, token{word: w, stem: w, stop: true})
			return
		}
		st := stem(w)
		if _, stop := ix.stopStems[st]; stop {
			// Another form of a stopword: "taking" for "take".
			dst = append(dst, token{word: w, stem: w, stop: true})
			return
		}
		dst = append(dst, token{word: w, stem: st})
	})
	return dst
}

// correctTypos replaces the stems of unknown words of minTypoLen letters or
// more with the vocabulary term one edit away, if there is one. Common
// English words are never corrected: they are what the person meant.
func (ix *Index) correctTypos(toks []token) {
	for i := range toks {
		t := &toks[i]
		if t.stop || len(t.word) < minTypoLen || len(t.stem) > 64 {
			continue
		}
		if _, known := ix.terms[t.stem]; known || isEnglishWord(t.word) {
			continue
		}
		if id, ok := ix.typos.correct(t.stem, ix.vocab, ix.moreUsed); ok {
			t.stem = ix.vocab[id]
			t.typo = true
		}
	}
}

// moreUsed prefers the term that more intents use, then the first in
// vocabulary order, so corrections are deterministic.
func (ix *Index) moreUsed(a, b int32) bool {
	if la, lb := ix.intentsUsing[a], ix.intentsUsing[b]; la != lb {
		return la > lb
	}
	return a < b
}

// rewriteSynonyms replaces, from toks[start:], every run of token keys that
// is a synonym variant with the canonical terms, longest variant first. The
// rewritten tokens are appended after the originals, then moved into place.
func rewriteSynonyms(rules map[string][]synonymRule, toks []token, start int) []token {
	end := len(toks)
	for i := start; i < end; {
		rule, ok := synonymAt(rules, toks[i:end])
		if !ok {
			toks = append(toks, toks[i])
			i++
			continue
		}
		for j, to := range rule.to {
			t := token{word: to, stem: to}
			if rule.spaces != nil {
				t.space = rule.spaces[j]
			}
			toks = append(toks, t)
		}
		i += len(rule.from)
	}
	n := copy(toks[start:], toks[end:])
	return toks[:start+n]
}

func synonymAt(all map[string][]synonymRule, toks []token) (synonymRule, bool) {
	rules := all[toks[0].stem]
	for _, r := range rules {
		if len(r.from) > len(toks) {
			continue
		}
		match := true
		for j, key := range r.from {
			if toks[j].stem != key {
				match = false
				break
			}
		}
		if match {
			return r, true
		}
	}
	return synonymRule{}, false
}

func digitCount(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			n++
		}
	}
	return n
}
