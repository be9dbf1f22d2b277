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

// ClaimsStore is a bot.Claims under test. Sweep deletes the claims taken
// the store's retention or more ago and returns how many it deleted.
type ClaimsStore interface {
	bot.Claims
	Sweep(ctx context.Context) (int64, error)
}

// NewClaims returns a fresh, empty store that tells time by now and keeps
// claims for retention.
type NewClaims func(t *testing.T, now func() time.Time, retention time.Duration) ClaimsStore

const (
	lease     = 30 * time.Second
	retention = time.Hour
)

// RunClaims runs the claims conformance suite on the stores newStore
// makes.
func RunClaims(t *testing.T, newStore NewClaims) {
	ctx := context.Background()
	fresh := func(t *testing.T) (ClaimsStore, *Clock) {
		clock := NewClock()
		return newStore(t, clock.Now, retention), clock
	}
	t.Run("the first claim wins", func(t *testing.T) {
		s, _ := fresh(t)
		mustClaim(t, s, "slack:Ev1", true)
		mustClaim(t, s, "slack:Ev1", false)
		mustClaim(t, s, "slack:Ev2", true)
	})
	t.Run("concurrent claimers: one winner per key", func(t *testing.T) {
		s, _ := fresh(t)
		const claimers, keys = 16, 25
		var wins [keys]atomic.Int64
		var errs atomic.Int64
		start := make(chan struct{})
		var wg sync.WaitGroup
		for g := range claimers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := range keys {
					k := (i + g) % keys // each claimer in its own order
					ok, err := s.Claim(ctx, fmt.Sprintf("slack:Ev%d", k), lease)
					if err != nil {
						errs.Add(1)
					}
					if ok {
						wins[k].Add(1)
					}
				}
			}()
		}
		close(start)
		waitGroup(t, &wg)
		if errs.Load() > 0 {
			t.Fatalf("%d claims failed", errs.Load())
		}
		for k := range wins {
			if n := wins[k].Load(); n != 1 {
				t.Errorf("key %d: %d winners of %d claimers, want 1", k, n, claimers)
			}
		}
	})
	t.Run("an expired lease lets a retry take over", func(t *testing.T) {
		s, clock := fresh(t)
		mustClaim(t, s, "k", true)
		clock.Advance(lease - time.Second)
		mustClaim(t, s, "k", false)
		clock.Advance(time.Second)
		mustClaim(t, s, "k", true)
		mustClaim(t, s, "k", false) // the new lease holds
	})
	t.Run("done blocks later claims past the lease", func(t *testing.T) {
		s, clock := fresh(t)
		mustClaim(t, s, "k", true)
		must(t, s.Done(ctx, "k"))
		clock.Advance(10 * lease)
		mustClaim(t, s, "k", false)
	})
	t.Run("release frees the key at once", func(t *testing.T) {
		s, _ := fresh(t)
		mustClaim(t, s, "k", true)
		must(t, s.Release(ctx, "k"))
		mustClaim(t, s, "k", true)
		mustClaim(t, s, "k", false)
	})
	t.Run("release does not undo done", func(t *testing.T) {
		s, _ := fresh(t)
		mustClaim(t, s, "k", true)
		must(t, s.Done(ctx, "k"))
		must(t, s.Release(ctx, "k"))
		mustClaim(t, s, "k", false)
	})
	t.Run("done and release of a key never claimed", func(t *testing.T) {
		s, _ := fresh(t)
		must(t, s.Done(ctx, "never"))
		must(t, s.Release(ctx, "never either"))
		mustClaim(t, s, "never", true)
		mustClaim(t, s, "never either", true)
	})
	t.Run("claims older than the retention are deleted", func(t *testing.T) {
		s, clock := fresh(t)
		mustClaim(t, s, "answered", true)
		must(t, s.Done(ctx, "answered"))
		mustClaim(t, s, "abandoned", true)
		clock.Advance(retention / 2)
		mustClaim(t, s, "recent", true)
		must(t, s.Done(ctx, "recent"))
		clock.Advance(retention / 2)
		n, err := s.Sweep(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Fatalf("Sweep deleted %d claims, want 2 (answered, abandoned)", n)
		}
		mustClaim(t, s, "answered", true) // deleted: claimable again
		mustClaim(t, s, "recent", false)  // kept, done
		if n, err := s.Sweep(ctx); err != nil || n != 0 {
			t.Fatalf("a second Sweep deleted %d, %v; want 0", n, err)
		}
	})
}

func mustClaim(t *testing.T, s bot.Claims, key string, want bool) {
	t.Helper()
	got, err := s.Claim(context.Background(), key, lease)
	if err != nil {
		t.Fatalf("Claim(%q): %v", key, err)
	}
	if got != want {
		t.Fatalf("Claim(%q) = %v, want %v", key, got, want)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// waitGroup waits for wg, failing the test after 30 seconds.
func waitGroup(t *testing.T, wg *sync.WaitGroup) {
	t.Helper()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("waited 30s for the claimers")
	}
}
