// Package postgres keeps the state several replicas of serve share in a
// PostgreSQL database: event claims, conversations, rate-limit buckets and
// the Discord gateway's leases. Its tables and its
// record of migrations are its own, so the database may be the analytics
// one; the schema is created and migrated on open.
package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Store is the shared state in one PostgreSQL database. It is safe for
// concurrent use.
type Store struct {
	pool      *pgxpool.Pool
	owner     string // this store's name on the claims it takes
	now       func() time.Time
	retention time.Duration
}

// Option configures a Store.
type Option func(*Store)

// WithClock makes the store tell time by now instead of the database's
// clock: for tests, which move time on at will.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithClaimRetention keeps claims for d (bot.DefaultClaimRetention when
// not set or not positive).
func WithClaimRetention(d time.Duration) Option {
	return func(s *Store) {
		if d > 0 {
			s.retention = d
		}
	}
}

// maxConns bounds the connections of one store.
const maxConns = 8

// Open connects to the database at dsn (a postgres:// URL) and migrates
// it.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("state: open postgres: %w", err)
	}
	cfg.MaxConns = maxConns
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("state: open postgres: %w", err)
	}
	owner := make([]byte, 12)
	rand.Read(owner)
	s := &Store{pool: pool, owner: hex.EncodeToString(owner), retention: bot.DefaultClaimRetention}
	for _, o := range opts {
		o(s)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("state: connect to postgres: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("state: migrate postgres: %w", err)
	}
	return s, nil
}

// Close closes the connections.
func (s *Store) Close() { s.pool.Close() }

// Claims are the store's event claims.
func (s *Store) Claims() *Claims { return &Claims{s} }

// Conversations is the store's conversation state.
func (s *Store) Conversations() *Conversations { return &Conversations{s} }

// Leases are the store's leases: the Discord gateway's shards.
func (s *Store) Leases() *Leases { return &Leases{s} }

// RateLimits are the store's rate-limit buckets.
func (s *Store) RateLimits() *RateLimits { return &RateLimits{s} }

// Swept is how many rows of each table a sweep deleted.
type Swept struct {
	Claims, Conversations, RateLimits int64
}

// Total is the rows deleted in all.
func (w Swept) Total() int64 { return w.Claims + w.Conversations + w.RateLimits }

// Sweep deletes the claims older than the retention, the expired
// conversations and the rate-limit buckets full again, and returns how
// many of each it deleted.
func (s *Store) Sweep(ctx context.Context) (Swept, error) {
	var w Swept
	var err error
	if w.Claims, err = s.Claims().Sweep(ctx); err != nil {
		return w, err
	}
	if w.Conversations, err = s.Conversations().Sweep(ctx); err != nil {
		return w, err
	}
	w.RateLimits, err = s.RateLimits().Sweep(ctx)
	return w, err
}

// clock is the time to pass to a statement: nil lets the database use its
// own clock.
func (s *Store) clock() *time.Time {
	if s.now == nil {
		return nil
	}
	t := s.now()
	return &t
}

// sweepBatch bounds the rows one DELETE of a sweep removes, so that a
// long backlog is deleted in short statements.
const sweepBatch = 5000

// deleteInBatches runs query, a DELETE of at most sweepBatch rows taking
// args, until it deletes fewer, and returns the rows deleted.
func (s *Store) deleteInBatches(ctx context.Context, query string, args ...any) (int64, error) {
	var total int64
	for {
		tag, err := s.pool.Exec(ctx, query, args...)
		if err != nil {
			return total, err
		}
		total += tag.RowsAffected()
		if tag.RowsAffected() < sweepBatch {
			return total, nil
		}
	}
}
