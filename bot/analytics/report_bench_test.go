package analytics_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// BenchmarkReportLongUnanswered builds the report over a SQLite store
// holding 100,000 distinct fallback turns of about 3 KB each, the last
// day's: what any chat user can fill a store with. The target is under 2 s
// a report:
//
//	go test ./bot/analytics -run '^$' -bench ReportLongUnanswered -benchtime 3x
func BenchmarkReportLongUnanswered(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	rng := rand.New(rand.NewPCG(3, 4))
	common := strings.Fields("my passport selfie verification fails again and the app says error when I try to upload it")
	now := time.Now().UTC()
	const n = 100_000
	batch := make([]analytics.Turn, 0, 5_000)
	var text strings.Builder
	for i := range n {
		text.Reset()
		text.WriteString("question " + word(i) + ":")
		for text.Len() < 3000 {
			if rng.IntN(3) == 0 {
				text.WriteString(" " + common[rng.IntN(len(common))])
			} else {
				text.WriteString(" " + word(rng.IntN(200_000)))
			}
		}
		batch = append(batch, analytics.Turn{Time: now.Add(-time.Duration(rng.IntN(24*3600)) * time.Second), Adapter: "slack",
			User: fmt.Sprintf("u%d", rng.IntN(5_000)), Text: text.String(), Intent: "none", Outcome: "fallback", Confidence: 0.1})
		if len(batch) == cap(batch) {
			if err := s.AddTurns(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	ix := shippedMatcher(b)
	b.ResetTimer()
	for b.Loop() {
		rep, err := analytics.BuildReport(ctx, s, ix, now.Add(-25*time.Hour))
		if err != nil || rep.Turns != n {
			b.Fatalf("report: %d turns, %v", rep.Turns, err)
		}
		b.ReportMetric(float64(len(rep.Unanswered)), "groups")
	}
}
