package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
)

// BenchmarkRateLimitTake measures a take on loopback, from 20 people in
// turn (each bucket updated, never new after the first round), one taker
// and eight at once, and reports its p50 and p99. Run with
// HELPDESK_TEST_POSTGRES set:
//
//	go test ./bot/state/postgres -run '^$' -bench RateLimitTake -benchtime 5000x -cpu 1
func BenchmarkRateLimitTake(b *testing.B) {
	limit := bot.RateLimit{PerMinute: 20, Burst: 5}
	for _, takers := range []int{1, 8} {
		b.Run(fmt.Sprintf("takers=%d", takers), func(b *testing.B) {
			ctx := context.Background()
			rl := open(b, statetest.PostgresSchema(b)).RateLimits()
			latencies := make([]time.Duration, b.N)
			var wg sync.WaitGroup
			next := make(chan int, takers)
			b.ResetTimer()
			for range takers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range next {
						start := time.Now()
						_, _, err := rl.Take(ctx, fmt.Sprint("slack\x00u\x00U", i%20), limit)
						latencies[i] = time.Since(start)
						if err != nil {
							b.Errorf("take %d: %v", i, err)
						}
					}
				}()
			}
			for i := range b.N {
				next <- i
			}
			close(next)
			wg.Wait()
			b.StopTimer()
			slices.Sort(latencies)
			b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds()), "p99-µs")
		})
	}
}
