// Package analyticstest is the conformance suite of analytics stores:
// every backend (analytics/sqlite, analytics/postgres) runs it. Only tests
// import it.
package analyticstest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// RunStore is the conformance suite every analytics.Store passes: open
// returns a new, empty store, closed when the test ends.
func RunStore(t *testing.T, open func(t *testing.T) analytics.Store) {
	t.Run("records and reports", func(t *testing.T) { testStoreReports(t, open) })
	t.Run("one vote per person per turn", func(t *testing.T) { testStoreVotesOnce(t, open) })
	t.Run("handoffs by topic and reason", func(t *testing.T) { testStoreHandoffs(t, open) })
	t.Run("lists recorded questions", func(t *testing.T) { testStoreQuestions(t, open) })
	t.Run("counts turns by hour and outcome", func(t *testing.T) { testStoreTimeline(t, open) })
}

// testStoreTimeline shows that turns are counted by the hour they fell in
// and their outcome, oldest first, in the period only.
func testStoreTimeline(t *testing.T, open func(t *testing.T) analytics.Store) {
	ctx := context.Background()
	hour := time.Now().UTC().Truncate(time.Hour)
	turn := func(at time.Time, outcome string) analytics.Turn {
		return analytics.Turn{Time: at, Adapter: "slack", User: "u", Text: "t", Intent: "selfie", Outcome: outcome}
	}
	s := open(t)
	if err := s.AddTurns(ctx, []analytics.Turn{
		turn(hour.Add(5*time.Minute), "answered"),
		turn(hour.Add(6*time.Minute), "answered"),
		turn(hour.Add(7*time.Minute), "fallback"),
		turn(hour.Add(-50*time.Minute), "clarify"),
		turn(hour.Add(-72*time.Hour), "answered"),
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Timeline(ctx, hour.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := []analytics.HourCount{
		{Hour: hour.Add(-time.Hour), Outcome: "clarify", N: 1},
		{Hour: hour, Outcome: "answered", N: 2},
		{Hour: hour, Outcome: "fallback", N: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("timeline %+v, want %+v", got, want)
	}
	for i := range want {
		if !got[i].Hour.Equal(want[i].Hour) || got[i].Outcome != want[i].Outcome || got[i].N != want[i].N {
			t.Errorf("timeline[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// testStoreHandoffs shows that the turns that called a person are counted
// by the topic answered before and the reason, in the period only, and
// that a turn keeps its handoff.
func testStoreHandoffs(t *testing.T, open func(t *testing.T) analytics.Store) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Microsecond)
	turn := func(ago time.Duration, intent, outcome, reason, topic string) analytics.Turn {
		return analytics.Turn{Time: now.Add(-ago), Adapter: "slack", User: "u", Text: "t", Intent: intent, Outcome: outcome,
			Handoff: reason, HandoffTopic: topic}
	}
	s := open(t)
	if err := s.AddTurns(ctx, []analytics.Turn{
		turn(time.Minute, "talk-to-someone", "answered", "asked", "selfie"),
		turn(2*time.Minute, "talk-to-someone", "answered", "chosen", "selfie"),
		turn(3*time.Minute, "talk-to-someone", "answered", "asked", "selfie"),
		turn(4*time.Minute, "none", "fallback", "fallbacks", ""),
		turn(5*time.Minute, "selfie", "answered", "", ""),
		turn(48*time.Hour, "talk-to-someone", "answered", "asked", "nfc"),
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Handoffs(ctx, now.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := []analytics.HandoffCount{{Topic: "selfie", Reason: "asked", N: 2}, {Topic: "", Reason: "fallbacks", N: 1}, {Topic: "selfie", Reason: "chosen", N: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("handoffs %+v, want %+v", got, want)
	}
	un, err := s.Unanswered(ctx, now.Add(-24*time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 1 || un[0].Handoff != "fallbacks" {
		t.Errorf("the fallback turn lost its handoff: %+v", un)
	}
}

// testStoreQuestions checks that a store lists the questions of a period,
// newest first, without the guarded or rate-limited turns and the topics
// picked from a button.
func testStoreQuestions(t *testing.T, open func(t *testing.T) analytics.Store) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Microsecond)
	s := open(t)
	lister, ok := s.(analytics.QuestionLister)
	if !ok {
		t.Fatalf("%T does not list recorded questions (analytics.QuestionLister)", s)
	}
	turn := func(ago time.Duration, outcome, text string) analytics.Turn {
		return analytics.Turn{Time: now.Add(-ago), Adapter: "slack", User: "u1", Text: text, Intent: "selfie", Outcome: outcome, Confidence: 0.5}
	}
	if err := s.AddTurns(ctx, []analytics.Turn{
		turn(5*time.Minute, "answered", "selfie fails"),
		turn(4*time.Minute, "fallback", "weather today"),
		turn(3*time.Minute, "guarded", "my passport is [passport number]"),
		turn(2*time.Minute, "answered", "[topic selfie]"),
		turn(time.Minute, "clarify", "chip or selfie"),
		turn(30*time.Second, "limited", "selfie again"),
		turn(48*time.Hour, "answered", "an old question"),
	}); err != nil {
		t.Fatal(err)
	}
	got, err := lister.Questions(ctx, now.Add(-time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, q := range got {
		texts = append(texts, q.Text)
	}
	if want := []string{"chip or selfie", "weather today", "selfie fails"}; !slices.Equal(texts, want) {
		t.Errorf("questions of the last hour %q, want %q", texts, want)
	}
	if got, err := lister.Questions(ctx, now.Add(-time.Hour), 2); err != nil || len(got) != 2 || got[0].Text != "chip or selfie" {
		t.Errorf("the newest 2 questions: %+v, %v", got, err)
	}
}

func testStoreReports(t *testing.T, open func(t *testing.T) analytics.Store) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Microsecond)
	turn := func(ago time.Duration, user, intent, outcome string, conf float64, text string) analytics.Turn {
		return analytics.Turn{Time: now.Add(-ago), Adapter: "slack", User: user, Text: text, Intent: intent, Outcome: outcome,
			Confidence: conf, RunnerUp: "okta", Latency: 3 * time.Microsecond, Knowledge: "v1"}
	}
	s := open(t)
	turns := []analytics.Turn{
		turn(time.Minute, "u1", "selfie", "answered", 0.9, "stuck on selfie"),
		turn(2*time.Minute, "u1", "selfie", "answered", 0.5, "selfie hmm"),
		turn(3*time.Minute, "u2", "none", "fallback", 0.1, "weather today"),
		turn(4*time.Minute, "u2", "linkedin-recovery", "clarify", 0.4, "linkedin"),
		turn(48*time.Hour, "u3", "nfc", "answered", 0.8, "old nfc question"),
	}
	if err := s.AddTurns(ctx, turns); err != nil {
		t.Fatal(err)
	}
	if err := s.AddFeedback(ctx, []analytics.Feedback{
		{Time: now, Adapter: "slack", User: "u1", Intent: "selfie", Helpful: false},
		{Time: now, Adapter: "slack", User: "u2", Intent: "selfie", Helpful: true},
		{Time: now, Adapter: "slack", User: "u2", Intent: "okta", Helpful: true},
	}); err != nil {
		t.Fatal(err)
	}
	day := now.Add(-24 * time.Hour)

	counts, err := s.Volume(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	total := int64(0)
	for _, c := range counts {
		total += c.N
	}
	if total != 4 || counts[0].Intent != "selfie" || counts[0].N != 2 {
		t.Errorf("volume %+v", counts)
	}
	un, err := s.Unanswered(ctx, day, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 2 || un[0].Text != "weather today" || un[1].Outcome != "clarify" || un[0].Latency != 3*time.Microsecond || !un[0].Time.Equal(now.Add(-3*time.Minute)) {
		t.Errorf("unanswered %+v", un)
	}
	low, err := s.LowConfidence(ctx, day, 0.6, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(low) != 1 || low[0].Text != "selfie hmm" {
		t.Errorf("low confidence %+v", low)
	}
	votes, err := s.Votes(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	if len(votes) != 2 || votes[0].Intent != "selfie" || votes[0].Down != 1 || votes[0].Up != 1 {
		t.Errorf("votes %+v", votes)
	}
	disliked, err := s.Disliked(ctx, day, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(disliked) != 1 || disliked[0].Text != "stuck on selfie" {
		t.Errorf("disliked turns %+v, want u1's latest selfie turn", disliked)
	}
	if n, err := s.DeleteUser(ctx, "u2"); err != nil || n != 4 {
		t.Errorf("DeleteUser = %d, %v; want 2 turns and 2 feedback", n, err)
	}
	if n, err := s.DeleteBefore(ctx, day); err != nil || n != 1 {
		t.Errorf("DeleteBefore = %d, %v", n, err)
	}
	if counts, _ := s.Volume(ctx, now.Add(-365*24*time.Hour)); len(counts) != 1 || counts[0].N != 2 {
		t.Errorf("after deletions: %+v", counts)
	}
}

// testStoreVotesOnce shows that a click replayed, or clicked again, counts
// once: a person has one vote on each turn, and a later click changes it.
func testStoreVotesOnce(t *testing.T, open func(t *testing.T) analytics.Store) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Microsecond)
	s := open(t)
	turn := func(ago time.Duration, user, intent, text string) analytics.Turn {
		return analytics.Turn{Time: now.Add(-ago), Adapter: "slack", User: user, Text: text, Intent: intent, Outcome: "answered", Confidence: 0.9}
	}
	if err := s.AddTurns(ctx, []analytics.Turn{
		turn(10*time.Minute, "u1", "selfie", "stuck on selfie"),
		turn(8*time.Minute, "u2", "selfie", "selfie fails"),
		turn(5*time.Minute, "u1", "nfc", "chip will not read"),
	}); err != nil {
		t.Fatal(err)
	}
	vote := func(ago time.Duration, user, intent string, helpful bool) analytics.Feedback {
		return analytics.Feedback{Time: now.Add(-ago), Adapter: "slack", User: user, Intent: intent, Helpful: helpful}
	}
	batches := [][]analytics.Feedback{
		// u1's 👎 on the selfie answer, replayed 5 times; u2's twice.
		{vote(9*time.Minute, "u1", "selfie", false), vote(9*time.Minute, "u1", "selfie", false), vote(9*time.Minute, "u1", "selfie", false),
			vote(7*time.Minute, "u2", "selfie", false), vote(7*time.Minute, "u2", "selfie", false)},
		{vote(9*time.Minute, "u1", "selfie", false), vote(9*time.Minute, "u1", "selfie", false)},
		// u1 changes their mind; an older click arriving late changes nothing.
		{vote(6*time.Minute, "u1", "selfie", true), vote(9*time.Minute, "u1", "selfie", false)},
		// Another turn of u1's is another vote.
		{vote(4*time.Minute, "u1", "nfc", false)},
		// A vote whose turn was never recorded counts once per intent.
		{vote(time.Minute, "u3", "okta", false), vote(time.Minute, "u3", "okta", false)},
	}
	for _, b := range batches {
		if err := s.AddFeedback(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	votes, err := s.Votes(ctx, now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := []analytics.Vote{{Intent: "nfc", Down: 1}, {Intent: "okta", Down: 1}, {Intent: "selfie", Up: 1, Down: 1}}
	if !slices.Equal(votes, want) {
		t.Errorf("votes %+v, want %+v", votes, want)
	}
	disliked, err := s.Disliked(ctx, now.Add(-time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(disliked) != 2 || disliked[0].Text != "chip will not read" || disliked[1].Text != "selfie fails" {
		t.Errorf("disliked turns %+v, want u1's nfc turn and u2's selfie turn", disliked)
	}
	if n, err := s.DeleteUser(ctx, "u1"); err != nil || n != 4 {
		t.Errorf("DeleteUser = %d, %v; want 2 turns and 2 votes", n, err)
	}
}

// CheckMigratedVotes checks a store opened on a backend's duplicate-votes
// fixture (the same votes in each backend's SQL: u1 voting three times on
// one selfie turn, the last a 👎; u2 once 👎; two 👎 without a person; u3
// twice on okta, the last 👍): the latest of each person's votes on a turn
// stayed, and a later click changes it.
func CheckMigratedVotes(t *testing.T, s analytics.Store) {
	ctx := context.Background()
	votes, err := s.Votes(ctx, time.UnixMicro(0))
	if err != nil {
		t.Fatal(err)
	}
	// selfie: u1's last 👎, u2's 👎 and the two without a person; okta: u3's last 👍.
	want := []analytics.Vote{{Intent: "selfie", Down: 4}, {Intent: "okta", Up: 1}}
	if !slices.Equal(votes, want) {
		t.Errorf("votes after migrating %+v, want %+v", votes, want)
	}
	if err := s.AddFeedback(ctx, []analytics.Feedback{{Time: time.UnixMicro(4000), Adapter: "slack", User: "u1", Intent: "selfie", Helpful: true}}); err != nil {
		t.Fatal(err)
	}
	votes, _ = s.Votes(ctx, time.UnixMicro(0))
	if want := []analytics.Vote{{Intent: "selfie", Up: 1, Down: 3}, {Intent: "okta", Up: 1}}; !slices.Equal(votes, want) {
		t.Errorf("votes after u1 changed theirs %+v, want %+v", votes, want)
	}
}
