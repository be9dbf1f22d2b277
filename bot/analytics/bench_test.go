package analytics_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// Benchmarks reported in README.md:
//
//	go test ./bot/analytics -run '^$' -bench . -benchtime 1x

// BenchmarkReport1M builds the report over a store holding 1,000,000 turns
// of the last week (a fifth of them unanswered, in 40 wordings).
func BenchmarkReport1M(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	rng := rand.New(rand.NewPCG(1, 2))
	intentIDs := []string{"selfie", "nfc", "government-id", "okta", "why-verify", "lighting-glare"}
	now := time.Now().UTC()
	batch := make([]analytics.Turn, 0, 10_000)
	for i := range 1_000_000 {
		t := analytics.Turn{Time: now.Add(-time.Duration(rng.IntN(7*24*3600)) * time.Second), Adapter: "slack",
			User: fmt.Sprintf("u%d", rng.IntN(50_000)), Text: "stuck on selfie", Intent: intentIDs[i%len(intentIDs)], Outcome: "answered", Confidence: 0.5 + rng.Float64()/2}
		if i%5 == 0 {
			t.Intent, t.Outcome, t.Confidence = "none", "fallback", 0.1
			t.Text = fmt.Sprintf("question about topic %d that we do not answer", rng.IntN(40))
		}
		batch = append(batch, t)
		if len(batch) == cap(batch) {
			if err := s.AddTurns(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	k, _ := intents.Load(knowledge.FS)
	ix := bot.MatcherOf(intents.NewIndex(k))
	b.ResetTimer()
	for b.Loop() {
		rep, err := analytics.BuildReport(ctx, s, ix, now.Add(-7*24*time.Hour))
		if err != nil || rep.Turns != 1_000_000 {
			b.Fatalf("report: %d turns, %v", rep.Turns, err)
		}
	}
}

// BenchmarkAnswerWhileRecording measures answering alone, then while
// 5,000 turns a second are recorded into SQLite by the recorder (as serve
// does with analytics.path); the two ns/op compare in one run:
//
//	go test ./bot/analytics -run '^$' -bench AnswerWhileRecording -benchtime 3s -count 3
func BenchmarkAnswerWhileRecording(b *testing.B) {
	messages := []string{"stuck on selfie", "glaer on my licence", "nfc", "what's the weather", "why do I have to verify"}
	bt := shippedBot(b)
	answer := func(b *testing.B) {
		ctx := context.Background()
		for i := 0; b.Loop(); i++ {
			bt.Answer(ctx, bot.Message{Text: messages[i%len(messages)], User: "u", Adapter: "slack"})
		}
	}
	b.Run("alone", answer)
	b.Run("recording-5000-per-second", func(b *testing.B) {
		var dropped atomic.Int64
		rec := analytics.NewRecorder(openStore(b), []byte("k"), nil, func() { dropped.Add(1) })
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); rec.Run(ctx) }()
		go func() { // 5 turns every millisecond
			defer wg.Done()
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			turn := bot.Turn{Message: bot.Message{Text: "stuck on selfie", User: "u1", Adapter: "slack"}, Reply: bot.Reply{Outcome: bot.Answered, Intent: "selfie"}}
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
					for range 5 {
						rec.ObserveTurn(ctx, turn)
					}
				}
			}
		}()
		time.Sleep(100 * time.Millisecond) // writing is under way
		answer(b)
		b.StopTimer()
		cancel()
		wg.Wait()
		if dropped.Load() > 0 {
			b.Logf("%d turns dropped", dropped.Load())
		}
	})
}
