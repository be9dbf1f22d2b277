package intents

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// A folder in several languages tells the language of a message with a
// character n-gram model trained on the folder's own text in each
// language: its examples, titles, keywords and answers, and the special
// files. It knows only the folder's languages, so it never answers a
// language the folder cannot reply in, and it needs no data of its own.

// langGramMax is the longest character n-gram the model counts: words
// padded with a space on each side give their 1- to 3-grams.
const langGramMax = 3

// langSmoothing is the count added to every n-gram of every language
// (additive smoothing), so that an n-gram one language never wrote costs
// it a finite amount.
const langSmoothing = 0.5

// langModel is a naive Bayes classifier over character n-grams.
type langModel struct {
	langs []string
	// grams maps an n-gram's FNV-1a hash to its id: a 64-bit key looks
	// up faster than the n-gram's bytes, and two of the few thousand
	// n-grams of a folder sharing a hash is vanishingly unlikely.
	grams map[uint64]int32
	// logp is, by n-gram id and then language (logp[id*len(langs)+i]),
	// the log probability of the n-gram in the language, so that one
	// n-gram's figures for every language are adjacent; unseen is that of
	// an n-gram the folder never wrote.
	logp   []float32
	unseen []float32
	// words are, by language, the words its text has: another language
	// than the default is only told by a message with one of its words.
	words []map[string]struct{}
}

// newLangModel trains the model on text, by language; langs gives their
// order, the default language first.
func newLangModel(langs []string, text map[string][]string) *langModel {
	m := &langModel{langs: langs, grams: map[uint64]int32{}}
	counts := make([]map[int32]float64, len(langs))
	totals := make([]float64, len(langs))
	m.words = make([]map[string]struct{}, len(langs))
	for i, lang := range langs {
		counts[i] = map[int32]float64{}
		m.words[i] = map[string]struct{}{}
		for _, t := range text[lang] {
			words(lower(t), func(w string) {
				if !isNumber(w) {
					m.words[i][w] = struct{}{}
				}
			})
			eachGram(t, func(g []byte) {
				h := gramHash(g)
				id, ok := m.grams[h]
				if !ok {
					id = int32(len(m.grams))
					m.grams[h] = id
				}
				counts[i][id]++
				totals[i]++
			})
		}
	}
	v := float64(len(m.grams))
	nl := len(langs)
	m.logp = make([]float32, len(m.grams)*nl)
	m.unseen = make([]float32, nl)
	for i := range langs {
		denom := totals[i] + langSmoothing*v
		m.unseen[i] = float32(math.Log(langSmoothing / denom))
		for id := range len(m.grams) {
			m.logp[id*nl+i] = float32(math.Log((counts[i][int32(id)] + langSmoothing) / denom))
		}
	}
	return m
}

// detect returns the most likely language of text, and whether text had
// any letters to tell by; without them it returns the first language.
func (m *langModel) detect(text string) (string, bool) {
	var small [8]float64
	score := small[:0]
	if len(m.langs) > len(small) {
		score = make([]float64, 0, len(m.langs))
	}
	score = score[:len(m.langs)]
	n, known := 0, 0
	eachGram(text, func(g []byte) {
		n++
		id, ok := m.grams[gramHash(g)]
		if !ok {
			for i := range score {
				score[i] += float64(m.unseen[i])
			}
			return
		}
		known++
		lp := m.logp[int(id)*len(score):][:len(score)]
		for i := range score {
			score[i] += float64(lp[i])
		}
	})
	if n == 0 || 2*known < n {
		// No letters, or mostly n-grams the folder never wrote: nothing
		// to tell another language by.
		return m.langs[0], false
	}
	best := 0
	for i := range score {
		if score[i] > score[best] {
			best = i
		}
	}
	if best != 0 && !m.hasWord(best, text) {
		// Letters that look like a language but no word of it ("zzzz
		// qqqq xxxx").
		return m.langs[0], true
	}
	return m.langs[best], true
}

// hasWord reports whether text has a word of language i's text.
func (m *langModel) hasWord(i int, text string) bool {
	found := false
	words(lower(truncate(text, MaxMessageLen)), func(w string) {
		if _, ok := m.words[i][w]; ok {
			found = true
		}
	})
	return found
}

// gramHash is the FNV-1a hash of an n-gram's bytes.
func gramHash(g []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range g {
		h = fnvByte(h, c)
	}
	return h
}

// eachGram calls f with the character 1- to langGramMax-grams of every
// word of text, lowered, each word padded with a space on both sides;
// digits and punctuation are not part of words. The bytes passed to f are
// only valid during the call.
func eachGram(text string, f func([]byte)) {
	var buf [64]byte
	var word []byte
	flush := func() {
		// Rune boundaries of word, which starts and ends with a space.
		var starts [66]int
		nr := 0
		for i := 0; i < len(word) && nr < len(starts)-1; {
			starts[nr] = i
			nr++
			_, size := utf8.DecodeRune(word[i:])
			i += size
		}
		starts[nr] = len(word)
		for n := 1; n <= langGramMax; n++ {
			for i := 0; i+n <= nr; i++ {
				g := word[starts[i]:starts[i+n]]
				if n == 1 && g[0] == ' ' {
					continue
				}
				f(g)
			}
		}
		word = word[:0]
	}
	word = buf[:0]
	word = append(word, ' ')
	for _, r := range truncate(text, MaxMessageLen) {
		if unicode.IsLetter(r) || isApostrophe(r) && len(word) > 1 {
			if len(word) >= len(buf)-utf8.UTFMax-1 {
				continue // an overlong word: its start says enough
			}
			word = utf8.AppendRune(word, unicode.ToLower(r))
			continue
		}
		if len(word) > 1 {
			word = append(word, ' ')
			flush()
			word = append(word, ' ')
		}
	}
	if len(word) > 1 {
		word = append(word, ' ')
		flush()
	}
}

// languageText collects the folder's text by language, for the model.
func languageText(k *Knowledge) map[string][]string {
	text := map[string][]string{}
	def := k.DefaultLanguage
	add := func(lang string, ss ...string) { text[lang] = append(text[lang], ss...) }
	intents := slices.Clip(k.Intents)
	if k.OutOfScope != nil {
		intents = append(intents, *k.OutOfScope)
	}
	for _, in := range intents {
		add(def, in.Examples...)
		add(def, in.Title, in.Answer)
		add(def, in.Keywords...)
		for lang, t := range in.Langs {
			add(lang, t.Examples...)
			add(lang, t.Title, t.Answer)
			add(lang, t.Keywords...)
		}
	}
	add(def, k.Guidance, k.GuidanceShort, k.Fallback, k.Clarify)
	for lang, t := range k.Texts {
		add(lang, t.Guidance, t.GuidanceShort, t.Fallback, t.Clarify, t.Note)
	}
	return text
}
