package intents

import (
	"maps"
	"slices"
	"strings"
)

// Index is a knowledge folder prepared for matching: the vocabulary with a
// typo index over it, the synonym rules, and the matcher learned from the
// examples. It is immutable and safe for concurrent use.
type Index struct {
	knowledge *Knowledge
	stop      map[string]struct{}
	stopStems map[string]struct{}
	terms     map[string]int32
	vocab     []string // term id -> term
	// intentsUsing is, by term id, how many intents use the term: typo
	// correction prefers the commoner of two candidates.
	intentsUsing []int32
	typos        typoIndex
	synonyms     map[string][]synonymRule
	// outOfScope is the position of the out-of-scope examples among the
	// indexed intents (after the real ones), or -1.
	outOfScope int32
	pool       scratchPool
	learned    *learned
	// smallTalk marks, by intent position, the intents whose examples are
	// often greetings and thanks alone: a sentence of a long message read
	// alone is not answered by them.
	smallTalk []bool
	// langs tells the language of a message; nil for a folder in one
	// language.
	langs *langModel
	// shared maps the words of the default language's sentences, folded,
	// to their terms, for the other languages (see foreignTokens); nil
	// for a folder in one language.
	shared map[string]string
	// defaultTerms is the number of terms, first in vocab, that the
	// default language's sentences and synonyms use.
	defaultTerms int
	// langSynonyms are the synonym rules of the other languages.
	langSynonyms map[string]map[string][]synonymRule
}

// synonymRule rewrites the token keys from to the terms to.
type synonymRule struct {
	from []string
	to   []string
	// spaces are the feature spaces of to's terms (see inSpace); nil for
	// the default language's.
	spaces []string
}

// NewIndex prepares knowledge for matching. The knowledge must have loaded
// without errors.
func NewIndex(k *Knowledge) *Index {
	ix := &Index{knowledge: k, terms: make(map[string]int32), outOfScope: -1}
	if len(k.Languages) > 1 {
		ix.langs = newLangModel(k.Languages, languageText(k))
	}
	ix.buildStopwords(k)
	ix.synonyms = ix.buildSynonyms(k.Synonyms, k.DefaultLanguage)
	if len(k.Languages) > 1 {
		ix.buildShared(k)
		ix.langSynonyms = make(map[string]map[string][]synonymRule, len(k.LangSynonyms))
		for lang, syns := range k.LangSynonyms {
			ix.langSynonyms[lang] = ix.buildSynonyms(syns, lang)
		}
	}

	// The out-of-scope examples are indexed as one more intent, after the
	// real ones, so that they compete for messages like any intent.
	indexed := k.Intents
	if k.OutOfScope != nil {
		ix.outOfScope = int32(len(indexed))
		indexed = append(slices.Clip(indexed), *k.OutOfScope)
	}
	ix.countTerms(indexed)
	for _, lang := range k.Languages[1:] {
		rules := ix.langSynonyms[lang]
		for _, first := range slices.Sorted(maps.Keys(rules)) {
			for _, r := range rules[first] {
				ix.synonymTerms(r)
			}
		}
	}
	ix.typos = newTypoIndex(ix.vocab[:ix.defaultTerms])
	ix.pool = newScratchPool()
	var background []string
	if !k.NoBackground {
		background = backgroundSentences()
	}
	ix.learned = newLearned(ix.sentences(indexed, background), len(indexed), ix.outOfScope, defaultTrainParams)
	ix.smallTalk = ix.smallTalkIntents(indexed)
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
		if st != w && !weak && !kw && inflects(st, w) {
			ix.stopStems[st] = struct{}{}
		}
	}
}

// inflects reports whether w is its stem st with an inflection ("needs",
// "tried", "taking"), so that the other forms of st are the same word: a
// stem the stemmer cut from a word of its own ("really" to "real",
// "finally" to "final", "came" to "cam") leaves those words alone.
func inflects(st, w string) bool {
	rest, ok := strings.CutPrefix(w, st)
	if !ok {
		return false
	}
	switch rest {
	case "s", "es", "ed", "d", "ing":
		return true
	}
	return false
}

// countTerms puts the terms of every sentence of every intent in the
// vocabulary and counts the intents that use each.
func (ix *Index) countTerms(indexed []Intent) {
	var toks []token
	perIntent := make([][]int32, len(indexed)) // each intent's distinct terms
	for i, in := range indexed {
		seen := map[int32]bool{}
		sentence := func(text string) {
			toks = ix.tokens(toks[:0], text, false)
			for _, t := range toks {
				if t.stop {
					continue
				}
				if id := ix.termID(t.stem); !seen[id] {
					seen[id] = true
					perIntent[i] = append(perIntent[i], id)
				}
			}
		}
		for _, ex := range in.Examples {
			sentence(ex)
		}
		sentence(in.Title)
		for _, kw := range in.Keywords {
			sentence(kw)
		}
	}
	// The other languages' terms come after the default language's, which
	// keep their order (typo correction prefers the first of two) and
	// their counts; only the default language's are corrected to.
	ix.defaultTerms = len(ix.vocab)
	for _, in := range indexed {
		terms := func(text, lang string) {
			for _, t := range ix.tokensIn(toks[:0], text, lang, false) {
				if !t.stop {
					ix.termID(t.stem)
				}
			}
		}
		for _, ex := range in.Examples {
			if l := ix.exampleLang(ex); l != ix.knowledge.DefaultLanguage {
				terms(ex, l)
			}
		}
		for _, code := range sortedLangs(in.Langs) {
			t := in.Langs[code]
			for _, text := range append(append([]string{t.Title}, t.Examples...), t.Keywords...) {
				terms(text, code)
				terms(text, ix.knowledge.DefaultLanguage)
			}
		}
	}
	ix.intentsUsing = make([]int32, len(ix.vocab))
	for _, terms := range perIntent {
		for _, id := range terms {
			ix.intentsUsing[id]++
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

// buildSynonyms returns the rules of the synonyms of lang.
func (ix *Index) buildSynonyms(syns []Synonym, lang string) map[string][]synonymRule {
	rules := make(map[string][]synonymRule)
	var toks []token
	for _, s := range syns {
		// Plain tokens: a variant is read as written, not through the
		// rules read before it ("liveliness check" must not become
		// "liveness check" because "liveliness: liveness" came first).
		toks = ix.plainTokensIn(toks[:0], s.Variant, lang)
		from := tokenKeys(toks, true)
		toks = ix.plainTokensIn(toks[:0], s.Canonical, lang)
		to := tokenKeys(toks, false)
		var spaces []string
		if normFor(lang) != nil {
			for _, t := range toks {
				if !t.stop {
					spaces = append(spaces, t.space)
				}
			}
		}
		if len(from) == 0 || len(to) == 0 {
			continue
		}
		if spaces == nil {
			ix.synonymTerms(synonymRule{from: from, to: to})
		}
		rules[from[0]] = append(rules[from[0]], synonymRule{from: from, to: to, spaces: spaces})
	}
	for _, rs := range rules {
		slices.SortStableFunc(rs, func(a, b synonymRule) int { return len(b.from) - len(a.from) })
	}
	return rules
}

// synonymTerms puts a rule's terms in the vocabulary. Variants are
// vocabulary too, so that a misspelt variant is corrected and then
// rewritten.
func (ix *Index) synonymTerms(r synonymRule) {
	for _, t := range r.to {
		ix.termID(t)
	}
	for _, t := range r.from {
		ix.termID(t)
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
