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
	// Examples, for matching a message against each one: the terms' example
	// postings, each example's intent and the total weight of its terms.
	examplePostings [][]int32
	exampleIntent   []int32
	exampleText     []string
	exampleWeight   []float32
	// The same, by intent and by example, sorted by term: what rank looks up
	// for terms so common that walking their postings would cost too much.
	intentTerms  [][]termStrength
	exampleTerms [][]int32
	typos        typoIndex
	synonyms     map[string][]synonymRule
	// unknownWeight is the weight of a word the knowledge never uses.
	unknownWeight float32
	// outOfScope is the position of the out-of-scope examples among the
	// indexed intents (after the real ones), or -1.
	outOfScope int32
	scoring    scoring
	pool       scratchPool
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
	ix := &Index{knowledge: k, terms: make(map[string]int32), scoring: defaultScoring, outOfScope: -1}
	ix.buildStopwords(k)
	ix.buildSynonyms(k.Synonyms)

	// The out-of-scope examples are indexed as one more intent, after the
	// real ones, so that they compete for messages like any intent.
	indexed := k.Intents
	if k.OutOfScope != nil {
		ix.outOfScope = int32(len(indexed))
		indexed = append(slices.Clip(indexed), *k.OutOfScope)
	}
	counts, exampleTerms := ix.countTerms(indexed)
	ix.buildPostings(indexed, counts)
	ix.buildExamples(exampleTerms)
	ix.unknownWeight = float32(math.Log(1 + float64(len(indexed))/0.5))
	ix.typos = newTypoIndex(ix.vocab)
	ix.pool = newScratchPool(len(indexed), len(exampleTerms))
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

// countTerms analyses every sentence of every intent into terms. It returns,
// per intent, its terms' counts and, per example, the example's terms (with
// the example's intent recorded in ix.exampleIntent).
func (ix *Index) countTerms(indexed []Intent) (counts [][]termCount, exampleTerms [][]int32) {
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
			if terms := sentence(ex, false); len(terms) > 0 {
				exampleTerms = append(exampleTerms, terms)
				ix.exampleIntent = append(ix.exampleIntent, int32(i))
				ix.exampleText = append(ix.exampleText, ex)
			}
		}
		sentence(in.Title, false)
		for _, kw := range in.Keywords {
			sentence(kw, true)
		}
	}
	return counts, exampleTerms
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
	ix.intentTerms = make([][]termStrength, len(indexed))
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
			ix.intentTerms[i] = append(ix.intentTerms[i], termStrength{term: c.term, strength: float32(s)})
			df[c.term] += s
		}
		slices.SortFunc(ix.intentTerms[i], func(a, b termStrength) int { return int(a.term - b.term) })
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

// buildExamples indexes each example's terms, for matching a message
// against single examples.
func (ix *Index) buildExamples(exampleTerms [][]int32) {
	ix.examplePostings = make([][]int32, len(ix.vocab))
	ix.exampleWeight = make([]float32, len(exampleTerms))
	for e, terms := range exampleTerms {
		slices.Sort(terms)
		for _, t := range terms {
			ix.examplePostings[t] = append(ix.examplePostings[t], int32(e))
			ix.exampleWeight[e] += ix.idf[t]
		}
	}
	ix.exampleTerms = exampleTerms
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
