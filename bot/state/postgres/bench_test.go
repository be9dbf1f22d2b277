package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
)

// BenchmarkClaim measures a claim of a new key on loopback, one claimer
// and eight at once, and reports its p50 and p99; BenchmarkClaimDone adds
// the done mark an answered event costs. Run with HELPDESK_TEST_POSTGRES
// set:
//
//	go test ./bot/state/postgres -run '^$' -bench Claim -benchtime 5000x
func BenchmarkClaim(b *testing.B)     { benchClaims(b, false) }
func BenchmarkClaimDone(b *testing.B) { benchClaims(b, true) }

func benchClaims(b *testing.B, done bool) {
	for _, claimers := range []int{1, 8} {
		b.Run(fmt.Sprintf("claimers=%d", claimers), func(b *testing.B) {
			ctx := context.Background()
			c := open(b, statetest.PostgresSchema(b)).Claims()
			latencies := make([]time.Duration, b.N)
			var wg sync.WaitGroup
			next := make(chan int, claimers)
			b.ResetTimer()
			for range claimers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range next {
						key := fmt.Sprint("slack:Ev", i)
						start := time.Now()
						ok, err := c.Claim(ctx, key, 30*time.Second)
						if err == nil && done {
							err = c.Done(ctx, key)
						}
						latencies[i] = time.Since(start)
						if err != nil || !ok {
							b.Errorf("claim %d: %v, %v", i, ok, err)
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
