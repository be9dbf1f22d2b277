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
	ix := &Index{knowledge: k, terms: make(map[string]int32), scoring: defaultScoring}
	ix.stop = stopwords
	if kws := keywordSet(k); len(kws) > 0 {
		ix.stop = make(map[string]struct{}, len(stopwords))
		for w := range stopwords {
			if _, kw := kws[w]; !kw {
				ix.stop[w] = struct{}{}
			}
		}
	}
	ix.stopStems = make(map[string]struct{})
	// Other forms of stopwords are stopwords too ("taking" for "take"),
	// unless the stem is a question word or a keyword ("whats" is not "what").
	kwStems := make(map[string]struct{})
	for _, in := range k.Intents {
		for _, kw := range in.Keywords {
			kwStems[stem(lower(kw))] = struct{}{}
		}
	}
	for w := range ix.stop {
		st := stem(w)
		_, weak := weakWords[st]
		_, kw := kwStems[st]
		if st != w && !weak && !kw {
			ix.stopStems[st] = struct{}{}
		}
	}
	ix.buildSynonyms(k.Synonyms)

	// Count, for each intent, in how many of its sentences (examples and
	// title) each term appears.
	type count struct {
		term  int32
		n     int
		isKey bool
	}
	indexed := k.Intents
	ix.outOfScope = -1
	if k.OutOfScope != nil {
		ix.outOfScope = int32(len(indexed))
		indexed = append(slices.Clip(indexed), *k.OutOfScope)
	}
	perIntent := make([][]count, len(indexed))
	var exampleTerms [][]int32
	var toks []token
	for i, in := range indexed {
		seen := map[int32]int{} // term -> index in counts
		var counts []count
		addSentence := func(s string, isKey bool) []int32 {
			toks = ix.tokens(toks[:0], s, false)
			var local []int32
			for _, t := range toks {
				if t.stop {
					continue
				}
				id := ix.termID(t.stem)
				if slices.Contains(local, id) {
					continue
				}
				local = append(local, id)
				if j, ok := seen[id]; ok {
					counts[j].n++
					counts[j].isKey = counts[j].isKey || isKey
				} else {
					seen[id] = len(counts)
					counts = append(counts, count{term: id, n: 1, isKey: isKey})
				}
			}
			return local
		}
		for _, ex := range in.Examples {
			if terms := addSentence(ex, false); len(terms) > 0 {
				exampleTerms = append(exampleTerms, terms)
				ix.exampleIntent = append(ix.exampleIntent, int32(i))
			}
		}
		addSentence(in.Title, false)
		for _, kw := range in.Keywords {
			addSentence(kw, true)
		}
		perIntent[i] = counts
	}

	// Strength of a term in an intent: 1 for keywords and for terms in a
	// third or more of its sentences, down to 0.5 for a passing mention.
	// A term that is some intent's keyword is only a passing mention
	// elsewhere, so it counts for half there.
	isKeyword := make([]bool, len(ix.vocab))
	for _, counts := range perIntent {
		for _, c := range counts {
			isKeyword[c.term] = isKeyword[c.term] || c.isKey
		}
	}
	ix.postings = make([][]posting, len(ix.vocab))
	ix.intentTerms = make([][]termStrength, len(indexed))
	df := make([]float64, len(ix.vocab))
	for i, counts := range perIntent {
		sentences := float64(len(indexed[i].Examples) + 1)
		for _, c := range counts {
			s := 0.5 + 0.5*math.Min(1, 3*float64(c.n)/sentences)
			switch {
			case c.isKey:
				s = 1
			case isKeyword[c.term]:
				s /= 2
			}
			ix.postings[c.term] = append(ix.postings[c.term], posting{intent: int32(i), strength: float32(s)})
			ix.intentTerms[i] = append(ix.intentTerms[i], termStrength{term: c.term, strength: float32(s)})
			df[c.term] += s
		}
	}
	n := float64(len(indexed))
	ix.idf = make([]float32, len(ix.vocab))
	for t := range ix.vocab {
		if df[t] > 0 {
			ix.idf[t] = float32(math.Log(1 + n/df[t]))
		}
		if _, weak := weakWords[ix.vocab[t]]; weak {
			ix.idf[t] *= weakFactor
		}
	}
	ix.examplePostings = make([][]int32, len(ix.vocab))
	ix.exampleWeight = make([]float32, len(exampleTerms))
	for i := range ix.intentTerms {
		slices.SortFunc(ix.intentTerms[i], func(a, b termStrength) int { return int(a.term - b.term) })
	}
	for e, terms := range exampleTerms {
		slices.Sort(terms)
		for _, t := range terms {
			ix.examplePostings[t] = append(ix.examplePostings[t], int32(e))
			ix.exampleWeight[e] += ix.idf[t]
		}
	}
	ix.exampleTerms = exampleTerms
	ix.unknownWeight = float32(math.Log(1 + n/0.5))
	ix.typos = newTypoIndex(ix.vocab)
	ix.pool = newScratchPool(len(indexed), len(exampleTerms))
	return ix
}

// Knowledge returns the knowledge the index was built from.
func (ix *Index) Knowledge() *Knowledge { return ix.knowledge }

func keywordSet(k *Knowledge) map[string]struct{} {
	m := map[string]struct{}{}
	for _, in := range k.Intents {
		for _, kw := range in.Keywords {
			m[lower(kw)] = struct{}{}
		}
	}
	return m
}

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
