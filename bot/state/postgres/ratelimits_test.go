package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
)

func TestRateLimitsConformance(t *testing.T) {
	statetest.RunRateLimits(t, func(t *testing.T, now func() time.Time) bot.RateLimits {
		return open(t, statetest.PostgresSchema(t), postgres.WithClock(now)).RateLimits()
	})
}

// TestRateLimitsAcrossReplicas: two stores on one database stand for two
// replicas; a person over the limit on one is over it on the other.
func TestRateLimitsAcrossReplicas(t *testing.T) {
	ctx := context.Background()
	dsn := statetest.PostgresSchema(t)
	clock := statetest.NewClock()
	a := open(t, dsn, postgres.WithClock(clock.Now)).RateLimits()
	b := open(t, dsn, postgres.WithClock(clock.Now)).RateLimits()
	limit := bot.RateLimit{PerMinute: 60, Burst: 2}
	steps := []struct {
		store      *postgres.RateLimits
		ok, notify bool
	}{{a, true, false}, {b, true, false}, {a, false, true}, {b, false, false}}
	for i, s := range steps {
		ok, notify, err := s.store.Take(ctx, "slack\x00u\x00U1", limit)
		if err != nil || ok != s.ok || notify != s.notify {
			t.Fatalf("take %d = %v, %v, %v; want %v, %v", i+1, ok, notify, err, s.ok, s.notify)
		}
	}
}

func TestRateLimitsSweepDeletesFullBuckets(t *testing.T) {
	ctx := context.Background()
	clock := statetest.NewClock()
	s := open(t, statetest.PostgresSchema(t), postgres.WithClock(clock.Now)).RateLimits()
	limit := bot.RateLimit{PerMinute: 60, Burst: 2} // an empty bucket is full in 2 s
	take := func(key string, want bool) {
		t.Helper()
		if ok, _, err := s.Take(ctx, key, limit); err != nil || ok != want {
			t.Fatalf("Take(%q) = %v, %v; want %v", key, ok, err, want)
		}
	}
	take("spent", true)
	take("spent", true)
	take("half", true)
	clock.Advance(time.Second) // half is full again, spent has one token
	if n, err := s.Sweep(ctx); err != nil || n != 1 {
		t.Fatalf("Sweep = %d, %v; want 1 (half)", n, err)
	}
	take("spent", true)
	take("spent", false) // spent was kept: one token, not two
	clock.Advance(2 * time.Second)
	if n, err := s.Sweep(ctx); err != nil || n != 1 {
		t.Fatalf("Sweep = %d, %v; want 1 (spent)", n, err)
	}
	if n, err := s.Sweep(ctx); err != nil || n != 0 {
		t.Fatalf("a second Sweep = %d, %v; want 0", n, err)
	}
}
