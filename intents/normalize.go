package intents

import (
	"slices"
	"strings"

	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/spanish"
)

// langNorm is how the words of a language other than English become
// terms: accents folded, elisions split ("l'étape" is "l" and "étape", as
// words splits them), stopwords marked, the rest stemmed. English keeps
// its own steps (typo correction, the common-word guard), which need
// lists of English words.
type langNorm struct {
	// stop holds the stopwords, folded.
	stop map[string]struct{}
	// stem stems a folded word; nil leaves words as they are.
	stem func(string) string
	// space is the language's feature space (see inSpace).
	space string
}

// norms are the languages with stopwords and a stemmer, by primary tag:
// Snowball's, from kljensen/snowball for Spanish and French, written here
// for German and Portuguese (german.go, portuguese.go).
// A language not here is only folded and split.
var norms = map[string]*langNorm{
	"es": {stop: foldedSet(spanishStopwords), stem: func(w string) string { return spanish.Stem(w, true) }, space: "es"},
	"fr": {stop: foldedSet(frenchStopwords), stem: func(w string) string { return french.Stem(w, true) }, space: "fr"},
	"de": {stop: foldedSet(germanStopwords), stem: germanStem, space: "de"},
	"pt": {stop: foldedSet(portugueseStopwords), stem: portugueseStem, space: "pt"},
}

// plainNorm is the normalization of a language without a stemmer; its
// words share one feature space.
var plainNorm = &langNorm{stop: map[string]struct{}{}, space: "*"}

// normFor returns the normalization of lang, or nil for English.
func normFor(lang string) *langNorm {
	primary, _, _ := strings.Cut(lang, "-")
	if primary == "en" {
		return nil
	}
	if n, ok := norms[primary]; ok {
		return n
	}
	return plainNorm
}

func foldedSet(s string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(s) {
		m[fold(w)] = struct{}{}
	}
	return m
}

// foreignTokens appends the tokens of text, in a language normalized by
// n, to dst. A word the default language's sentences use ("selfie",
// "nfc", "okta") gets the default language's term, so that examples in
// one language help matching in another.
func (ix *Index) foreignTokens(dst []token, text string, n *langNorm) []token {
	words(lower(truncate(text, MaxMessageLen)), func(w string) {
		if isNumber(w) || digitCount(w) >= 3 {
			return
		}
		f := fold(w)
		if _, stop := n.stop[f]; stop {
			dst = append(dst, token{word: w, stem: f, stop: true, space: n.space})
			return
		}
		if st, ok := ix.shared[f]; ok {
			dst = append(dst, token{word: w, stem: st})
			return
		}
		st := f
		if n.stem != nil {
			st = n.stem(f)
		}
		dst = append(dst, token{word: w, stem: st, space: n.space})
	})
	return dst
}

// tokensIn is tokens for text in lang: English text goes through tokens,
// other languages through their normalization and synonyms, without typo
// correction.
func (ix *Index) tokensIn(dst []token, text, lang string, correct bool) []token {
	n := normFor(lang)
	if n == nil {
		return ix.tokens(dst, text, correct)
	}
	start := len(dst)
	dst = ix.foreignTokens(dst, text, n)
	if rules := ix.langSynonyms[lang]; len(rules) > 0 {
		dst = rewriteSynonyms(rules, dst, start)
	}
	return dst
}

// plainTokensIn is plainTokens for text in lang.
func (ix *Index) plainTokensIn(dst []token, text, lang string) []token {
	if n := normFor(lang); n != nil {
		return ix.foreignTokens(dst, text, n)
	}
	return ix.plainTokens(dst, text)
}

// buildShared maps the words of the default language's examples, titles
// and keywords to their terms, for foreignTokens.
func (ix *Index) buildShared(k *Knowledge) {
	ix.shared = map[string]string{}
	var toks []token
	add := func(text string) {
		toks = ix.plainTokensIn(toks[:0], text, k.DefaultLanguage)
		for _, t := range toks {
			if !t.stop {
				if f := fold(t.word); ix.shared[f] == "" {
					ix.shared[strings.Clone(f)] = strings.Clone(t.stem)
				}
			}
		}
	}
	for _, in := range k.Intents {
		for _, ex := range in.Examples {
			if ix.exampleLang(ex) == k.DefaultLanguage {
				add(ex)
			}
		}
		add(in.Title)
		for _, kw := range in.Keywords {
			add(kw)
		}
	}
}

// sortedLangs returns the codes of langs in order.
func sortedLangs(langs map[string]Translation) []string {
	codes := make([]string, 0, len(langs))
	for c := range langs {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}
