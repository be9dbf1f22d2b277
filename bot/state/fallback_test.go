package state_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/state"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

var errDown = errors.New("dial tcp 127.0.0.1:5432: connection refused")

// sharedStore is a shared store that works in memory while up, and fails
// every call while down. Calls without a deadline fail the test.
type sharedStore struct {
	t      *testing.T
	claims *bot.MemoryClaims
	convs  *bot.MemoryConversations

	mu   sync.Mutex
	down bool
}

func newShared(t *testing.T, now func() time.Time) *sharedStore {
	return &sharedStore{t: t, claims: bot.NewMemoryClaims(time.Hour, 100, now), convs: bot.NewMemoryConversations(100, now)}
}

func (s *sharedStore) setDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

func (s *sharedStore) check(ctx context.Context) error {
	deadline, ok := ctx.Deadline()
	if !ok || time.Until(deadline) > state.Timeout {
		s.t.Errorf("a call to the shared store is not bounded by %v", state.Timeout)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down {
		return errDown
	}
	return nil
}

func (s *sharedStore) Claim(ctx context.Context, key string, lease time.Duration) (bool, error) {
	if err := s.check(ctx); err != nil {
		return false, err
	}
	return s.claims.Claim(ctx, key, lease)
}

func (s *sharedStore) Done(ctx context.Context, key string) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	return s.claims.Done(ctx, key)
}

func (s *sharedStore) Release(ctx context.Context, key string) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	return s.claims.Release(ctx, key)
}

func (s *sharedStore) Get(ctx context.Context, key string) (bot.ConversationState, bool, error) {
	if err := s.check(ctx); err != nil {
		return bot.ConversationState{}, false, err
	}
	return s.convs.Get(ctx, key)
}

func (s *sharedStore) Put(ctx context.Context, key string, st bot.ConversationState, ttl time.Duration) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	return s.convs.Put(ctx, key, st, ttl)
}

func (s *sharedStore) Delete(ctx context.Context, key string) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	return s.convs.Delete(ctx, key)
}

func (s *sharedStore) String() string { return "shared" }

// fixture is a Fallback over a shared store and local memory.
type fixture struct {
	shared *sharedStore
	local  *bot.MemoryClaims
	claims *state.FallbackClaims
	convs  *state.FallbackConversations
	fb     *state.Fallback
	logs   *testkit.LogBuffer
	clock  *statetest.Clock

	mu       sync.Mutex
	failures map[string]int
}

func newFixture(t *testing.T) *fixture {
	clock := statetest.NewClock()
	f := &fixture{shared: newShared(t, clock.Now), local: bot.NewMemoryClaims(time.Hour, 100, clock.Now),
		logs: &testkit.LogBuffer{}, clock: clock, failures: map[string]int{}}
	f.fb = state.NewFallback(slog.New(slog.NewTextHandler(f.logs, nil)), clock.Now, func(op string) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.failures[op]++
	})
	f.claims = f.fb.Claims(f.shared, f.local)
	f.convs = f.fb.Conversations(f.shared, bot.NewMemoryConversations(100, clock.Now))
	return f
}

func (f *fixture) claim(t *testing.T, key string, want bool) {
	t.Helper()
	got, err := f.claims.Claim(context.Background(), key, time.Minute)
	if err != nil || got != want {
		t.Fatalf("Claim(%q) = %v, %v; want %v", key, got, err, want)
	}
}

func TestFallbackClaims(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	t.Run("while the shared store answers, it decides", func(t *testing.T) {
		f.claim(t, "a", true)
		if ok, _ := f.shared.claims.Claim(ctx, "a", time.Minute); ok {
			t.Fatal("the claim did not reach the shared store")
		}
		if f.local.Len() != 0 || f.fb.Degraded() {
			t.Fatalf("local claims %d, degraded %v", f.local.Len(), f.fb.Degraded())
		}
	})
	t.Run("while it fails, this process's memory decides", func(t *testing.T) {
		f.shared.setDown(true)
		for range 5 {
			f.claim(t, "b", f.local.Len() == 0)
		}
		if err := f.claims.Done(ctx, "b"); err != nil {
			t.Fatalf("Done failed: %v", err)
		}
		f.clock.Advance(2 * time.Minute) // past the lease: done holds
		f.claim(t, "b", false)
		if !f.fb.Degraded() {
			t.Fatal("not degraded while the shared store fails")
		}
		f.mu.Lock()
		claims, dones := f.failures["claim"], f.failures["done"]
		f.mu.Unlock()
		if claims != 6 || dones != 1 {
			t.Fatalf("failures counted: %d claims, %d done; want 6, 1", claims, dones)
		}
		logs := f.logs.String()
		// Six failures in the first minute, one in the third: a warning
		// each minute, the second counting those held back.
		if n := strings.Count(logs, "level=WARN"); n != 2 || !strings.Contains(logs, "suppressed=5") {
			t.Fatalf("%d warnings for 7 failures over two minutes, want 2, the second with suppressed=5:\n%s", n, logs)
		}
		if !strings.Contains(logs, "connection refused") {
			t.Fatalf("the warning does not say why:\n%s", logs)
		}
	})
	t.Run("once it answers again, it decides again", func(t *testing.T) {
		f.shared.setDown(false)
		f.claim(t, "c", true)
		f.claim(t, "c", false)
		if f.fb.Degraded() {
			t.Fatal("still degraded")
		}
		if !strings.Contains(f.logs.String(), "reachable again") {
			t.Fatalf("the recovery is not logged:\n%s", f.logs.String())
		}
		if ok, _ := f.local.Claim(ctx, "c", time.Minute); !ok {
			t.Fatal("a claim went to local memory while the shared store answered")
		}
	})
	if got := f.claims.String(); got != "shared, falling back to memory" {
		t.Errorf("String = %q", got)
	}
}

func TestFallbackConversations(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	put := func(t *testing.T, last string) {
		t.Helper()
		if err := f.convs.Put(ctx, "k", bot.ConversationState{Last: last}, time.Hour); err != nil {
			t.Fatalf("Put: %v", err)
		}
	}
	get := func(t *testing.T, want string) {
		t.Helper()
		got, ok, err := f.convs.Get(ctx, "k")
		if err != nil || (want == "") == ok || got.Last != want {
			t.Fatalf("Get = %+v, %v, %v; want %q", got, ok, err, want)
		}
	}
	put(t, "shared")
	f.shared.setDown(true)
	get(t, "") // the shared state is out of reach
	put(t, "local")
	get(t, "local")
	f.shared.setDown(false)
	get(t, "shared")
	put(t, "shared again")
	f.shared.setDown(true)
	get(t, "") // the local copy was dropped once the shared store had a newer one
	f.shared.setDown(false)
	if err := f.convs.Delete(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	get(t, "")
}

// rateLimits are shared buckets that fail every take while down.
type rateLimits struct {
	*sharedStore
	buckets *bot.MemoryRateLimits
}

func (r rateLimits) Take(ctx context.Context, key string, limit bot.RateLimit) (bool, bool, error) {
	if err := r.check(ctx); err != nil {
		return false, false, err
	}
	return r.buckets.Take(ctx, key, limit)
}

func TestFallbackRateLimits(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	shared := rateLimits{f.shared, bot.NewMemoryRateLimits(f.clock.Now)}
	rl := f.fb.RateLimits(shared, bot.NewMemoryRateLimits(f.clock.Now))
	limit := bot.RateLimit{PerMinute: 1, Burst: 2}
	take := func(t *testing.T, want bool) {
		t.Helper()
		ok, _, err := rl.Take(ctx, "u", limit)
		if err != nil || ok != want {
			t.Fatalf("Take = %v, %v; want %v", ok, err, want)
		}
	}
	take(t, true)
	take(t, true)
	take(t, false) // the shared bucket is empty
	f.shared.setDown(true)
	take(t, true) // the local bucket starts full
	take(t, true)
	take(t, false)
	f.mu.Lock()
	failures := f.failures["ratelimit"]
	f.mu.Unlock()
	if failures != 3 || !f.fb.Degraded() {
		t.Fatalf("%d failures counted, degraded %v; want 3, true", failures, f.fb.Degraded())
	}
	f.shared.setDown(false)
	take(t, false) // the shared bucket decides again, still empty
	if f.fb.Degraded() {
		t.Fatal("still degraded")
	}
	if got := rl.String(); got != "shared, falling back to memory" {
		t.Errorf("String = %q", got)
	}
}
