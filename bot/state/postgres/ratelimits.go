package postgres

import (
	"context"
	"fmt"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// RateLimits is bot.RateLimits in the store's helpdesk_rate_limits table:
// a row per bucket with its tokens, when they were counted, the result of
// its last take, and when it will be full again (and as good as absent).
// Keys are stored as bytes: the bot's hold NUL separators, and a user id
// need not be valid UTF-8.
type RateLimits struct{ s *Store }

var _ bot.RateLimits = (*RateLimits)(nil)

// Results of a take, as stored in the last column.
const (
	takeOK     = 0
	takeNotice = 1
	takeSilent = 2
)

// takeSQL spends a token in one statement. A new bucket is full, so its
// first take succeeds. An old one is refilled from the time elapsed since
// it was counted, capped at the burst ($3); one token is taken when there
// is one; otherwise the result is a notice unless the last take already
// failed. The row lock of the upsert orders concurrent takes of one key.
// $4 is the rate in tokens a second.
const takeSQL = `INSERT INTO helpdesk_rate_limits AS b (key, tokens, at, last, full_at)
	SELECT $1, $3::float8 - 1, t.now, 0, t.now + 1 / $4::float8 * interval '1 second'
	FROM (SELECT COALESCE($2::timestamptz, now()) AS now) t
	ON CONFLICT (key) DO UPDATE SET (tokens, at, last, full_at) = (
		SELECT n.tokens, n.at, n.last, n.at + ($3::float8 - n.tokens) / $4::float8 * interval '1 second'
		FROM (SELECT CASE WHEN r.tokens >= 1 THEN r.tokens - 1 ELSE r.tokens END AS tokens, r.at,
				CASE WHEN r.tokens >= 1 THEN 0 WHEN b.last = 0 THEN 1 ELSE 2 END AS last
			FROM (SELECT LEAST($3::float8, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.at - b.at)::float8) * $4::float8) AS tokens,
				GREATEST(b.at, EXCLUDED.at) AS at) r) n)
	RETURNING last`

// Take spends a token of key's bucket shaped by limit, in one round trip.
// A limit that limits nothing lets the take through without a query.
func (r *RateLimits) Take(ctx context.Context, key string, limit bot.RateLimit) (ok, notify bool, err error) {
	if limit.PerMinute <= 0 || limit.Burst <= 0 {
		return true, false, nil
	}
	var last int
	err = r.s.queryRow(ctx, takeSQL, []byte(key), r.s.clock(), float64(limit.Burst), limit.PerMinute/60).Scan(&last)
	if err != nil {
		return false, false, fmt.Errorf("state: take a token: %w", err)
	}
	return last == takeOK, last == takeNotice, nil
}

// Sweep deletes the buckets that are full again, through the index on
// full_at, in batches; it returns how many it deleted. A full bucket
// reads as a bucket never seen, so nothing a take returns changes.
func (r *RateLimits) Sweep(ctx context.Context) (int64, error) {
	n, err := r.s.deleteInBatches(ctx, `DELETE FROM helpdesk_rate_limits WHERE key IN (
		SELECT key FROM helpdesk_rate_limits WHERE full_at <= COALESCE($1::timestamptz, now())
		LIMIT `+fmt.Sprint(sweepBatch)+`)`, r.s.clock())
	if err != nil {
		return n, fmt.Errorf("state: delete full rate-limit buckets: %w", err)
	}
	return n, nil
}

// String names the store in logs.
func (r *RateLimits) String() string { return "postgres" }
