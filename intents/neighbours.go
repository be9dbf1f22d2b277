package intents

// neighbours finds the sentences closest to a vector (cosine, as vectors
// are normalized): the intents' examples and the background sentences,
// through an inverted index over their features.
type neighbours struct {
	post  [][]neighbourPosting // feature id -> sentences with it
	class []int32              // sentence -> its class; background is classes
	// classes is the number of classes; the background counts as one more.
	classes int
	// maxPostings: features in more sentences than this are skipped.
	maxPostings int
}

type neighbourPosting struct {
	sentence int32
	val      float32
}

// maxNeighbourPostings is the most sentences a feature may have to count
// in similarities. Commoner features ("<th", "my") weigh little, and
// skipping them keeps a match within microseconds at any folder size.
const maxNeighbourPostings = 64

// newNeighbours indexes the vectors; class[i] is vecs[i]'s class. Features
// in more than maxPostings sentences are not indexed at all: they are never
// looked up. The postings share one array.
func newNeighbours(features, classes int, vecs []sparseVec, class []int32) *neighbours {
	n := &neighbours{post: make([][]neighbourPosting, features), class: class, classes: classes, maxPostings: maxNeighbourPostings}
	count := make([]int32, features)
	for _, v := range vecs {
		for _, id := range v.ids {
			count[id]++
		}
	}
	total := 0
	for _, c := range count {
		if int(c) <= n.maxPostings {
			total += int(c)
		}
	}
	flat := make([]neighbourPosting, 0, total)
	for id, c := range count {
		if int(c) <= n.maxPostings && c > 0 {
			n.post[id] = flat[len(flat) : len(flat) : len(flat)+int(c)]
			flat = flat[:len(flat)+int(c)]
		}
	}
	for s, v := range vecs {
		for j, id := range v.ids {
			if n.post[id] != nil || cap(n.post[id]) > 0 {
				n.post[id] = append(n.post[id], neighbourPosting{sentence: int32(s), val: v.vals[j]})
			}
		}
	}
	return n
}

// nearestScratch is reusable memory for nearest.
type nearestScratch struct {
	acc     []float32
	touched []int32
	best    []float32 // per class (background last): best similarity
	bestS   []int32   // per class: that sentence + 1
	classes []int32
}

// nearest fills s.best and s.bestS with each class's closest sentence to v,
// and s.classes with the classes it found. Sentence skip (when >= 0) is
// left out. Call s.reset after use.
func (n *neighbours) nearest(v sparseVec, s *nearestScratch, skip int32) {
	if len(s.acc) < len(n.class) {
		s.acc = make([]float32, len(n.class))
	}
	if len(s.best) < n.classes+1 {
		s.best = make([]float32, n.classes+1)
		s.bestS = make([]int32, n.classes+1)
	}
	for j, id := range v.ids {
		ps := n.post[id]
		if len(ps) > n.maxPostings {
			continue
		}
		x := v.vals[j]
		for _, p := range ps {
			if s.acc[p.sentence] == 0 {
				s.touched = append(s.touched, p.sentence)
			}
			s.acc[p.sentence] += x * p.val
		}
	}
	for _, t := range s.touched {
		sim := s.acc[t]
		s.acc[t] = 0
		if t == skip {
			continue
		}
		c := n.class[t]
		if s.bestS[c] == 0 {
			s.classes = append(s.classes, c)
		}
		if s.bestS[c] == 0 || sim > s.best[c] {
			s.best[c], s.bestS[c] = sim, t+1
		}
	}
	s.touched = s.touched[:0]
}

// reset clears what nearest left in s.
func (s *nearestScratch) reset() {
	for _, c := range s.classes {
		s.best[c], s.bestS[c] = 0, 0
	}
	s.classes = s.classes[:0]
}

// sim is the similarity of class c's closest sentence found by nearest.
func (s *nearestScratch) sim(c int32) float64 { return float64(s.best[c]) }
