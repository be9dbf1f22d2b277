package analytics

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Limits of grouping unanswered questions, so that the work stays bounded
// whatever the store holds: about maxUnanswered × (maxQuestionChars +
// maxCompared × words in a question).
const (
	// maxUnanswered is how many of the newest unanswered turns are grouped.
	maxUnanswered = 5000
	// maxQuestionChars is how much of a question is read for its wording.
	maxQuestionChars = 500
	// maxCompared is how many groups one question is compared with.
	maxCompared = 64
	// similarEnough is the Jaccard similarity of wording within a group.
	similarEnough = 0.5
)

// ClusterCaps says which limits applied when unanswered questions were
// grouped; each field is zero when its limit did not apply.
type ClusterCaps struct {
	// Grouped is how many of the newest unanswered turns were grouped, of
	// Of in the window (counted by the hour, as Turns).
	Grouped int   `json:"grouped,omitempty"`
	Of      int64 `json:"of,omitempty"`
	// Cut questions were longer than QuestionChars characters and were
	// grouped, and are shown, by their beginning.
	Cut           int `json:"cut,omitempty"`
	QuestionChars int `json:"question_chars,omitempty"`
	// Crowded questions shared their rarest words with more than Compared
	// groups, were compared with the oldest Compared of them only, and
	// started a group of their own.
	Crowded  int `json:"crowded,omitempty"`
	Compared int `json:"compared,omitempty"`
}

// wording is one question read for grouping.
type wording struct {
	text    string  // the question, cut to maxQuestionChars
	words   []int32 // its words, as ranks in the rarest-first order, sorted
	closest string  // the nearest intent
}

// grouping is unanswered questions in groups, and the limits that applied.
type grouping struct {
	clusters []Cluster
	caps     ClusterCaps
}

// clusters groups turns whose wording (the matcher's terms and unknown
// words) overlaps by at least similarEnough, largest group first. A
// question joins the oldest group it is similar enough to; a group's
// wording is its first question's.
//
// Groups are found through an index from word to group. Words are ranked
// rarest first, and a group is indexed by the prefix of its words that any
// set similar enough must share a word with (prefix filtering); so a
// question is compared only with groups sharing one of its rare words, and
// with at most maxCompared of them.
func clusters(ctx context.Context, matcher bot.Matcher, turns []Turn) (grouping, error) {
	var g grouping
	ws, err := wordings(ctx, matcher, turns, &g.caps)
	if err != nil {
		return g, err
	}
	type group struct {
		words   []int32
		cluster Cluster
		closest map[string]int
	}
	var groups []*group
	postings := map[int32][]int32{} // word rank -> groups with it in their prefix, oldest first
	var lists [][]int32
	var candidates []int32
	for i, w := range ws {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return g, err
			}
		}
		lists = lists[:0]
		for _, r := range prefix(w.words) {
			if p := postings[r]; len(p) > 0 {
				lists = append(lists, p)
			}
		}
		candidates = oldest(candidates[:0], lists, maxCompared+1)
		crowded := len(candidates) > maxCompared
		if crowded {
			candidates = candidates[:maxCompared]
		}
		home := -1
		for _, c := range candidates {
			if jaccard(groups[c].words, w.words) >= similarEnough {
				home = int(c)
				break
			}
		}
		if home < 0 {
			if crowded {
				g.caps.Crowded++
			}
			home = len(groups)
			groups = append(groups, &group{words: w.words, closest: map[string]int{}})
			for _, r := range prefix(w.words) {
				postings[r] = append(postings[r], int32(home))
			}
		}
		h := groups[home]
		h.cluster.Size++
		h.closest[w.closest]++
		if len(h.cluster.Examples) < maxExamples && !slices.Contains(h.cluster.Examples, w.text) {
			h.cluster.Examples = append(h.cluster.Examples, w.text)
		}
	}
	if g.caps.Crowded > 0 {
		g.caps.Compared = maxCompared
	}
	g.clusters = make([]Cluster, 0, len(groups))
	for _, h := range groups {
		best, n := "none", 0
		for id, c := range h.closest {
			if c > n || (c == n && id < best) {
				best, n = id, c
			}
		}
		h.cluster.Closest = best
		g.clusters = append(g.clusters, h.cluster)
	}
	slices.SortStableFunc(g.clusters, func(a, b Cluster) int { return b.Size - a.Size })
	return g, nil
}

// wordings reads each turn's question, cut to maxQuestionChars, into its
// words ranked rarest first across all the turns; caps counts the cut
// questions.
func wordings(ctx context.Context, matcher bot.Matcher, turns []Turn, caps *ClusterCaps) ([]wording, error) {
	ids := map[string]int32{}
	var df []int32 // per word id, the number of questions using it
	ws := make([]wording, len(turns))
	for i, t := range turns {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		text, cut := cutChars(t.Text, maxQuestionChars)
		if cut {
			caps.Cut++
			caps.QuestionChars = maxQuestionChars
		}
		m := matcher.Match(text)
		var set []int32
		add := func(w string) {
			id, ok := ids[w]
			if !ok {
				id = int32(len(df))
				ids[w] = id
				df = append(df, 0)
			}
			set = append(set, id)
		}
		for _, w := range m.Terms {
			add(w)
		}
		for _, w := range m.Unknown {
			add(strings.ToLower(w))
		}
		if len(set) == 0 {
			add(strings.ToLower(strings.TrimSpace(text)))
		}
		slices.Sort(set)
		set = slices.Compact(set)
		for _, id := range set {
			df[id]++
		}
		ws[i] = wording{text: text, words: set, closest: "none"}
		if cut {
			ws[i].text += "…"
		}
		if len(m.Candidates) > 0 {
			ws[i].closest = m.Candidates[0].Intent
		}
	}
	// One order of all words, rarest first (ties by first use).
	order := make([]int32, len(df))
	for id := range order {
		order[id] = int32(id)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Or(cmp.Compare(df[a], df[b]), cmp.Compare(a, b)) })
	rank := make([]int32, len(df))
	for r, id := range order {
		rank[id] = int32(r)
	}
	for _, w := range ws {
		for j, id := range w.words {
			w.words[j] = rank[id]
		}
		slices.Sort(w.words)
	}
	return ws, nil
}

// prefix returns the rarest words of a set that any set similar enough to
// it shares at least one of: all but the ceil(similarEnough × n) - 1
// commonest.
func prefix(words []int32) []int32 {
	n := len(words)
	if n == 0 {
		return nil
	}
	return words[:n-int(math.Ceil(similarEnough*float64(n)))+1]
}

// oldest appends to dst the smallest k distinct group numbers in lists,
// each sorted, in order.
func oldest(dst []int32, lists [][]int32, k int) []int32 {
	for len(dst) < k {
		best := int32(math.MaxInt32)
		for _, l := range lists {
			if len(l) > 0 && l[0] < best {
				best = l[0]
			}
		}
		if best == math.MaxInt32 {
			break
		}
		dst = append(dst, best)
		for j, l := range lists {
			if len(l) > 0 && l[0] == best {
				lists[j] = l[1:]
			}
		}
	}
	return dst
}

// jaccard is the Jaccard similarity of two sorted sets.
func jaccard(a, b []int32) float64 {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// cutChars returns s cut to at most n characters, and whether it was cut.
func cutChars(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if i >= len(s) {
			return s, false
		}
	}
	return s[:i], true
}
