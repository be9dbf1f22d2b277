package analytics_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/sqlite"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

func openStore(t testing.TB) *sqlite.Store {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "turns.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func shippedBot(t testing.TB, opts ...bot.Option) *bot.Bot {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(intents.NewIndex(k), bot.DefaultThresholds(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRecorderStoresRedactedTurnsAndFeedback(t *testing.T) {
	s := openStore(t)
	rec := analytics.NewRecorder(s, []byte("key"), nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { rec.Run(ctx); close(done) }()
	b := shippedBot(t, bot.WithObserver(rec))
	b.Answer(context.Background(), bot.Message{Text: "the chip in my passport X12345678 will not read", User: "U1", Adapter: "slack"})
	b.Answer(context.Background(), bot.Message{Text: "what's the weather", User: "U2", Adapter: "discord"})
	rec.RecordFeedback(context.Background(), bot.Feedback{Adapter: "slack", User: "U1", Intent: "government-id", Helpful: false})
	cancel()
	<-done

	un, err := s.Unanswered(context.Background(), time.Time{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	counts, _ := s.Volume(context.Background(), time.Time{})
	total := int64(0)
	for _, c := range counts {
		total += c.N
	}
	if total != 2 || len(un) != 1 || un[0].Intent != "none" || un[0].User != analytics.HashUser([]byte("key"), "discord", "U2") || counts[0].Intent == "none" && counts[0].Adapter == "slack" {
		t.Fatalf("counts %+v, unanswered %+v", counts, un)
	}
	low, _ := s.LowConfidence(context.Background(), time.Time{}, 1.1, 10)
	for _, turn := range append(low, un...) {
		if strings.Contains(turn.Text, "X12345678") || turn.User == "U1" || turn.User == "U2" {
			t.Errorf("stored unredacted: %+v", turn)
		}
	}
	votes, _ := s.Votes(context.Background(), time.Time{})
	if len(votes) != 1 || votes[0].Down != 1 {
		t.Fatalf("votes %+v", votes)
	}
}

func TestRecorderDropsInsteadOfBlocking(t *testing.T) {
	var dropped atomic.Int64
	rec := analytics.NewRecorder(openStore(t), []byte("k"), nil, func() { dropped.Add(1) })
	start := time.Now()
	for range 10_000 { // more than the queue holds, with nobody writing
		rec.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Text: "nfc"}, Reply: bot.Reply{Outcome: bot.Answered, Intent: "nfc"}})
	}
	if dropped.Load() == 0 {
		t.Fatal("nothing dropped with a full queue")
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("recording blocked")
	}
}

func TestReport(t *testing.T) {
	s := openStore(t)
	now := time.Now().UTC()
	var turns []analytics.Turn
	add := func(n int, text, intent, outcome string, conf float64) {
		for range n {
			turns = append(turns, analytics.Turn{Time: now, Adapter: "slack", User: "u", Text: text, Intent: intent, Outcome: outcome, Confidence: conf})
		}
	}
	add(5, "how do I get a new passport appointment", "none", "fallback", 0.1)
	add(3, "passport appointment how do I get one", "none", "fallback", 0.1)
	add(2, "what's the weather like", "none", "fallback", 0)
	add(10, "stuck on selfie", "selfie", "answered", 0.9)
	add(1, "selfie maybe", "selfie", "answered", 0.45)
	s.AddTurns(context.Background(), turns)
	s.AddFeedback(context.Background(), []analytics.Feedback{{Time: now, Intent: "selfie", Helpful: false}})

	k, _ := intents.Load(knowledge.FS)
	rep, err := analytics.BuildReport(context.Background(), s, bot.MatcherOf(intents.NewIndex(k)), now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Turns != 21 || rep.Fallback != 10 || rep.ByIntent[0].Name != "selfie" {
		t.Errorf("totals %d %d %+v", rep.Turns, rep.Fallback, rep.ByIntent)
	}
	if len(rep.Unanswered) != 2 || rep.Unanswered[0].Size != 8 || rep.Unanswered[1].Size != 2 {
		t.Fatalf("clusters %+v", rep.Unanswered)
	}
	if rep.Unanswered[0].Closest == "" || len(rep.Unanswered[0].Examples) != 2 {
		t.Errorf("largest cluster %+v", rep.Unanswered[0])
	}
	if len(rep.Disliked) != 1 || len(rep.LowConfidence) != 1 || rep.LowConfidence[0].Text != "selfie maybe" {
		t.Errorf("disliked %+v, low confidence %+v", rep.Disliked, rep.LowConfidence)
	}
}

// TestRecorderCountsAReplayedClickOnce shows that one 👎 click delivered
// five times (a platform retry, a replayed request) is one vote, and the
// person's 👍 afterwards replaces it.
func TestRecorderCountsAReplayedClickOnce(t *testing.T) {
	s := openStore(t)
	rec := analytics.NewRecorder(s, []byte("key"), nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { rec.Run(ctx); close(done) }()
	b := shippedBot(t, bot.WithObserver(rec))
	b.Answer(context.Background(), bot.Message{Text: "stuck on selfie", User: "U1", Adapter: "discord"})
	click := bot.Feedback{Adapter: "discord", User: "U1", Reply: "m1", Intent: "selfie", Helpful: false, Time: time.Now().Add(time.Second)}
	for range 5 {
		rec.RecordFeedback(context.Background(), click)
	}
	click.Helpful, click.Time = true, click.Time.Add(time.Second)
	rec.RecordFeedback(context.Background(), click)
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the recorder did not stop")
	}
	votes, err := s.Votes(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(votes) != 1 || votes[0].Up != 1 || votes[0].Down != 0 {
		t.Fatalf("votes %+v, want the one 👍", votes)
	}
}

func TestRecorderMasksIdentityData(t *testing.T) {
	s := openStore(t)
	rec := analytics.NewRecorder(s, []byte("key"), nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { rec.Run(ctx); close(done) }()
	text := "Maria Garcia 14/02/1990, aadhaar ２３４５ ６７８９ ０１２４, I live at 221B Baker Street, London NW1 6XE"
	rec.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Text: text, User: "U1", Adapter: "slack"}, Reply: bot.Reply{Outcome: bot.Fallback}})
	cancel()
	<-done
	un, err := s.Unanswered(context.Background(), time.Time{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 1 {
		t.Fatalf("unanswered %+v", un)
	}
	const want = "Maria Garcia [date of birth], aadhaar [Aadhaar number], I live at [address]"
	if un[0].Text != want {
		t.Errorf("stored %q, want %q", un[0].Text, want)
	}
}
