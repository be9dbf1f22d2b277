package intents

import (
	"math"
	"slices"
	"sync"
)

// Candidate is an intent that may answer a message.
type Candidate struct {
	// Intent is the intent's position in Knowledge.Intents.
	Intent int
	// ID is the intent's id.
	ID string
	// Confidence in [0, 1]: how much of the message this intent explains.
	Confidence float64
	// Example is the intent's example closest to the message.
	Example string
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

// MaxCandidates is the most candidates a Match reports.
const MaxCandidates = 5

// scoring holds the constants of the confidence formula. A message's terms
// are weighted by how rare they are among intents (idf). An intent's
// confidence is the weight of the terms it uses, scaled by their strength in
// it, over the weight of the whole message, where:
//   - terms that only other intents use count for otherIntents of their weight;
//   - the n words the knowledge never uses weigh unknown * n^unknownPower times
//     the weight of a word rarer than any the knowledge uses,
//     so a few stray words in a long message hurt less than one in a short one;
//   - prior is added so that one weak word is never a certain match;
//   - a term reached by correcting a typo counts for typo of its weight.
//
// The same ratio is also taken against each example alone, where the
// example's own terms missing from the message count for exampleMissing of
// their weight; an intent's confidence is the better of the two, so a message
// close to one example matches it even when the intent's other examples
// pull elsewhere.
type scoring struct {
	otherIntents   float32
	unknown        float32
	unknownPower   float64
	prior          float32
	typo           float32
	exampleMissing float32
}

var defaultScoring = scoring{
	otherIntents:   0.9,
	unknown:        0.7,
	unknownPower:   0.75,
	prior:          2,
	typo:           0.85,
	exampleMissing: 1,
}

// query is a message's analysed terms.
type query struct {
	toks    []token
	known   []termHit
	unknown int
}

type termHit struct {
	term   int32
	factor float32
}

type scratch struct {
	q       query
	score   []float32 // per intent: weight of matched terms times strength
	present []float32 // per intent: weight of matched terms
	touched []int32
	// Per example: weight of matched terms, with and without typo factors.
	exScore, exPresent []float32
	exTouched          []int32
	// Per intent: the best example's confidence, and which it is (+1, so
	// that 0 means none).
	exBest  []float32
	exBestE []int32
}

type scratchPool struct{ p *sync.Pool }

func newScratchPool(intents, examples int) scratchPool {
	return scratchPool{p: &sync.Pool{New: func() any {
		return &scratch{
			score: make([]float32, intents), present: make([]float32, intents),
			exBest: make([]float32, intents), exBestE: make([]int32, intents),
			exScore: make([]float32, examples), exPresent: make([]float32, examples),
		}
	}}}
}

// Match ranks the intents for a message. Only the first MaxMessageLen bytes
// of the message are read.
//
// Greetings and thanks in a message with other words ("hi, my nfc won't
// read") are matched both without and with them, and the reading whose best
// candidate is surer wins: the question when there is one, the small talk
// when the rest says little ("that worked, thanks").
func (ix *Index) Match(message string) Match {
	s := ix.pool.p.Get().(*scratch)
	defer ix.pool.p.Put(s)
	q := &s.q
	q.toks = ix.tokens(q.toks[:0], message, true)
	dropped := ix.analyse(q, true)
	m := ix.matchQuery(s)
	if dropped {
		ix.analyse(q, false)
		if with := ix.matchQuery(s); top(with) > top(m) {
			m = with
		}
	}
	return m
}

// top is the confidence of m's best candidate, or 0.
func top(m Match) float64 {
	if len(m.Candidates) == 0 {
		return 0
	}
	return m.Candidates[0].Confidence
}

// matchQuery ranks the analysed query in s.
func (ix *Index) matchQuery(s *scratch) Match {
	var m Match
	for _, h := range s.q.known {
		m.Terms = append(m.Terms, ix.vocab[h.term])
	}
	for _, t := range s.q.toks {
		if !t.stop {
			if _, ok := ix.terms[t.stem]; !ok {
				m.Unknown = append(m.Unknown, t.word)
			}
		}
	}
	m.Candidates, m.OutOfScope = ix.rank(s, nil)
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
		f := float32(1)
		if t.typo {
			f = ix.scoring.typo
		}
		dup := false
		for j := range q.known {
			if q.known[j].term == id {
				q.known[j].factor = max(q.known[j].factor, f)
				dup = true
				break
			}
		}
		if !dup {
			q.known = append(q.known, termHit{term: id, factor: f})
		}
	}
	return dropped
}

// rank scores every intent that shares a term with the query and returns the
// best candidates, appended to dst, and the out-of-scope confidence.
func (ix *Index) rank(s *scratch, dst []Candidate) ([]Candidate, float64) {
	// Rare terms first: they find the candidates. Terms so common that their
	// postings are long only add to candidates already found, looked up in
	// each candidate's own sorted terms, so a message with a word used by
	// thousands of intents does not visit them all. An intent or example
	// sharing only such common words with the message is not a candidate:
	// their low weight could not make it a good one.
	slices.SortFunc(s.q.known, func(a, b termHit) int {
		if la, lb := len(ix.postings[a.term]), len(ix.postings[b.term]); la != lb {
			return la - lb
		}
		return int(a.term - b.term)
	})
	var total float32
	for _, h := range s.q.known {
		w := ix.idf[h.term]
		total += w
		if len(ix.postings[h.term]) > longPostings && len(s.touched) > 0 {
			ix.addToCandidates(s, h, w)
			continue
		}
		for _, p := range ix.postings[h.term] {
			if s.present[p.intent] == 0 && s.score[p.intent] == 0 {
				s.touched = append(s.touched, p.intent)
			}
			s.score[p.intent] += w * p.strength * h.factor
			s.present[p.intent] += w
		}
		for _, e := range ix.examplePostings[h.term] {
			if s.exPresent[e] == 0 {
				s.exTouched = append(s.exTouched, e)
			}
			s.exScore[e] += w * h.factor
			s.exPresent[e] += w
		}
	}
	sc := ix.scoring
	var unknown float32
	if s.q.unknown > 0 {
		unknown = sc.unknown * ix.unknownWeight * float32(math.Pow(float64(s.q.unknown), sc.unknownPower))
	}

	for _, e := range s.exTouched {
		denom := total + unknown + sc.exampleMissing*(ix.exampleWeight[e]-s.exPresent[e]) + sc.prior
		i := ix.exampleIntent[e]
		if c := s.exScore[e] / denom; c > s.exBest[i] || s.exBestE[i] == 0 {
			s.exBest[i], s.exBestE[i] = c, e+1
		}
		s.exScore[e], s.exPresent[e] = 0, 0
	}
	s.exTouched = s.exTouched[:0]

	start := len(dst)
	var outOfScope float64
	for _, i := range s.touched {
		if s.score[i] > 0 {
			denom := s.present[i] + sc.otherIntents*(total-s.present[i]) + unknown + sc.prior
			conf := float64(max(s.score[i]/denom, s.exBest[i]))
			if i == ix.outOfScope {
				outOfScope = conf
			} else {
				c := Candidate{Intent: int(i), Confidence: conf}
				if e := s.exBestE[i]; e > 0 {
					c.Example = ix.exampleText[e-1]
				}
				dst = insertCandidate(dst, start, c)
			}
		}
		s.score[i], s.present[i], s.exBest[i], s.exBestE[i] = 0, 0, 0, 0
	}
	s.touched = s.touched[:0]
	for j := start; j < len(dst); j++ {
		dst[j].ID = ix.knowledge.Intents[dst[j].Intent].ID
	}
	return dst, outOfScope
}

// longPostings is the length above which a term's postings are not walked
// once the message's rarer terms have found candidates.
const longPostings = 256

// addToCandidates adds a common term to the intents and examples already
// touched that use it.
func (ix *Index) addToCandidates(s *scratch, h termHit, w float32) {
	for _, i := range s.touched {
		terms := ix.intentTerms[i]
		if j, ok := slices.BinarySearchFunc(terms, h.term, func(t termStrength, id int32) int { return int(t.term - id) }); ok {
			s.score[i] += w * terms[j].strength * h.factor
			s.present[i] += w
		}
	}
	for _, e := range s.exTouched {
		if _, ok := slices.BinarySearch(ix.exampleTerms[e], h.term); ok {
			s.exScore[e] += w * h.factor
			s.exPresent[e] += w
		}
	}
}

// insertCandidate keeps dst[start:] sorted best first and at most
// MaxCandidates long. Ties go to the intent that comes first in the folder.
func insertCandidate(dst []Candidate, start int, c Candidate) []Candidate {
	top := dst[start:]
	pos := len(top)
	for pos > 0 && better(c, top[pos-1]) {
		pos--
	}
	if pos >= MaxCandidates {
		return dst
	}
	if len(top) < MaxCandidates {
		dst = append(dst, Candidate{})
		top = dst[start:]
	}
	copy(top[pos+1:], top[pos:len(top)-1])
	top[pos] = c
	return dst
}

func better(a, b Candidate) bool {
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	return a.Intent < b.Intent
}
