package intents

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
)

// learned is the matcher learned from the knowledge's examples: a
// classifier over the examples' features, their nearest neighbours, and a
// calibrator, fitted on sentences held out in turn, that says how likely
// the best candidate is right. Built-in background sentences, about
// nothing a help desk knows, are one more class (back) that the classifier
// learns, so that everyday words pull a message away from the intents.
type learned struct {
	space   *featureSpace
	clf     *classifier
	near    *neighbours
	cal     calibrator
	intents int   // the knowledge's intents: classes [0, intents)
	outOf   int32 // the out-of-scope examples' class, or -1
	back    int32 // the background's class: the last
	classes int   // every class
	// intentFeature marks the features that some intent's sentence has.
	intentFeature []bool
	text          []string // sentence -> its text
	// base is the number of sentences before those of the other
	// languages' lang: blocks, which come last.
	base int
	// heldOut is, for the intents' sentences held out while calibrating,
	// the intent they matched then (-1 for none).
	heldOut map[heldOutKey]int32
	pool    *sync.Pool
}

// heldOutKey names a sentence of an intent.
type heldOutKey struct {
	class int32
	text  string
}

// sentence is one training sentence: an example, title or keyword of an
// indexed intent, or a background sentence (class -1 until newLearned
// gives it the background's class).
type sentence struct {
	toks  []token
	class int32
	text  string
	// other marks a sentence of a language other than the default, from
	// a lang: block; they come after all the others.
	other bool
}

// learnedScratch is the memory of one match.
type learnedScratch struct {
	logits  []float64
	p       []float64
	touched []int32
	probs   []classProb
	raw     []rawFeature
	vec     sparseVec
	near    nearestScratch
}

// sentences are the examples, titles and keywords of the indexed intents
// and the background sentences, analysed as examples are.
func (ix *Index) sentences(indexed []Intent, background []string) []sentence {
	var out []sentence
	lang := ix.knowledge.DefaultLanguage
	add := func(text string, class int) {
		if toks := ix.tokensIn(nil, text, lang, false); len(toks) > 0 {
			out = append(out, sentence{toks: toks, class: int32(class), text: text})
		}
	}
	for i, in := range indexed {
		for _, ex := range in.Examples {
			add(ex, i)
		}
		add(in.Title, i)
		for _, kw := range in.Keywords {
			add(kw, i)
		}
	}
	lang = DefaultLanguage // the background sentences are English
	// A small folder trains on an even sample of the background, a few
	// times its own size: all of it would cost most of the training and
	// outweigh the folder anyway (its weight is capped, see examples).
	keep := min(len(background), max(minBackground, backgroundPerSentence*len(out)))
	for i := range keep {
		add(background[i*len(background)/keep], -1)
	}
	// The other languages' sentences come last, marked as such: the
	// sentences before them weigh and are held out as in a folder of one
	// language (see examples and calibrate).
	// Each is read both in its language and as the default language
	// reads it, as a message in it is (see matchIn); so is an example in
	// another language written among the default language's.
	base := len(out)
	both := func(text string, class int, in string) {
		lang = in
		add(text, class)
		lang = ix.knowledge.DefaultLanguage
		add(text, class)
	}
	for i, in := range indexed {
		for _, ex := range in.Examples {
			if l := ix.exampleLang(ex); l != ix.knowledge.DefaultLanguage {
				lang = l
				add(ex, i)
			}
		}
		for _, code := range sortedLangs(in.Langs) {
			t := in.Langs[code]
			for _, ex := range t.Examples {
				both(ex, i, code)
			}
			if t.Title != "" {
				both(t.Title, i, code)
			}
			for _, kw := range t.Keywords {
				both(kw, i, code)
			}
		}
	}
	for i := base; i < len(out); i++ {
		out[i].other = true
	}
	return out
}

// minBackground and backgroundPerSentence size the background sample: at
// least minBackground sentences, and up to backgroundPerSentence for each
// of the folder's own.
const minBackground, backgroundPerSentence = 200, 4

// newLearned trains the learned matcher on sents, the sentences of the
// indexed intents: the knowledge's intents (the first intents classes),
// then, when outOf >= 0, the out-of-scope examples; and the background.
func newLearned(sents []sentence, indexed int, outOf int32, p trainParams) *learned {
	l := &learned{intents: indexed, outOf: outOf, back: int32(indexed), classes: indexed + 1}
	p.epochs = epochsFor(p.epochs, len(sents))
	if outOf >= 0 {
		l.intents = int(outOf)
	}
	for i := range sents {
		if sents[i].class < 0 {
			sents[i].class = l.back
		}
	}
	toks := make([][]token, len(sents))
	for i, s := range sents {
		toks[i] = s.toks
	}
	var vecs []sparseVec
	l.space, vecs = newFeatureSpace(toks)
	class := make([]int32, len(sents))
	l.text = make([]string, len(sents))
	l.intentFeature = make([]bool, len(l.space.idf))
	for i, s := range sents {
		class[i] = s.class
		l.text[i] = s.text
		if s.class != l.back {
			for _, id := range vecs[i].ids {
				l.intentFeature[id] = true
			}
		}
	}
	vecs, toks, class, l.text = l.yieldBackground(vecs, toks, class, l.text)
	others := 0
	for _, s := range sents {
		if s.other {
			others++
		}
	}
	l.base = len(vecs) - others
	l.pool = &sync.Pool{New: func() any { return &learnedScratch{logits: make([]float64, l.classes), p: make([]float64, l.classes)} }}
	l.cal = l.calibrate(vecs, toks, class, p)
	l.clf = trainClassifier(l.classes, len(l.space.idf), l.examples(vecs, class, nil), p)
	l.near = newNeighbours(len(l.space.idf), l.classes, vecs, class)
	return l
}

// largeFolder is the number of sentences above which training takes fewer
// passes: with that many examples each pass teaches more, and the build
// must stay within a few seconds.
const largeFolder = 20000

// epochsFor is the number of passes over n sentences: epochs up to
// largeFolder sentences, then fewer, down to 2.
func epochsFor(epochs, n int) int {
	if n <= largeFolder {
		return epochs
	}
	return max(2, int(float64(epochs)*math.Sqrt(largeFolder/float64(n))))
}

// inScope reports whether class c is one of the knowledge's intents.
func (l *learned) inScope(c int32) bool { return int(c) < l.intents }

// backgroundYield is the similarity to an intent's sentence at which a
// background sentence is left out: the knowledge covers what it is about
// (a folder of travel questions keeps its "book a flight" messages).
const backgroundYield = 0.35

// yieldBackground leaves out the background sentences too close to a
// sentence of the knowledge's intents.
func (l *learned) yieldBackground(vecs []sparseVec, toks [][]token, class []int32, text []string) ([]sparseVec, [][]token, []int32, []string) {
	near := newNeighbours(len(l.space.idf), l.classes, vecs, class)
	var s nearestScratch
	out := 0
	for i := range vecs {
		if class[i] == l.back {
			near.nearest(vecs[i], &s, int32(i))
			closest := 0.0
			for _, c := range s.classes {
				if l.inScope(c) {
					closest = max(closest, s.sim(c))
				}
			}
			s.reset()
			if closest >= backgroundYield {
				continue
			}
		}
		vecs[out], toks[out], class[out], text[out] = vecs[i], toks[i], class[i], text[i]
		out++
	}
	return vecs[:out], toks[:out], class[:out], text[:out]
}

// backgroundShare is the most the background weighs in training, as a
// share of the knowledge's sentences: it never outweighs a small folder.
const backgroundShare = 0.5

// maxIntentWeight bounds how much more an intent's sentence weighs in
// training than it would unbalanced.
const maxIntentWeight = 4.0

// examples are the training examples, leaving out the sentences where skip
// is true.
func (l *learned) examples(vecs []sparseVec, class []int32, skip []bool) []example {
	var out []example
	known, back := 0, 0
	for i, c := range class[:l.base] {
		switch {
		case skip != nil && skip[i]:
		case c == l.back:
			back++
		default:
			known++
		}
	}
	backWeight := 1.0
	if back > 0 {
		backWeight = min(1, backgroundShare*float64(known)/float64(back))
	}
	// Each intent weighs the same in training, whatever its number of
	// sentences: an intent with 90 examples does not take a message from
	// one with 40 merely by having more. An intent with very few sentences
	// is weighed up at most maxIntentWeight times, so that one sentence does
	// not swing the model.
	// The other languages' sentences weigh apart: each intent's weigh
	// in all as its default-language ones would, so that adding them
	// changes none of the default language's weights.
	perIntent := make([]int, l.intents)
	perIntentOther := make([]int, l.intents)
	for i, c := range class {
		if (skip == nil || !skip[i]) && int(c) < l.intents {
			if i < l.base {
				perIntent[c]++
			} else {
				perIntentOther[c]++
			}
		}
	}
	inKnown, withSentences := 0, 0
	for _, n := range perIntent {
		inKnown += n
		if n > 0 {
			withSentences++
		}
	}
	mean := float64(inKnown) / float64(max(1, withSentences))
	out = make([]example, 0, known+back)
	for i, v := range vecs {
		if skip != nil && skip[i] {
			continue
		}
		w := 1.0
		switch c := class[i]; {
		case c == l.back:
			w = backWeight
		case i >= l.base && int(c) < l.intents:
			w = min(maxIntentWeight, mean/float64(perIntentOther[c]))
		case int(c) < l.intents:
			w = min(maxIntentWeight, mean/float64(perIntent[c]))
		}
		out = append(out, example{v: v, class: class[i], weight: w})
	}
	return out
}

// calibrationFolds is the number of parts the sentences are held out in,
// in turn, to calibrate.
const calibrationFolds = 3

// maxCalibrationHeldOut is the most sentences held out for calibrating:
// above four times as many sentences, one part of that size is held out
// instead of the folds, so that calibrating costs one training, not three.
const maxCalibrationHeldOut = 1500

// calibrate holds out parts of the sentences in turn, trains on the rest,
// and fits the calibrator on how the held-out sentences were matched.
func (l *learned) calibrate(vecs []sparseVec, toks [][]token, class []int32, p trainParams) calibrator {
	n := len(vecs)
	folds := calibrationFolds
	fold := make([]int, n)
	// The folds of the sentences before the other languages' are those of
	// a folder of one language; the other languages' are spread apart.
	order := rand.New(rand.NewPCG(p.seed, 7)).Perm(l.base)
	for i, s := range order {
		fold[s] = i % folds
	}
	others := rand.New(rand.NewPCG(p.seed, 11)).Perm(n - l.base)
	for i, s := range others {
		fold[l.base+s] = i % folds
	}
	if l.base > folds*maxCalibrationHeldOut {
		folds = 1
		for i, s := range order {
			fold[s] = 1
			if i < maxCalibrationHeldOut {
				fold[s] = 0
			}
		}
		for i, s := range others {
			fold[l.base+s] = 1
			if i < maxCalibrationHeldOut*(n-l.base)/n {
				fold[l.base+s] = 0
			}
		}
	}
	// The intents' sentences weigh 1 each. The out-of-scope examples, the
	// look-alikes an admin wrote, weigh a quarter of them in all, and the
	// background sentences another quarter, whatever their numbers.
	var inScope, outScope, back float64
	for _, c := range class[:l.base] {
		switch {
		case c == l.outOf:
			outScope++
		case c == l.back:
			back++
		default:
			inScope++
		}
	}
	weightOf := func(c int32) float64 {
		switch {
		case c == l.outOf:
			return 0.25 * inScope / outScope
		case c == l.back:
			return 0.25 * inScope / back
		}
		return 1
	}
	// With one large part held out, the model that matches it trains in a
	// third of the passes (two at least): calibrating then costs a third of
	// a training, and BANKING77's 10,000 sentences build in under a second.
	trialParams := p
	if folds == 1 {
		trialParams.epochs = max(2, p.epochs/3)
	}
	var points []calibrationPoint
	l.heldOut = map[heldOutKey]int32{}
	s := &learnedScratch{logits: make([]float64, l.classes), p: make([]float64, l.classes)}
	var raw []rawFeature
	for f := range folds {
		skip := make([]bool, n)
		var kept []sparseVec
		var keptClass []int32
		for i := range n {
			skip[i] = fold[i] == f
			if !skip[i] {
				kept = append(kept, vecs[i])
				keptClass = append(keptClass, class[i])
			}
		}
		// A held-out sentence is matched as a message would be: its words
		// that no training sentence of the fold has are unknown.
		known := make([]bool, len(l.space.idf))
		trial := *l
		trial.intentFeature = make([]bool, len(l.space.idf))
		for i := range n {
			if skip[i] {
				continue
			}
			for _, id := range vecs[i].ids {
				known[id] = true
				if class[i] != l.back {
					trial.intentFeature[id] = true
				}
			}
		}
		trial.clf = trainClassifier(l.classes, len(l.space.idf), l.examples(vecs, class, skip), trialParams)
		trial.near = newNeighbours(len(l.space.idf), l.classes, kept, keptClass)
		for i := range n {
			if !skip[i] {
				continue
			}
			var ids []int32
			ids, raw = l.space.sentenceIDs(toks[i], raw)
			top, e := trial.evidence(l.space.weighAsNew(ids, known), s)
			if l.inScope(class[i]) {
				got := top
				if e.pOut >= e.p1 {
					got = -1
				}
				l.heldOut[heldOutKey{class[i], l.text[i]}] = got
			}
			points = append(points, calibrationPoint{e: e, weight: weightOf(class[i]), right: l.inScope(class[i]) && top == class[i]})
		}
	}
	return fitCalibrator(points, 5)
}

// heldOutMatch is the intent example text of intent class matched while
// held out from training, and whether it was held out.
func (l *learned) heldOutMatch(class int, text string) (int32, bool) {
	got, ok := l.heldOut[heldOutKey{int32(class), text}]
	return got, ok
}

// evidence classifies v and returns its best intent (-1 if none) and the
// evidence for it. s.probs holds the classes' probabilities, best first,
// and s.near the nearest sentences, until the next call.
func (l *learned) evidence(v sparseVec, s *learnedScratch) (int32, evidence) {
	s.near.reset()
	s.probs = l.clf.predict(v, s.logits, s.p, s.touched, s.probs[:0])
	var e evidence
	top := int32(-1)
	for _, cp := range s.probs {
		switch {
		case cp.class == l.outOf:
			e.pOut = cp.p
		case cp.class == l.back:
			e.pBack = cp.p
		case top < 0:
			top, e.p1 = cp.class, cp.p
		case e.p2 == 0:
			e.p2 = cp.p
		}
	}
	l.near.nearest(v, &s.near, -1)
	if top >= 0 {
		e.sim = s.near.sim(top)
	}
	e.simBack = s.near.sim(l.back)
	if l.outOf >= 0 {
		e.simOut = s.near.sim(l.outOf)
	}
	for j, id := range v.ids {
		if l.space.kind[id] == kindChar {
			continue
		}
		x2 := 2 * float64(v.vals[j]) * float64(v.vals[j])
		if l.intentFeature[id] {
			e.coverage += x2
		}
		if top >= 0 && l.clf.supports(id, top) {
			e.explained += x2
		}
	}
	return top, e
}

// match ranks the intents for toks: candidates best first, with the
// calibrated confidence of the best and the others in proportion, and the
// confidence of the out-of-scope examples on the same scale.
func (l *learned) match(ix *Index, toks []token) (cands []Candidate, outOfScope float64) {
	if !slices.ContainsFunc(toks, func(t token) bool { return !t.stop || isSocial(t) }) {
		return nil, 0 // only stopwords ("help", "and the of it"): nothing to match
	}
	s := l.pool.Get().(*learnedScratch)
	defer l.pool.Put(s)
	s.vec, s.raw = l.space.vectorizeInto(s.vec, toks, s.raw)
	top, e := l.evidence(s.vec, s)
	if top < 0 {
		return nil, 0
	}
	conf := l.cal.confidence(e)
	cands = make([]Candidate, 0, MaxCandidates)
	ps := make([]float64, 0, MaxCandidates+1) // the candidates' probabilities, and the next one's
	for _, cp := range s.probs {
		if cp.class == l.outOf {
			outOfScope = conf * cp.p / e.p1
			continue
		}
		if !l.inScope(cp.class) {
			continue
		}
		if len(cands) == MaxCandidates {
			ps = append(ps, cp.p)
			break
		}
		c := Candidate{intent: int(cp.class), ID: ix.knowledge.Intents[cp.class].ID, Confidence: conf * cp.p / e.p1}
		if bs := s.near.bestS[cp.class]; bs > 0 {
			c.Example = l.text[bs-1]
		}
		cands = append(cands, c)
		ps = append(ps, cp.p)
	}
	// Among: the evidence for "one of the first k", as if they were one
	// intent: their probabilities summed, the closest example of any, the
	// next candidate as the runner-up.
	group := e
	among := conf
	for k := range cands {
		if k > 0 {
			group.p1 += ps[k]
			group.p2 = 0
			if k+1 < len(ps) {
				group.p2 = ps[k+1]
			}
			group.sim = max(group.sim, s.near.sim(int32(cands[k].intent)))
			among = max(among, l.cal.confidence(group))
		}
		cands[k].Among = among
	}
	return cands, outOfScope
}

// isSocial reports whether t is a greeting, a thanks or an acknowledgement.
func isSocial(t token) bool {
	_, ok := socialWords[t.word]
	return ok
}

// withoutSocial returns toks without greetings and thanks, or nil when
// nothing else is left or there were none.
func withoutSocial(toks []token) []token {
	social, other := false, false
	for _, t := range toks {
		if isSocial(t) {
			social = true
		} else if !t.stop {
			other = true
		}
	}
	if !social || !other {
		return nil
	}
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if !isSocial(t) {
			out = append(out, t)
		}
	}
	return out
}
