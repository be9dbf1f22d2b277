package state

import (
	"context"
	"fmt"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// RateLimits returns rate limits in shared, falling back to local.
func (f *Fallback) RateLimits(shared, local bot.RateLimits) *FallbackRateLimits {
	return &FallbackRateLimits{f: f, shared: shared, local: local}
}

// FallbackRateLimits are rate-limit buckets in a shared store, in local
// memory while it fails: during a failure each replica gives a person the
// whole limit again, from buckets that start full. Its methods never fail.
type FallbackRateLimits struct {
	f             *Fallback
	shared, local bot.RateLimits
}

var _ bot.RateLimits = (*FallbackRateLimits)(nil)

// Take takes from key's bucket in the shared store or, when it fails,
// locally.
func (r *FallbackRateLimits) Take(ctx context.Context, key string, limit bot.RateLimit) (ok, notify bool, err error) {
	if r.f.call(ctx, "ratelimit", func(ctx context.Context) (err error) {
		ok, notify, err = r.shared.Take(ctx, key, limit)
		return err
	}) {
		return ok, notify, nil
	}
	return r.local.Take(ctx, key, limit)
}

// String names the stores in logs.
func (r *FallbackRateLimits) String() string {
	return fmt.Sprint(r.shared) + ", falling back to " + fmt.Sprint(r.local)
}
