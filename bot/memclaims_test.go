package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

func TestMemoryClaimsBounds(t *testing.T) {
	ctx := context.Background()
	claim := func(t *testing.T, m *bot.MemoryClaims, key string, want bool) {
		t.Helper()
		if got, _ := m.Claim(ctx, key, time.Minute); got != want {
			t.Fatalf("Claim(%q) = %v, want %v", key, got, want)
		}
	}
	t.Run("at most max claims: the oldest goes", func(t *testing.T) {
		m := bot.NewMemoryClaims(time.Hour, 3, newFakeClock().Now)
		for _, k := range []string{"a", "b", "c", "d"} {
			claim(t, m, k, true)
		}
		if m.Len() != 3 {
			t.Fatalf("Len = %d, want 3", m.Len())
		}
		claim(t, m, "a", true) // evicted, so claimable again
		claim(t, m, "d", false)
	})
	t.Run("a taken-over claim is dated from the take-over", func(t *testing.T) {
		clock := newFakeClock()
		m := bot.NewMemoryClaims(time.Hour, 10, clock.Now)
		claim(t, m, "k", true)
		clock.Advance(50 * time.Minute)
		claim(t, m, "k", true) // the lease ran out long ago
		_ = m.Done(ctx, "k")
		clock.Advance(20 * time.Minute) // 70 min after the first claim
		if n, _ := m.Sweep(ctx); n != 0 {
			t.Fatalf("Sweep deleted %d claims: the take-over was dated from the first claim", n)
		}
		claim(t, m, "k", false)
	})
	t.Run("released and retaken keys do not pile up", func(t *testing.T) {
		m := bot.NewMemoryClaims(time.Hour, 10, newFakeClock().Now)
		claim(t, m, "held", true) // in front of the others, not expired
		for range 100_000 {
			claim(t, m, "busy", true)
			_ = m.Release(ctx, "busy")
		}
		if m.Len() != 1 {
			t.Fatalf("Len = %d after releases, want 1", m.Len())
		}
		if n := m.RefsHeld(); n > 200 {
			t.Fatalf("%d refs kept for 1 claim: released claims pile up", n)
		}
	})
}

// BenchmarkMemoryClaims measures a claim and its done mark in a full store
// whose claims expire as time goes by: the cost must not grow with the
// number of claims held (no scan).
func BenchmarkMemoryClaims(b *testing.B) {
	for _, size := range []int{1_000, 100_000} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			ctx := context.Background()
			clock := newFakeClock()
			m := bot.NewMemoryClaims(time.Duration(size)*time.Millisecond, size, clock.Now)
			for i := range size {
				_, _ = m.Claim(ctx, fmt.Sprint("old", i), time.Second)
				clock.Advance(time.Millisecond)
			}
			keys := make([]string, 4096)
			for i := range keys {
				keys[i] = fmt.Sprint("new", i)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := keys[i%len(keys)]
				if i%len(keys) == 0 {
					clock.Advance(time.Duration(size) * time.Millisecond)
				}
				_, _ = m.Claim(ctx, k, time.Second)
				_ = m.Done(ctx, k)
			}
		})
	}
}

// TestClaimsWithLease: the lease given to ClaimsWithLease is the one
// taken, not the caller's: a claim not done expires after it.
func TestClaimsWithLease(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	c := bot.ClaimsWithLease(bot.NewMemoryClaims(time.Hour, 100, clock), 5*time.Second)
	ctx := context.Background()
	if won, err := c.Claim(ctx, "ev", bot.DefaultClaimLease); err != nil || !won {
		t.Fatalf("first claim: %v, %v", won, err)
	}
	now = now.Add(4 * time.Second)
	if won, _ := c.Claim(ctx, "ev", bot.DefaultClaimLease); won {
		t.Fatal("claimed again within the 5 s lease")
	}
	now = now.Add(2 * time.Second)
	if won, _ := c.Claim(ctx, "ev", bot.DefaultClaimLease); !won {
		t.Fatal("not claimed again 6 s later: the caller's 30 s lease was used, not the 5 s one")
	}
}
