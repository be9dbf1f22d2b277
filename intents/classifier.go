package intents

import (
	"math"
	"math/rand/v2"
	"slices"
)

// classifier is multinomial logistic regression over feature vectors, one
// class per indexed intent (the out-of-scope examples included, as one
// class). Weights exist only for the classes whose sentences have the
// feature, so the model is as sparse as the knowledge.
type classifier struct {
	classes int
	post    [][]classWeight // feature id -> its classes' weights
	bias    []float32
	// expBias is exp(bias) by class, and sumExpBias their sum: the
	// softmax's denominator before any feature is seen.
	expBias    []float64
	sumExpBias float64
}

type classWeight struct {
	class int32
	w     float32
}

// trainParams are the training constants.
type trainParams struct {
	epochs     int
	rate       float64
	l2         float64
	maxSupport int // features used by more classes than this are left out
	seed       uint64
}

var defaultTrainParams = trainParams{epochs: 6, rate: 5, l2: 1e-5, maxSupport: 64, seed: 1}

// minUpdateProb is the probability under which a wrong class's weights
// are not updated for an example.
const minUpdateProb = 1e-3

// example is a training vector with its class.
type example struct {
	v      sparseVec
	class  int32
	weight float64 // of its loss; 1 for the knowledge's sentences
}

// trainClassifier fits a classifier on examples, for features [0, features).
func trainClassifier(classes, features int, examples []example, p trainParams) *classifier {
	c := &classifier{classes: classes, post: make([][]classWeight, features), bias: make([]float32, classes)}
	// Count each feature's classes, then give every kept feature its part
	// of one array. Examples come grouped by class, so a repeat is the
	// last class seen; classes that come back later are removed below.
	count := make([]int32, features)
	last := make([]int32, features)
	for i := range last {
		last[i] = -1
	}
	for _, ex := range examples {
		for _, id := range ex.v.ids {
			if last[id] != ex.class {
				last[id] = ex.class
				count[id]++
			}
		}
	}
	total := 0
	for _, n := range count {
		if int(n) <= p.maxSupport {
			total += int(n)
		}
	}
	flat := make([]classWeight, total)
	for id, n := range count {
		if n > 0 && int(n) <= p.maxSupport {
			c.post[id] = flat[:0:n]
			flat = flat[n:]
		}
		last[id] = -1
	}
	for _, ex := range examples {
		for _, id := range ex.v.ids {
			if last[id] != ex.class {
				last[id] = ex.class
				if cap(c.post[id]) > 0 {
					c.post[id] = append(c.post[id], classWeight{class: ex.class})
				}
			}
		}
	}
	for id, cw := range c.post {
		if !increasing(cw) {
			slices.SortFunc(cw, func(a, b classWeight) int { return int(a.class - b.class) })
			c.post[id] = slices.CompactFunc(cw, func(a, b classWeight) bool { return a.class == b.class })
		}
	}
	c.train(examples, p)
	return c
}

// fewActive is the number of classes to update under which they are
// looked up in each feature's weights instead of scanned for.
const fewActive = 4

// findClass is the index of class k in post, sorted by class, or -1.
func findClass(post []classWeight, k int32) int {
	lo, hi := 0, len(post)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if post[m].class < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(post) && post[lo].class == k {
		return lo
	}
	return -1
}

// increasing reports whether cw's classes are in increasing order, with no
// repeats.
func increasing(cw []classWeight) bool {
	for i := 1; i < len(cw); i++ {
		if cw[i-1].class >= cw[i].class {
			return false
		}
	}
	return true
}

// scores adds to logits (indexed by class; 0 marks an untouched class) the
// score of every class v touches, and appends those classes to touched.
func (c *classifier) scores(v sparseVec, logits []float64, touched []int32) []int32 {
	for j, id := range v.ids {
		x := float64(v.vals[j])
		for _, cw := range c.post[id] {
			if logits[cw.class] == 0 {
				touched = append(touched, cw.class)
				logits[cw.class] = float64(c.bias[cw.class]) + 1e-300
			}
			logits[cw.class] += x * float64(cw.w)
		}
	}
	return touched
}

// train runs stochastic gradient descent on the softmax loss, in an order
// shuffled with a fixed seed: the same examples always give the same model.
func (c *classifier) train(examples []example, p trainParams) {
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(p.seed, p.seed^0x9e3779b97f4a7c15))
	logits := make([]float64, c.classes)
	probs := make([]float64, c.classes)
	c.expBias = make([]float64, c.classes)
	for k, b := range c.bias {
		c.expBias[k] = math.Exp(float64(b))
	}
	var touched, active []int32
	for epoch := 0; epoch < p.epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := p.rate / (1 + float64(epoch))
		c.sumExpBias = 0
		for _, e := range c.expBias {
			c.sumExpBias += e
		}
		for _, s := range order {
			v, y, wt := examples[s].v, examples[s].class, examples[s].weight
			touched = c.scores(v, logits, touched[:0])
			if logits[y] == 0 {
				touched = append(touched, y)
				logits[y] = float64(c.bias[y]) + 1e-300
			}
			c.softmax(touched, logits, probs)
			// Classes whose probability is negligible get no update: after
			// the first epochs that is most of them, and most of the cost.
			active = active[:0]
			for _, k := range touched {
				if k != y && probs[k] < minUpdateProb {
					probs[k] = 0
				} else {
					active = append(active, k)
				}
			}
			// With few classes left to update, each is found in a feature's
			// weights by binary search rather than by reading them all.
			few := len(active) <= fewActive
			for j, id := range v.ids {
				x := float64(v.vals[j])
				post := c.post[id]
				if few && len(post) > 2*fewActive {
					for _, k := range active {
						if i := findClass(post, k); i >= 0 {
							cw := &post[i]
							g := probs[k] * x
							if k == y {
								g -= x
							}
							cw.w -= float32(rate * (wt*g + p.l2*float64(cw.w)))
						}
					}
					continue
				}
				for k := range post {
					cw := &post[k]
					pk := probs[cw.class]
					if pk == 0 && cw.class != y {
						continue
					}
					g := pk * x
					if cw.class == y {
						g -= x
					}
					cw.w -= float32(rate * (wt*g + p.l2*float64(cw.w)))
				}
			}
			for _, k := range touched {
				logits[k] = 0
				g := probs[k]
				if k == y {
					g--
				}
				if g == 0 {
					continue
				}
				c.bias[k] -= float32(rate * 0.1 * wt * g)
				e := math.Exp(float64(c.bias[k]))
				c.sumExpBias += e - c.expBias[k]
				c.expBias[k] = e
			}
		}
	}
}

// negligibleLogit is how far under the best a class's score may be before
// its probability is taken as 0 (e^-16 is about 1e-7).
const negligibleLogit = 16

// softmax sets probs[k] for the touched classes from their logits; the
// classes not touched have their bias alone, and share the rest.
func (c *classifier) softmax(touched []int32, logits, probs []float64) {
	mx := 0.0
	for _, k := range touched {
		mx = max(mx, logits[k])
	}
	scale := math.Exp(-mx)
	rest := c.sumExpBias
	for _, k := range touched {
		rest -= c.expBias[k]
	}
	z := max(rest, 0) * scale
	for _, k := range touched {
		if d := logits[k] - mx; d > -negligibleLogit {
			probs[k] = math.Exp(d)
			z += probs[k]
		} else {
			probs[k] = 0
		}
	}
	for _, k := range touched {
		probs[k] /= z
	}
}

// classProb is a class with its probability.
type classProb struct {
	class int32
	p     float64
}

// predict appends to dst every touched class of v with its probability,
// best first; classes v does not touch share what is left.
func (c *classifier) predict(v sparseVec, logits, probs []float64, touched []int32, dst []classProb) []classProb {
	touched = c.scores(v, logits, touched[:0])
	c.softmax(touched, logits, probs)
	start := len(dst)
	for _, k := range touched {
		dst = append(dst, classProb{class: k, p: probs[k]})
		logits[k] = 0
	}
	slices.SortFunc(dst[start:], func(a, b classProb) int {
		if a.p != b.p {
			if a.p > b.p {
				return -1
			}
			return 1
		}
		return int(a.class - b.class)
	})
	return dst
}

// supports reports whether class c has weight for feature id.
func (c *classifier) supports(id, class int32) bool {
	_, ok := slices.BinarySearchFunc(c.post[id], class, func(w classWeight, k int32) int { return int(w.class - k) })
	return ok
}
