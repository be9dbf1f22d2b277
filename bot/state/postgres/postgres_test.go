package postgres_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
)

func open(t testing.TB, dsn string, opts ...postgres.Option) *postgres.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := postgres.Open(ctx, dsn, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func TestClaimsConformance(t *testing.T) {
	statetest.RunClaims(t, func(t *testing.T, now func() time.Time, retention time.Duration) statetest.ClaimsStore {
		return open(t, statetest.PostgresSchema(t), postgres.WithClock(now), postgres.WithClaimRetention(retention)).Claims()
	})
}

func TestConversationsConformance(t *testing.T) {
	statetest.RunConversations(t, func(t *testing.T, now func() time.Time) statetest.ConversationStore {
		return open(t, statetest.PostgresSchema(t), postgres.WithClock(now)).Conversations()
	})
}

// TestClaimsAcrossReplicas: two stores on one database stand for two
// replicas.
func TestClaimsAcrossReplicas(t *testing.T) {
	ctx := context.Background()
	dsn := statetest.PostgresSchema(t)
	clock := statetest.NewClock()
	a := open(t, dsn, postgres.WithClock(clock.Now)).Claims()
	b := open(t, dsn, postgres.WithClock(clock.Now)).Claims()
	claim := func(c *postgres.Claims, key string, want bool) {
		t.Helper()
		if got, err := c.Claim(ctx, key, 30*time.Second); err != nil || got != want {
			t.Fatalf("Claim(%q) = %v, %v; want %v", key, got, err, want)
		}
	}
	t.Run("one replica wins, the other sees it taken", func(t *testing.T) {
		claim(a, "one", true)
		claim(b, "one", false)
		_ = a.Done(ctx, "one")
		claim(b, "one", false)
	})
	t.Run("a stale holder's release leaves the new holder's claim", func(t *testing.T) {
		claim(a, "two", true)
		clock.Advance(31 * time.Second) // a died, or stalled, past its lease
		claim(b, "two", true)
		if err := a.Release(ctx, "two"); err != nil {
			t.Fatal(err)
		}
		claim(a, "two", false)
	})
	t.Run("many replicas race for many keys", func(t *testing.T) {
		stores := []*postgres.Claims{a, b, open(t, dsn, postgres.WithClock(clock.Now)).Claims()}
		const keys = 200
		var wins atomic.Int64
		var wg sync.WaitGroup
		for _, s := range stores {
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range keys {
						if ok, err := s.Claim(ctx, fmt.Sprint("race:", i), time.Minute); err != nil {
							t.Error(err)
							return
						} else if ok {
							wins.Add(1)
						}
					}
				}()
			}
		}
		wg.Wait()
		if wins.Load() != keys {
			t.Fatalf("%d wins for %d keys across %d replicas", wins.Load(), keys, len(stores))
		}
	})
}

func TestMigrationsAreVersionedApartFromAnalytics(t *testing.T) {
	ctx := context.Background()
	dsn := statetest.PostgresSchema(t)
	open(t, dsn).Close()
	open(t, dsn) // a second open finds the schema current
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var versions, analytics int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM helpdesk_state_migrations`).Scan(&versions); err != nil {
		t.Fatal(err)
	}
	if versions != 3 {
		t.Fatalf("%d migrations recorded, want 3", versions)
	}
	err = conn.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('helpdesk_migrations', 'turns', 'feedback')`).Scan(&analytics)
	if err != nil || analytics != 0 {
		t.Fatalf("the state store created %d analytics tables (%v)", analytics, err)
	}
}

func TestTheDatabaseClockIsUsedByDefault(t *testing.T) {
	ctx := context.Background()
	s := open(t, statetest.PostgresSchema(t), postgres.WithClaimRetention(time.Hour))
	c := s.Claims()
	if ok, err := c.Claim(ctx, "k", time.Hour); !ok || err != nil {
		t.Fatalf("Claim = %v, %v", ok, err)
	}
	if ok, _ := c.Claim(ctx, "k", time.Hour); ok {
		t.Fatal("a claim held for an hour was taken again")
	}
	if ok, err := c.Claim(ctx, "brief", time.Microsecond); !ok || err != nil {
		t.Fatalf("Claim = %v, %v", ok, err)
	}
	// The lease of a microsecond has run out by the next statement: each
	// statement reads the database's clock anew.
	if ok, err := c.Claim(ctx, "brief", time.Hour); !ok || err != nil {
		t.Fatalf("Claim after a lease of 1µs = %v, %v; want a take-over", ok, err)
	}
	conv := s.Conversations()
	if err := conv.Put(ctx, "c", bot.ConversationState{Last: "x"}, time.Hour); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := conv.Get(ctx, "c"); !ok || err != nil || got.Last != "x" {
		t.Fatalf("Get = %+v, %v, %v", got, ok, err)
	}
	if ok, _, err := s.RateLimits().Take(ctx, "k", bot.RateLimit{PerMinute: 1, Burst: 2}); !ok || err != nil {
		t.Fatalf("Take = %v, %v", ok, err)
	}
	if swept, err := s.Sweep(ctx); err != nil || swept.Total() != 0 {
		t.Fatalf("Sweep = %+v, %v; nothing is old yet", swept, err)
	}
}

// TestEveryStateFieldIsStored fails when bot.ConversationState gains a
// field the stored form does not carry: update storedState and the
// conformance suite's fullState with it.
func TestEveryStateFieldIsStored(t *testing.T) {
	const stored = 9
	if n := reflect.TypeFor[bot.ConversationState]().NumField(); n != stored {
		t.Fatalf("bot.ConversationState has %d fields, the PostgreSQL store carries %d", n, stored)
	}
}

func TestOpenFailsOnABadURL(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Port 1 on loopback: nothing listens there.
	if _, err := postgres.Open(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"); err == nil {
		t.Fatal("Open succeeded without a server")
	}
}
