package statetest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// NewLeases returns a fresh, empty store that tells time by now.
type NewLeases func(t *testing.T, now func() time.Time) bot.Leases

const gatewayTTL = 6 * time.Second

// RunLeases runs the leases conformance suite on the stores newStore
// makes.
func RunLeases(t *testing.T, newStore NewLeases) {
	ctx := context.Background()
	fresh := func(t *testing.T) (bot.Leases, *Clock) {
		clock := NewClock()
		return newStore(t, clock.Now), clock
	}
	const shard = "discord:gateway:APP:0"
	t.Run("one holder at a time", func(t *testing.T) {
		s, _ := fresh(t)
		mustAcquire(t, s, shard, "a", true)
		mustAcquire(t, s, shard, "b", false)
		mustAcquire(t, s, "discord:gateway:APP:1", "b", true) // another shard
	})
	t.Run("the holder renews its lease", func(t *testing.T) {
		s, clock := fresh(t)
		mustAcquire(t, s, shard, "a", true)
		clock.Advance(gatewayTTL - time.Second)
		mustAcquire(t, s, shard, "a", true)
		clock.Advance(gatewayTTL - time.Second) // past the first lease, within the renewed one
		mustAcquire(t, s, shard, "b", false)
	})
	t.Run("a lease run out is taken over", func(t *testing.T) {
		s, clock := fresh(t)
		mustAcquire(t, s, shard, "a", true)
		clock.Advance(gatewayTTL)
		mustAcquire(t, s, shard, "b", true)
		mustAcquire(t, s, shard, "a", false) // the old holder is out
	})
	t.Run("release frees it at once, only by its holder", func(t *testing.T) {
		s, _ := fresh(t)
		mustAcquire(t, s, shard, "a", true)
		must(t, s.Release(ctx, shard, "b"))
		mustAcquire(t, s, shard, "b", false)
		must(t, s.Release(ctx, shard, "a"))
		mustAcquire(t, s, shard, "b", true)
		must(t, s.Release(ctx, "never held", "b"))
	})
	t.Run("concurrent acquirers: one holder", func(t *testing.T) {
		s, _ := fresh(t)
		const holders = 12
		var wins, errs atomic.Int64
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range holders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				ok, err := s.Acquire(ctx, shard, fmt.Sprint("replica", i), gatewayTTL)
				if err != nil {
					errs.Add(1)
				} else if ok {
					wins.Add(1)
				}
			}()
		}
		close(start)
		waitGroup(t, &wg)
		if errs.Load() > 0 || wins.Load() != 1 {
			t.Fatalf("%d holders of %d acquirers, %d errors; want 1 holder", wins.Load(), holders, errs.Load())
		}
	})
}

func mustAcquire(t *testing.T, s bot.Leases, name, holder string, want bool) {
	t.Helper()
	got, err := s.Acquire(context.Background(), name, holder, gatewayTTL)
	if err != nil {
		t.Fatalf("Acquire(%q, %q): %v", name, holder, err)
	}
	if got != want {
		t.Fatalf("Acquire(%q, %q) = %v, want %v", name, holder, got, want)
	}
}
