package analytics

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
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
	// ClusterCaps, when set, says which limits applied to the grouping.
	ClusterCaps *ClusterCaps `json:"cluster_caps,omitempty"`
	Disliked    []Vote       `json:"disliked"`
	// DislikedTurns are questions whose answers got a 👎.
	DislikedTurns []Turn `json:"disliked_turns"`
	LowConfidence []Turn `json:"low_confidence"`
	// Handoffs counts the people called into a conversation, by the topic
	// answered before and the reason, most first.
	Handoffs []HandoffCount `json:"handoffs"`
	// Timeline is the turns by outcome over the period, oldest first, in
	// buckets of one TimelineStep ("hour" or "day").
	Timeline     []Bucket `json:"timeline"`
	TimelineStep string   `json:"timeline_step"`
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
	maxExamples      = 3
	lowConfidence    = 0.55
	maxLowConfidence = 20
)

// BuildReport reports on the turns in store since a time; m (the matcher
// of the knowledge in use) reads the wording of unanswered questions and
// names the closest intent, as the knowledge stands now rather than when
// they were asked.
func BuildReport(ctx context.Context, store Store, m bot.Matcher, since time.Time) (Report, error) {
	return BuildReportUntil(ctx, store, m, since, time.Now())
}

// BuildReportUntil is BuildReport with the period's end given: the
// timeline's last bucket holds until.
func BuildReportUntil(ctx context.Context, store Store, m bot.Matcher, since, until time.Time) (Report, error) {
	rep := Report{Since: since.UTC()}
	counts, err := store.Volume(ctx, since)
	if err != nil {
		return rep, err
	}
	byIntent, byAdapter := map[string]int64{}, map[string]int64{}
	var unansweredTurns int64
	for _, c := range counts {
		rep.Turns += c.N
		if c.Outcome == "fallback" {
			rep.Fallback += c.N
		}
		if c.Outcome == "fallback" || c.Outcome == "clarify" {
			unansweredTurns += c.N
		}
		byIntent[c.Intent] += c.N
		byAdapter[c.Adapter] += c.N
	}
	if rep.Turns > 0 {
		rep.FallbackRate = float64(rep.Fallback) / float64(rep.Turns)
	}
	rep.ByIntent, rep.ByAdapter = sorted(byIntent), sorted(byAdapter)
	hours, err := store.Timeline(ctx, since)
	if err != nil {
		return rep, err
	}
	rep.TimelineStep, rep.Timeline = timeline(hours, since, until)

	unanswered, err := store.Unanswered(ctx, since, maxUnanswered)
	if err != nil {
		return rep, err
	}
	g, err := clusters(ctx, m, unanswered)
	if err != nil {
		return rep, fmt.Errorf("analytics: group unanswered questions: %w", err)
	}
	rep.Unanswered = g.clusters
	if len(unanswered) == maxUnanswered && unansweredTurns > maxUnanswered {
		g.caps.Grouped, g.caps.Of = maxUnanswered, unansweredTurns
	}
	if g.caps != (ClusterCaps{}) {
		rep.ClusterCaps = &g.caps
	}
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
	if rep.LowConfidence, err = store.LowConfidence(ctx, since, lowConfidence, maxLowConfidence); err != nil {
		return rep, err
	}
	rep.Handoffs, err = store.Handoffs(ctx, since)
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
