package intents

import (
	"slices"
	"sync"
)

// Candidate is an intent that may answer a message, named by its id, as
// bot.Candidate names it.
type Candidate struct {
	// ID is the intent's id.
	ID string
	// Confidence in [0, 1]: the calibrated probability that this intent is
	// the right one (for the best candidate; the others in proportion to
	// the classifier's probabilities).
	Confidence float64
	// Among is the calibrated probability that the right intent is this
	// candidate or one ranked above it: what offering them all as choices
	// is worth.
	Among float64
	// Example is the intent's example closest to the message.
	Example string
	// intent is the intent's position in Knowledge.Intents.
	intent int
}

// Match is the outcome of matching one message.
type Match struct {
	// Candidates ranked by confidence, best first; at most MaxCandidates.
	Candidates []Candidate
	// Terms are the message's words the knowledge knows, after stemming,
	// typo correction and synonyms.
	Terms []string
	// Unknown are the message's words the knowledge never uses.
	Unknown []string
	// OutOfScope is the confidence that the message is one of the knowledge's
	// out-of-scope examples (_out-of-scope.md); 0 when there are none.
	OutOfScope float64
}

// unsureBelow is the confidence under which Match also reads the
// sentences of a long message alone.
const unsureBelow = 0.5

// MaxCandidates is the most candidates a Match reports.
const MaxCandidates = 5

// query is a message's analysed terms.
type query struct {
	toks    []token
	known   []int32 // distinct known terms
	unknown int
}

type scratch struct {
	q query
}

type scratchPool struct{ p *sync.Pool }

func newScratchPool() scratchPool {
	return scratchPool{p: &sync.Pool{New: func() any { return &scratch{} }}}
}

// Match ranks the intents for a message. Only the first MaxMessageLen bytes
// of the message are read. In a folder of several languages, the message
// is read in the language Language tells.
//
// Greetings and thanks in a message with other words ("hi, my nfc won't
// read") are matched both without and with them, and the reading whose best
// candidate is surer wins: the question when there is one, the small talk
// when the rest says little ("that worked, thanks").
func (ix *Index) Match(message string) Match {
	return ix.matchIn(message, "")
}

// matchIn is Match for a message in lang; "" is the language Language
// tells, which for a folder in one language is its default.
func (ix *Index) matchIn(message, lang string) Match {
	if lang == "" || !slices.Contains(ix.knowledge.Languages, lang) {
		lang = ix.knowledge.DefaultLanguage
		if ix.langs != nil {
			lang = ix.Language(message)
		}
	}
	m := ix.read(message, lang)
	if def := ix.knowledge.DefaultLanguage; lang != def {
		// Read as the default language reads it too, as every sentence
		// of lang was trained (see sentences): its examples written among
		// the default language's, and its words the default language
		// shares, may match better so. The surer reading wins.
		if d := ix.read(message, def); len(d.Candidates) > 0 &&
			(len(m.Candidates) == 0 || d.Candidates[0].Confidence > m.Candidates[0].Confidence) {
			m = d
		}
	}
	return m
}

// read is Match for a message read in lang's words.
func (ix *Index) read(message, lang string) Match {
	s := ix.pool.p.Get().(*scratch)
	defer ix.pool.p.Put(s)
	q := &s.q
	q.toks = ix.tokensIn(q.toks[:0], message, lang, true)
	var m Match
	ix.analyse(q, true)
	for _, id := range q.known {
		m.Terms = append(m.Terms, ix.vocab[id])
	}
	for _, t := range q.toks {
		if !t.stop {
			if _, ok := ix.terms[t.stem]; !ok {
				m.Unknown = append(m.Unknown, t.word)
			}
		}
	}
	m.Candidates, m.OutOfScope = ix.learned.match(ix, q.toks)
	surer := func(toks []token) {
		if c, o := ix.learned.match(ix, toks); len(c) > 0 && (len(m.Candidates) == 0 || c[0].Confidence > m.Candidates[0].Confidence) {
			m.Candidates, m.OutOfScope = c, o
		}
	}
	if rest := withoutSocial(q.toks); rest != nil {
		surer(rest)
	}
	// The sentences of a long message are read alone only when the whole
	// is unsure: a sure reading of the whole is not second-guessed.
	var segs []string
	if len(m.Candidates) == 0 || m.Candidates[0].Confidence < unsureBelow {
		segs = segments(truncate(message, MaxMessageLen))
	}
	// The surest of many readings is sure by chance more often than one
	// reading is: a sentence's reading counts only when it is sure, and
	// never for small talk ("hope you're well" around a question about
	// something else is not the message's point).
	for _, seg := range segs {
		q.toks = ix.tokensIn(q.toks[:0], seg, lang, true)
		if rest := withoutSocial(q.toks); rest != nil {
			q.toks = rest
		}
		if c, o := ix.learned.match(ix, q.toks); len(c) > 0 && c[0].Confidence >= unsureBelow &&
			!ix.smallTalk[c[0].intent] &&
			(len(m.Candidates) == 0 || c[0].Confidence > m.Candidates[0].Confidence) {
			m.Candidates, m.OutOfScope = c, o
		}
	}
	return m
}

// analyse fills q with the distinct known terms of q.toks and the count of
// unknown words. With dropSocial, greetings and thanks are left out when
// the message has other words; it reports whether any were.
func (ix *Index) analyse(q *query, dropSocial bool) (dropped bool) {
	q.known = q.known[:0]
	q.unknown = 0
	if dropSocial {
		dropSocial = false
		for _, t := range q.toks {
			if _, social := socialWords[t.word]; !t.stop && !social {
				dropSocial = true
				break
			}
		}
	}
	for _, t := range q.toks {
		if t.stop {
			continue
		}
		if _, social := socialWords[t.word]; social && dropSocial {
			dropped = true
			continue
		}
		id, ok := ix.terms[t.stem]
		if !ok {
			q.unknown++
			continue
		}
		if !slices.Contains(q.known, id) {
			q.known = append(q.known, id)
		}
	}
	return dropped
}
