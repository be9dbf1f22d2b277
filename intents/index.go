package intents

import (
	"math"
	"slices"
	"strings"
)

// Index is a knowledge folder prepared for matching: an inverted index from
// terms to the intents that use them, a typo index over the vocabulary and
// the synonym rules. It is immutable and safe for concurrent use.
type Index struct {
	knowledge *Knowledge
	stop      map[string]struct{}
	stopStems map[string]struct{}
	terms     map[string]int32
	vocab     []string  // term id -> term
	idf       []float32 // term id -> weight of the term
	postings  [][]posting
	typos     typoIndex
	synonyms  map[string][]synonymRule
	// outOfScope is the position of the out-of-scope examples among the
	// indexed intents (after the real ones), or -1.
	outOfScope int32
	pool       scratchPool
	learned    *learned
}

// posting says that an intent uses a term, and how strongly.
type posting struct {
	intent   int32
	strength float32
}

// termStrength is a term of an intent with its strength there.
type termStrength struct {
	term     int32
	strength float32
}

// synonymRule rewrites the token keys from to the terms to.
type synonymRule struct {
	from []string
	to   []string
}

// NewIndex prepares knowledge for matching. The knowledge must have loaded
// without errors.
func NewIndex(k *Knowledge) *Index {
	ix := &Index{knowledge: k, terms: make(map[string]int32), outOfScope: -1}
	ix.buildStopwords(k)
	ix.buildSynonyms(k.Synonyms)

	// The out-of-scope examples are indexed as one more intent, after the
	// real ones, so that they compete for messages like any intent.
	indexed := k.Intents
	if k.OutOfScope != nil {
		ix.outOfScope = int32(len(indexed))
		indexed = append(slices.Clip(indexed), *k.OutOfScope)
	}
	ix.buildPostings(indexed, ix.countTerms(indexed))
	ix.typos = newTypoIndex(ix.vocab)
	ix.pool = newScratchPool()
	var background []string
	if !k.NoBackground {
		background = backgroundSentences()
	}
	ix.learned = newLearned(ix.sentences(indexed, background), len(indexed), ix.outOfScope, defaultTrainParams)
	return ix
}

// buildStopwords removes keywords from the stopwords, and adds the other
// forms of stopwords ("taking" for "take") unless their stem is a question
// word or a keyword ("whats" must not silence "what").
func (ix *Index) buildStopwords(k *Knowledge) {
	keywords := map[string]struct{}{}
	keywordStems := map[string]struct{}{}
	for _, in := range k.Intents {
		for _, kw := range in.Keywords {
			keywords[lower(kw)] = struct{}{}
			keywordStems[stem(lower(kw))] = struct{}{}
		}
	}
	ix.stop = make(map[string]struct{}, len(stopwords))
	for w := range stopwords {
		if _, kw := keywords[w]; !kw {
			ix.stop[w] = struct{}{}
		}
	}
	ix.stopStems = make(map[string]struct{})
	for w := range ix.stop {
		st := stem(w)
		_, weak := weakWords[st]
		_, kw := keywordStems[st]
		if st != w && !weak && !kw {
			ix.stopStems[st] = struct{}{}
		}
	}
}

// termCount is how many sentences of an intent (examples, title) use a
// term, and whether the term is one of its keywords.
type termCount struct {
	term    int32
	n       int
	keyword bool
}

// countTerms analyses every sentence of every intent into terms and
// returns, per intent, its terms' counts.
func (ix *Index) countTerms(indexed []Intent) (counts [][]termCount) {
	counts = make([][]termCount, len(indexed))
	var toks []token
	for i, in := range indexed {
		at := map[int32]int{} // term -> its position in counts[i]
		sentence := func(text string, keyword bool) []int32 {
			toks = ix.tokens(toks[:0], text, false)
			var terms []int32
			for _, t := range toks {
				if t.stop {
					continue
				}
				id := ix.termID(t.stem)
				if slices.Contains(terms, id) {
					continue
				}
				terms = append(terms, id)
				if j, ok := at[id]; ok {
					counts[i][j].n++
					counts[i][j].keyword = counts[i][j].keyword || keyword
				} else {
					at[id] = len(counts[i])
					counts[i] = append(counts[i], termCount{term: id, n: 1, keyword: keyword})
				}
			}
			return terms
		}
		for _, ex := range in.Examples {
			sentence(ex, false)
		}
		sentence(in.Title, false)
		for _, kw := range in.Keywords {
			sentence(kw, true)
		}
	}
	return counts
}

// buildPostings turns term counts into strengths, postings and weights.
//
// The strength of a term in an intent is 1 for its keywords and for terms in
// a third or more of its sentences, down to 0.5 for a passing mention. A
// term that is some intent's keyword is only a passing mention elsewhere, so
// it counts for half there. A term's weight (idf) falls with the summed
// strength of the intents that use it; question words weigh weakFactor.
func (ix *Index) buildPostings(indexed []Intent, counts [][]termCount) {
	isKeyword := make([]bool, len(ix.vocab))
	for _, cs := range counts {
		for _, c := range cs {
			isKeyword[c.term] = isKeyword[c.term] || c.keyword
		}
	}
	ix.postings = make([][]posting, len(ix.vocab))
	df := make([]float64, len(ix.vocab))
	for i, cs := range counts {
		sentences := float64(len(indexed[i].Examples) + 1)
		for _, c := range cs {
			s := 0.5 + 0.5*math.Min(1, 3*float64(c.n)/sentences)
			switch {
			case c.keyword:
				s = 1
			case isKeyword[c.term]:
				s /= 2
			}
			ix.postings[c.term] = append(ix.postings[c.term], posting{intent: int32(i), strength: float32(s)})
			df[c.term] += s
		}
	}
	n := float64(len(indexed))
	ix.idf = make([]float32, len(ix.vocab))
	for t, term := range ix.vocab {
		if df[t] > 0 {
			ix.idf[t] = float32(math.Log(1 + n/df[t]))
		}
		if _, weak := weakWords[term]; weak {
			ix.idf[t] *= weakFactor
		}
	}
}

// Knowledge returns the knowledge the index was built from.
func (ix *Index) Knowledge() *Knowledge { return ix.knowledge }

// termID returns the id of a term, adding it to the vocabulary if new.
func (ix *Index) termID(term string) int32 {
	if id, ok := ix.terms[term]; ok {
		return id
	}
	id := int32(len(ix.vocab))
	term = strings.Clone(term)
	ix.terms[term] = id
	ix.vocab = append(ix.vocab, term)
	return id
}

func (ix *Index) buildSynonyms(syns []Synonym) {
	ix.synonyms = make(map[string][]synonymRule)
	var toks []token
	for _, s := range syns {
		toks = ix.tokens(toks[:0], s.Variant, false)
		from := tokenKeys(toks, true)
		toks = ix.tokens(toks[:0], s.Canonical, false)
		to := tokenKeys(toks, false)
		if len(from) == 0 || len(to) == 0 {
			continue
		}
		for _, t := range to {
			ix.termID(t)
		}
		// Variants are vocabulary too, so that a misspelt variant is
		// corrected and then rewritten.
		for _, t := range from {
			ix.termID(t)
		}
		ix.synonyms[from[0]] = append(ix.synonyms[from[0]], synonymRule{from: from, to: to})
	}
	for _, rules := range ix.synonyms {
		slices.SortStableFunc(rules, func(a, b synonymRule) int { return len(b.from) - len(a.from) })
	}
}

// tokenKeys returns the keys of tokens: their stems, and for stopwords their
// words when withStop is set.
func tokenKeys(toks []token, withStop bool) []string {
	var keys []string
	for _, t := range toks {
		if !t.stop || withStop {
			keys = append(keys, strings.Clone(t.stem))
		}
	}
	return keys
}
