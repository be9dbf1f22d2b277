// Package postgres keeps the state several replicas of serve share in a
// PostgreSQL database: event claims, conversations, rate-limit buckets and
// the Discord gateway's leases. Its tables and its
// record of migrations are its own, so the database may be the analytics
// one; the schema is created and migrated on open (or, for a database that
// does not answer yet, on the first call once it does).
package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
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
	// migrated is set once the schema is known to be up to date; until
	// then every call first tries to connect and migrate (at most every
	// retryConnect), and fails when it cannot.
	migrated atomic.Bool
	readyMu  sync.Mutex
	lastTry  time.Time
	lastErr  error
}

// retryConnect is how often a store opened while the database was
// unreachable tries again to connect and migrate; the calls in between
// fail at once with the last error.
const retryConnect = 2 * time.Second

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
// it; it fails when it cannot.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	s, err := newStore(dsn, opts)
	if err != nil {
		return nil, err
	}
	if err := s.ready(ctx); err != nil {
		s.pool.Close()
		return nil, err
	}
	return s, nil
}

// OpenLazy is Open for a database that may not answer yet: it fails only
// for a dsn it cannot read, and otherwise returns a store that connects
// and migrates on its first call that can (trying at most every 2 s); the
// calls before then fail, so that a state.Fallback answers from memory
// meanwhile. ready is the first attempt's outcome.
func OpenLazy(ctx context.Context, dsn string, opts ...Option) (s *Store, ready error, err error) {
	s, err = newStore(dsn, opts)
	if err != nil {
		return nil, nil, err
	}
	return s, s.ready(ctx), nil
}

func newStore(dsn string, opts []Option) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("state: open postgres: %w", err)
	}
	cfg.MaxConns = maxConns
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, fmt.Errorf("state: open postgres: %w", err)
	}
	owner := make([]byte, 12)
	rand.Read(owner)
	s := &Store{pool: pool, owner: hex.EncodeToString(owner), retention: bot.DefaultClaimRetention}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// ready connects and migrates the database unless that was done already,
// and reports why it cannot; a failed attempt is repeated only after
// retryConnect.
func (s *Store) ready(ctx context.Context) error {
	if s.migrated.Load() {
		return nil
	}
	s.readyMu.Lock()
	defer s.readyMu.Unlock()
	if s.migrated.Load() {
		return nil
	}
	now := time.Now()
	if !s.lastTry.IsZero() && now.Sub(s.lastTry) < retryConnect {
		return s.lastErr
	}
	s.lastTry = now
	if err := s.pool.Ping(ctx); err != nil {
		s.lastErr = fmt.Errorf("state: connect to postgres: %w", err)
		return s.lastErr
	}
	if err := s.migrate(ctx); err != nil {
		s.lastErr = fmt.Errorf("state: migrate postgres: %w", err)
		return s.lastErr
	}
	s.migrated.Store(true)
	return nil
}

// exec runs a statement once the store is ready.
func (s *Store) exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if err := s.ready(ctx); err != nil {
		return pgconn.CommandTag{}, err
	}
	return s.pool.Exec(ctx, sql, args...)
}

// queryRow runs a query of one row once the store is ready.
func (s *Store) queryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if err := s.ready(ctx); err != nil {
		return errRow{err}
	}
	return s.pool.QueryRow(ctx, sql, args...)
}

// errRow is the row of a query that could not run.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

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
		tag, err := s.exec(ctx, query, args...)
		if err != nil {
			return total, err
		}
		total += tag.RowsAffected()
		if tag.RowsAffected() < sweepBatch {
			return total, nil
		}
	}
}
