package analytics

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// Report summarises the turns since a time.
type Report struct {
	Since    time.Time `json:"since"`
	Turns    int64     `json:"turns"`
	Fallback int64     `json:"fallback"`
	// FallbackRate is Fallback / Turns.
	FallbackRate float64      `json:"fallback_rate"`
	ByIntent     []NamedCount `json:"by_intent"`
	ByAdapter    []NamedCount `json:"by_adapter"`
	// Unanswered groups fallback and clarify turns by wording, largest first.
	Unanswered []Cluster `json:"unanswered"`
	Disliked   []Vote    `json:"disliked"`
	// DislikedTurns are questions whose answers got a 👎.
	DislikedTurns []Turn `json:"disliked_turns"`
	LowConfidence []Turn `json:"low_confidence"`
}

// NamedCount is a number of turns under a name.
type NamedCount struct {
	Name string `json:"name"`
	N    int64  `json:"n"`
}

// Cluster is unanswered questions worded alike.
type Cluster struct {
	Size int `json:"size"`
	// Examples are a few of the questions, redacted.
	Examples []string `json:"examples"`
	// Closest is the existing intent nearest to them, or "none".
	Closest string `json:"closest"`
}

// Report limits.
const (
	maxUnanswered    = 5000
	maxExamples      = 3
	lowConfidence    = 0.55
	maxLowConfidence = 20
	similarEnough    = 0.5 // Jaccard similarity of wording within a cluster
)

// BuildReport reports on the turns in store since a time; ix (the
// knowledge in use) reads the wording of unanswered questions and names
// the closest intent.
func BuildReport(ctx context.Context, store Store, ix *intents.Index, since time.Time) (Report, error) {
	rep := Report{Since: since.UTC()}
	counts, err := store.Volume(ctx, since)
	if err != nil {
		return rep, err
	}
	byIntent, byAdapter := map[string]int64{}, map[string]int64{}
	for _, c := range counts {
		rep.Turns += c.N
		if c.Outcome == "fallback" {
			rep.Fallback += c.N
		}
		byIntent[c.Intent] += c.N
		byAdapter[c.Adapter] += c.N
	}
	if rep.Turns > 0 {
		rep.FallbackRate = float64(rep.Fallback) / float64(rep.Turns)
	}
	rep.ByIntent, rep.ByAdapter = sorted(byIntent), sorted(byAdapter)

	unanswered, err := store.Unanswered(ctx, since, maxUnanswered)
	if err != nil {
		return rep, err
	}
	rep.Unanswered = clusters(ix, unanswered)
	votes, err := store.Votes(ctx, since)
	if err != nil {
		return rep, err
	}
	for _, v := range votes {
		if v.Down > 0 {
			rep.Disliked = append(rep.Disliked, v)
		}
	}
	if rep.DislikedTurns, err = store.Disliked(ctx, since, maxLowConfidence); err != nil {
		return rep, err
	}
	rep.LowConfidence, err = store.LowConfidence(ctx, since, lowConfidence, maxLowConfidence)
	return rep, err
}

func sorted(m map[string]int64) []NamedCount {
	out := make([]NamedCount, 0, len(m))
	for name, n := range m {
		out = append(out, NamedCount{Name: name, N: n})
	}
	slices.SortFunc(out, func(a, b NamedCount) int {
		if a.N != b.N {
			if a.N > b.N {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// clusters groups turns whose wording (the matcher's terms and unknown
// words) overlaps by at least similarEnough, largest group first.
func clusters(ix *intents.Index, turns []Turn) []Cluster {
	type group struct {
		words   map[string]bool
		cluster Cluster
		closest map[string]int
	}
	var groups []*group
	for _, t := range turns {
		m := ix.Match(t.Text)
		words := map[string]bool{}
		for _, w := range m.Terms {
			words[w] = true
		}
		for _, w := range m.Unknown {
			words[strings.ToLower(w)] = true
		}
		if len(words) == 0 {
			words[strings.ToLower(strings.TrimSpace(t.Text))] = true
		}
		closest := "none"
		if len(m.Candidates) > 0 {
			closest = m.Candidates[0].ID
		}
		var home *group
		for _, g := range groups {
			if jaccard(g.words, words) >= similarEnough {
				home = g
				break
			}
		}
		if home == nil {
			home = &group{words: words, closest: map[string]int{}}
			groups = append(groups, home)
		}
		home.cluster.Size++
		home.closest[closest]++
		if len(home.cluster.Examples) < maxExamples && !slices.Contains(home.cluster.Examples, t.Text) {
			home.cluster.Examples = append(home.cluster.Examples, t.Text)
		}
	}
	out := make([]Cluster, 0, len(groups))
	for _, g := range groups {
		best, n := "none", 0
		for id, c := range g.closest {
			if c > n || (c == n && id < best) {
				best, n = id, c
			}
		}
		g.cluster.Closest = best
		out = append(out, g.cluster)
	}
	slices.SortStableFunc(out, func(a, b Cluster) int { return b.Size - a.Size })
	return out
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}
