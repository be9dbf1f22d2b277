package statetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// NewRateLimits returns a fresh, empty store that tells time by now.
type NewRateLimits func(t *testing.T, now func() time.Time) bot.RateLimits

// take is what one Take should return.
type take struct{ ok, notify bool }

var (
	taken    = take{ok: true}
	notice   = take{notify: true}
	silenced = take{}
)

// RunRateLimits runs the rate limits conformance suite on the stores
// newStore makes.
func RunRateLimits(t *testing.T, newStore NewRateLimits) {
	ctx := context.Background()
	perSecond := bot.RateLimit{PerMinute: 60, Burst: 2}
	fresh := func(t *testing.T) (bot.RateLimits, *Clock) {
		clock := NewClock()
		return newStore(t, clock.Now), clock
	}
	t.Run("a burst, one notice, then silence", func(t *testing.T) {
		s, _ := fresh(t)
		mustTake(t, s, "slack\x00u\x00U1", perSecond, taken, taken, notice, silenced, silenced)
	})
	t.Run("keys are apart", func(t *testing.T) {
		s, _ := fresh(t)
		mustTake(t, s, "slack\x00u\x00U1", perSecond, taken, taken, notice)
		mustTake(t, s, "slack\x00u\x00U2", perSecond, taken, taken, notice)
		mustTake(t, s, "discord\x00u\x00U1", perSecond, taken)
	})
	t.Run("tokens come back at the rate, and a take rearms the notice", func(t *testing.T) {
		s, clock := fresh(t)
		mustTake(t, s, "k", perSecond, taken, taken, notice)
		clock.Advance(999 * time.Millisecond)
		mustTake(t, s, "k", perSecond, silenced)
		clock.Advance(time.Millisecond)
		mustTake(t, s, "k", perSecond, taken, notice, silenced)
	})
	t.Run("fractions of a token add up", func(t *testing.T) {
		s, clock := fresh(t)
		mustTake(t, s, "k", perSecond, taken, taken, notice)
		for range 3 {
			clock.Advance(250 * time.Millisecond)
			mustTake(t, s, "k", perSecond, silenced)
		}
		clock.Advance(250 * time.Millisecond)
		mustTake(t, s, "k", perSecond, taken)
	})
	t.Run("a long idle refills up to the burst, not beyond", func(t *testing.T) {
		s, clock := fresh(t)
		mustTake(t, s, "k", perSecond, taken, taken, notice)
		clock.Advance(time.Hour)
		mustTake(t, s, "k", perSecond, taken, taken, notice)
	})
	t.Run("a bucket in use is never forgotten", func(t *testing.T) {
		// A token a minute, bursts of two: an empty bucket refills in 2
		// minutes. 4 tokens spent in 200 s, 2.5 back: none left.
		s, clock := fresh(t)
		slow := bot.RateLimit{PerMinute: 1, Burst: 2}
		mustTake(t, s, "other", slow, taken)
		for range 4 {
			clock.Advance(50 * time.Second)
			if _, _, err := s.Take(ctx, "k", slow); err != nil {
				t.Fatal(err)
			}
		}
		mustTake(t, s, "k", slow, notice)
	})
	t.Run("concurrent takers spend the burst once and notify once", func(t *testing.T) {
		s, _ := fresh(t)
		limit := bot.RateLimit{PerMinute: 1, Burst: 10}
		const takers, each = 8, 4
		var oks, notices, errs atomic.Int64
		start := make(chan struct{})
		var wg sync.WaitGroup
		for range takers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for range each {
					ok, notify, err := s.Take(ctx, "busy", limit)
					switch {
					case err != nil:
						errs.Add(1)
					case ok:
						oks.Add(1)
					case notify:
						notices.Add(1)
					}
				}
			}()
		}
		close(start)
		waitGroup(t, &wg)
		if errs.Load() > 0 || oks.Load() != 10 || notices.Load() != 1 {
			t.Fatalf("%d takes: %d ok, %d notices, %d errors; want 10 ok and 1 notice",
				takers*each, oks.Load(), notices.Load(), errs.Load())
		}
	})
}

// mustTake takes from key's bucket once per result in want, in order.
func mustTake(t *testing.T, s bot.RateLimits, key string, limit bot.RateLimit, want ...take) {
	t.Helper()
	for i, w := range want {
		ok, notify, err := s.Take(context.Background(), key, limit)
		if err != nil {
			t.Fatalf("take %d of %q: %v", i+1, key, err)
		}
		if got := (take{ok: ok, notify: notify}); got != w {
			t.Fatalf("take %d of %q = %+v, want %+v", i+1, key, got, w)
		}
	}
}
