package intents

import (
	"math"
	"slices"
)

// featureSpace maps the hashed features of sentences (see features.go) to
// ids with their idf weights, learned from the knowledge's sentences.
type featureSpace struct {
	feat map[uint64]int32 // feature hash -> feature id
	idf  []float32
	kind []byte // kindWord, kindBigram or kindChar
	// unseenIDF is the weight of a feature no sentence has: it dilutes the
	// message's known features.
	unseenIDF float32
}

// sparseVec is a tf-idf vector, normalized so that its words and its
// character n-grams weigh the same, with ids in increasing order.
type sparseVec struct {
	ids  []int32
	vals []float32
}

// newFeatureSpace collects the features of sentences, and returns with it
// each sentence's vector.
func newFeatureSpace(sentences [][]token) (*featureSpace, []sparseVec) {
	fs := &featureSpace{feat: map[uint64]int32{}}
	var df []int
	var raw []rawFeature
	vecs := make([]sparseVec, len(sentences))
	for i, toks := range sentences {
		raw = appendFeatures(raw[:0], toks)
		sids := make([]int32, 0, len(raw))
		for _, r := range raw {
			id, ok := fs.feat[r.hash]
			if !ok {
				id = int32(len(df))
				fs.feat[r.hash] = id
				df = append(df, 0)
				fs.kind = append(fs.kind, r.kind)
			}
			sids = append(sids, id)
		}
		slices.Sort(sids)
		for j, id := range sids {
			if j == 0 || sids[j-1] != id {
				df[id]++
			}
		}
		vecs[i].ids = sids
	}
	n := float64(len(sentences))
	fs.idf = make([]float32, len(df))
	for id, d := range df {
		fs.idf[id] = float32(math.Log((1+n)/(1+float64(d))) + 1)
	}
	fs.unseenIDF = float32(math.Log(1+n) + 1)
	for i := range vecs {
		vecs[i] = fs.weigh(vecs[i], 0, 0)
	}
	return fs, vecs
}

// sentenceIDs is the sorted ids of the features of toks, a sentence the
// space was built from, repeats included.
func (fs *featureSpace) sentenceIDs(toks []token, raw []rawFeature) ([]int32, []rawFeature) {
	raw = appendFeatures(raw[:0], toks)
	ids := make([]int32, 0, len(raw))
	for _, r := range raw {
		if id, ok := fs.feat[r.hash]; ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, raw
}

// weighAsNew is sentence ids' vector as a message would have it if only
// the features marked known existed: the others count as never seen.
func (fs *featureSpace) weighAsNew(ids []int32, known []bool) sparseVec {
	var unseenWord, unseenChar float64
	kept := make([]int32, 0, len(ids))
	for _, id := range ids {
		if known[id] {
			kept = append(kept, id)
			continue
		}
		switch fs.kind[id] {
		case kindChar:
			unseenChar++
		case kindWord:
			unseenWord++
		}
	}
	return fs.weigh(sparseVec{ids: kept}, unseenWord, unseenChar)
}

// vectorizeInto turns a message's tokens into a vector over the space's
// features, reusing v's memory. Features never seen count towards the norm
// with unseenIDF (word pairs excepted: new pairs of known words are too
// common to mean anything), so a message of mostly unknown words has weak
// known features.
func (fs *featureSpace) vectorizeInto(v sparseVec, toks []token, raw []rawFeature) (sparseVec, []rawFeature) {
	raw = appendFeatures(raw[:0], toks)
	if v.ids == nil {
		v.ids = make([]int32, 0, len(raw))
	}
	v.ids = v.ids[:0]
	var unseenWord, unseenChar float64
	for _, r := range raw {
		id, ok := fs.feat[r.hash]
		if !ok {
			switch r.kind {
			case kindChar:
				unseenChar++
			case kindWord:
				unseenWord++
			}
			continue
		}
		v.ids = append(v.ids, id)
	}
	slices.Sort(v.ids)
	return fs.weigh(v, unseenWord, unseenChar), raw
}

// weigh turns v's sorted feature ids, repeats included, into its tf-idf
// vector, normalized with the unseen features counted.
func (fs *featureSpace) weigh(v sparseVec, unseenWord, unseenChar float64) sparseVec {
	if v.vals == nil {
		v.vals = make([]float32, 0, len(v.ids))
	}
	v.vals = v.vals[:0]
	// Count repeats: ids are sorted, so equal ones are adjacent.
	out := 0
	for i := 0; i < len(v.ids); {
		j := i + 1
		for j < len(v.ids) && v.ids[j] == v.ids[i] {
			j++
		}
		v.ids[out] = v.ids[i]
		v.vals = append(v.vals, float32(1+math.Log(float64(j-i)))*fs.idf[v.ids[i]])
		out++
		i = j
	}
	v.ids = v.ids[:out]
	var normWord, normChar float64
	for j, id := range v.ids {
		x := float64(v.vals[j])
		if fs.kind[id] == kindChar {
			normChar += x * x
		} else {
			normWord += x * x
		}
	}
	u := float64(fs.unseenIDF)
	normWord += unseenWord * u * u
	normChar += unseenChar * u * u
	for j, id := range v.ids {
		norm := normWord
		if fs.kind[id] == kindChar {
			norm = normChar
		}
		v.vals[j] /= float32(math.Sqrt(2 * norm))
	}
	return v
}

// dot is the dot product of two vectors.
func dot(a, b sparseVec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] == b.ids[j]:
			s += float64(a.vals[i]) * float64(b.vals[j])
			i++
			j++
		case a.ids[i] < b.ids[j]:
			i++
		default:
			j++
		}
	}
	return s
}
