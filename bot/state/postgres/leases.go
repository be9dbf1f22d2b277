package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Leases is bot.Leases in the store's helpdesk_leases table: a row per
// lease (a Discord gateway shard) with its holder and when it runs out.
// A lease is renewed by updating its row, so a holder that dies, however
// it dies, loses it when the lease runs out.
type Leases struct{ s *Store }

var _ bot.Leases = (*Leases)(nil)

// acquireSQL takes a free or run-out lease, or renews the holder's own, in
// one statement; a row comes back only when the caller holds it.
const acquireSQL = `INSERT INTO helpdesk_leases AS l (name, holder, expires_at)
	SELECT $1, $2, t.now + $4::bigint * interval '1 microsecond'
	FROM (SELECT COALESCE($3::timestamptz, now()) AS now) t
	ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
	WHERE l.holder = EXCLUDED.holder OR l.expires_at <= COALESCE($3::timestamptz, now())
	RETURNING true`

// Acquire takes or renews name for holder unless another holds it.
func (l *Leases) Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	var held bool
	err := l.s.queryRow(ctx, acquireSQL, name, holder, l.s.clock(), ttl.Microseconds()).Scan(&held)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("state: acquire lease: %w", err)
	}
	return held, nil
}

// Release frees name if holder holds it.
func (l *Leases) Release(ctx context.Context, name, holder string) error {
	if _, err := l.s.exec(ctx, `DELETE FROM helpdesk_leases WHERE name = $1 AND holder = $2`, name, holder); err != nil {
		return fmt.Errorf("state: release lease: %w", err)
	}
	return nil
}

// String names the store in logs.
func (l *Leases) String() string { return "postgres" }
