package analytics_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

func shippedMatcher(t testing.TB) bot.Matcher {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		t.Fatal(err)
	}
	return bot.MatcherOf(intents.NewIndex(k))
}

// distinctTurns returns n fallback turns, newest first, each worded unlike
// any other.
func distinctTurns(n int, now time.Time) []analytics.Turn {
	turns := make([]analytics.Turn, n)
	for i := range turns {
		turns[i] = analytics.Turn{Time: now.Add(-time.Duration(i) * time.Second), Adapter: "slack", User: "u", Intent: "none", Outcome: "fallback",
			Text: fmt.Sprintf("%s %s %s", word(3*i), word(3*i+1), word(3*i+2))}
	}
	return turns
}

// word returns a made-up word, one for each n, of letters only (the
// matcher drops words with digits in them).
func word(n int) string {
	b := []byte("zq")
	for {
		b = append(b, byte('a'+n%26))
		n /= 26
		if n == 0 {
			return string(b)
		}
	}
}

// TestReportStopsWhenCancelled shows that a report whose request goes away
// stops grouping questions and asks the store nothing more.
func TestReportStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	votesAsked := false
	store := &fakeStore{
		unanswered: func(context.Context, time.Time, int) ([]analytics.Turn, error) {
			cancel() // the person closed the page while the store answered
			return distinctTurns(2000, time.Now()), nil
		},
		votes: func(context.Context, time.Time) ([]analytics.Vote, error) {
			votesAsked = true
			return nil, nil
		},
	}
	_, err := analytics.BuildReport(ctx, store, shippedMatcher(t), time.Now().Add(-time.Hour))
	if !errors.Is(err, context.Canceled) || votesAsked {
		t.Fatalf("BuildReport after cancelling = %v (votes asked: %v), want context.Canceled and nothing more asked", err, votesAsked)
	}
}

// TestReportShowsClusterCaps shows that the report says when it grouped
// only the newest unanswered turns, only the beginning of long questions,
// or compared a question with only some of the groups sharing its rarest
// words; and says nothing when no limit applied.
func TestReportShowsClusterCaps(t *testing.T) {
	now := time.Now()
	long := strings.Repeat(word(1)+" ", 200) // 1,000 characters
	withLong := distinctTurns(10, now)
	withLong[0].Text = long
	// 70 groups sharing one word, then a question like the last of them:
	// from the 66th on, each question is compared with the oldest 64 groups
	// only, and starts a group of its own (the last wrongly).
	var crowded []analytics.Turn
	for i := range 71 {
		crowded = append(crowded, analytics.Turn{Time: now, Intent: "none", Outcome: "fallback", Text: "shared " + word(min(i, 69))})
	}
	tests := []struct {
		name       string
		inWindow   int64
		turns      []analytics.Turn
		want       *analytics.ClusterCaps
		wantGroups int
	}{
		{name: "nothing capped", inWindow: 300, turns: distinctTurns(300, now), wantGroups: 300},
		{name: "more turns than grouped", inWindow: 7000, turns: distinctTurns(5000, now),
			want: &analytics.ClusterCaps{Grouped: 5000, Of: 7000}, wantGroups: 5000},
		{name: "long question", inWindow: 10, turns: withLong,
			want: &analytics.ClusterCaps{Cut: 1, QuestionChars: 500}, wantGroups: 10},
		{name: "crowded question", inWindow: 71, turns: crowded,
			want: &analytics.ClusterCaps{Crowded: 6, Compared: 64}, wantGroups: 71},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &fakeStore{
				volume: func(context.Context, time.Time) ([]analytics.Count, error) {
					return []analytics.Count{{Intent: "none", Adapter: "slack", Outcome: "fallback", N: tt.inWindow}}, nil
				},
				unanswered: func(_ context.Context, _ time.Time, limit int) ([]analytics.Turn, error) {
					return tt.turns[:min(len(tt.turns), limit)], nil
				},
			}
			rep, err := analytics.BuildReport(context.Background(), store, shippedMatcher(t), now.Add(-time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rep.ClusterCaps, tt.want) || len(rep.Unanswered) != tt.wantGroups {
				t.Errorf("cluster caps %+v and %d groups, want %+v and %d", rep.ClusterCaps, len(rep.Unanswered), tt.want, tt.wantGroups)
			}
		})
	}
	t.Run("long question shown cut", func(t *testing.T) {
		store := &fakeStore{unanswered: func(context.Context, time.Time, int) ([]analytics.Turn, error) { return withLong, nil }}
		rep, err := analytics.BuildReport(context.Background(), store, shippedMatcher(t), now.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		want := long[:500] + "…"
		if !slices.ContainsFunc(rep.Unanswered, func(c analytics.Cluster) bool { return slices.Contains(c.Examples, want) }) {
			t.Errorf("the long question is not shown cut to its first 500 characters: %+v", rep.Unanswered)
		}
	})
}

// TestClustersGroupAsComparingEveryPair shows that the index finds the
// same groups as comparing each question with every group before it.
func TestClustersGroupAsComparingEveryPair(t *testing.T) {
	ix := shippedMatcher(t)
	rng := rand.New(rand.NewPCG(5, 6))
	topics := []string{"passport", "selfie", "licence", "okta", "glare", "camera", "linkedin", "nfc"}
	var turns []analytics.Turn
	for i := range 1500 {
		topic := rng.IntN(60)
		var words []string
		for range 3 + rng.IntN(4) {
			words = append(words, word(topic*8+rng.IntN(8)))
		}
		for range rng.IntN(3) {
			words = append(words, word(1000+rng.IntN(400)))
		}
		if rng.IntN(2) == 0 {
			words = append(words, topics[rng.IntN(len(topics))])
		}
		if i%50 == 0 {
			words = []string{"hello"} // many questions worded the same
		}
		turns = append(turns, analytics.Turn{Time: time.Now(), Intent: "none", Outcome: "fallback", Text: strings.Join(words, " ")})
	}
	store := &fakeStore{unanswered: func(context.Context, time.Time, int) ([]analytics.Turn, error) { return turns, nil }}
	rep, err := analytics.BuildReport(context.Background(), store, ix, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := pairwiseClusters(ix, turns)
	if rep.ClusterCaps != nil || len(want) < 50 {
		t.Fatalf("caps %+v, %d groups: the data does not test the index", rep.ClusterCaps, len(want))
	}
	if !reflect.DeepEqual(rep.Unanswered, want) {
		t.Errorf("%d groups, want %d; first differences:\n%s", len(rep.Unanswered), len(want), firstDifference(rep.Unanswered, want))
	}
}

func firstDifference(got, want []analytics.Cluster) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("at %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	return "one is longer"
}

// pairwiseClusters is the grouping by comparing every question with every
// group before it: what the report did before it had an index.
func pairwiseClusters(ix bot.Matcher, turns []analytics.Turn) []analytics.Cluster {
	type group struct {
		words   map[string]bool
		cluster analytics.Cluster
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
			closest = m.Candidates[0].Intent
		}
		var home *group
		for _, g := range groups {
			inter := 0
			for w := range words {
				if g.words[w] {
					inter++
				}
			}
			if float64(inter)/float64(len(words)+len(g.words)-inter) >= 0.5 {
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
		if len(home.cluster.Examples) < 3 && !slices.Contains(home.cluster.Examples, t.Text) {
			home.cluster.Examples = append(home.cluster.Examples, t.Text)
		}
	}
	out := make([]analytics.Cluster, 0, len(groups))
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
	slices.SortStableFunc(out, func(a, b analytics.Cluster) int { return b.Size - a.Size })
	return out
}
