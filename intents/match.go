package intents

import (
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
}

// MaxCandidates is the most candidates a Match reports.
const MaxCandidates = 5

// Scoring constants. A message's terms are weighted by how rare they are
// among intents (idf). An intent's confidence is the weight of the terms it
// uses, scaled by their strength in it, over the weight of the whole message:
// terms of other intents count for otherIntentShare, unknown words count
// fully up to a point, and prior keeps a single weak word from being certain.
const (
	otherIntentShare = 0.5
	typoDiscount     = 0.85
	prior            = 1.0
)

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
}

type scratchPool struct{ p *sync.Pool }

func newScratchPool(intents int) scratchPool {
	return scratchPool{p: &sync.Pool{New: func() any {
		return &scratch{score: make([]float32, intents), present: make([]float32, intents)}
	}}}
}

// Match ranks the intents for a message. Only the first MaxMessageLen bytes
// of the message are read.
func (ix *Index) Match(message string) Match {
	s := ix.pool.p.Get().(*scratch)
	defer ix.pool.p.Put(s)
	ix.analyse(&s.q, message)

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
	m.Candidates = ix.rank(s, nil)
	return m
}

// analyse fills q with the distinct known terms of message and the count of
// unknown words.
func (ix *Index) analyse(q *query, message string) {
	q.toks = ix.tokens(q.toks[:0], message, true)
	q.known = q.known[:0]
	q.unknown = 0
	for _, t := range q.toks {
		if t.stop {
			continue
		}
		id, ok := ix.terms[t.stem]
		if !ok {
			q.unknown++
			continue
		}
		f := float32(1)
		if t.typo {
			f = typoDiscount
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
}

// rank scores every intent that shares a term with the query and returns the
// best candidates, appended to dst.
func (ix *Index) rank(s *scratch, dst []Candidate) []Candidate {
	var total float32
	for _, h := range s.q.known {
		w := ix.idf[h.term]
		total += w
		for _, p := range ix.postings[h.term] {
			if s.present[p.intent] == 0 && s.score[p.intent] == 0 {
				s.touched = append(s.touched, p.intent)
			}
			s.score[p.intent] += w * p.strength * h.factor
			s.present[p.intent] += w
		}
	}
	unknown := ix.unknownWeight * float32(s.q.unknown)

	start := len(dst)
	for _, i := range s.touched {
		if s.score[i] > 0 {
			denom := s.present[i] + otherIntentShare*(total-s.present[i]) + unknown + prior
			c := Candidate{Intent: int(i), Confidence: float64(s.score[i] / denom)}
			dst = insertCandidate(dst, start, c)
		}
		s.score[i], s.present[i] = 0, 0
	}
	s.touched = s.touched[:0]
	for j := start; j < len(dst); j++ {
		dst[j].ID = ix.knowledge.Intents[dst[j].Intent].ID
	}
	return dst
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
