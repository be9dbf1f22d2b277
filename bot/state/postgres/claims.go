package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Claims is bot.Claims in the store's helpdesk_claims table.
type Claims struct{ s *Store }

var _ bot.Claims = (*Claims)(nil)

// claimSQL takes a key in one statement: a new key is inserted; a key
// held is taken over only when it is not done and its lease has run out.
// A row comes back only when the caller won.
const claimSQL = `INSERT INTO helpdesk_claims AS c (key, owner, claimed_at, expires_at)
	SELECT $1, $2, t.now, t.now + $4::bigint * interval '1 microsecond'
	FROM (SELECT COALESCE($3::timestamptz, now()) AS now) t
	ON CONFLICT (key) DO UPDATE
	SET owner = EXCLUDED.owner, claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at
	WHERE NOT c.done AND c.expires_at <= EXCLUDED.claimed_at
	RETURNING true`

// Claim takes key for lease unless it is done or held by a lease that has
// not run out.
func (c *Claims) Claim(ctx context.Context, key string, lease time.Duration) (bool, error) {
	var won bool
	err := c.s.queryRow(ctx, claimSQL, key, c.s.owner, c.s.clock(), lease.Microseconds()).Scan(&won)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("state: claim: %w", err)
	}
	return won, nil
}

// Done marks key answered.
func (c *Claims) Done(ctx context.Context, key string) error {
	if _, err := c.s.exec(ctx, `UPDATE helpdesk_claims SET done = true WHERE key = $1`, key); err != nil {
		return fmt.Errorf("state: mark claim done: %w", err)
	}
	return nil
}

// Release deletes key's claim if this store holds it and it is not done:
// a claim another replica took over after the lease ran out stays.
func (c *Claims) Release(ctx context.Context, key string) error {
	if _, err := c.s.exec(ctx, `DELETE FROM helpdesk_claims WHERE key = $1 AND owner = $2 AND NOT done`, key, c.s.owner); err != nil {
		return fmt.Errorf("state: release claim: %w", err)
	}
	return nil
}

// Sweep deletes the claims taken the retention or more ago, through the
// index on claimed_at, in batches; it returns how many it deleted.
func (c *Claims) Sweep(ctx context.Context) (int64, error) {
	n, err := c.s.deleteInBatches(ctx, `DELETE FROM helpdesk_claims WHERE key IN (
		SELECT key FROM helpdesk_claims
		WHERE claimed_at <= COALESCE($1::timestamptz, now()) - $2::bigint * interval '1 microsecond'
		LIMIT `+fmt.Sprint(sweepBatch)+`)`, c.s.clock(), c.s.retention.Microseconds())
	if err != nil {
		return n, fmt.Errorf("state: delete old claims: %w", err)
	}
	return n, nil
}

// String names the store in logs.
func (c *Claims) String() string { return "postgres" }
