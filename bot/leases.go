package bot

import (
	"context"
	"time"
)

// Leases hands out named leases, each held by one holder at a time: the
// Discord gateway's sessions, so that of several replicas sharing the
// store one connects and the others stand by. Implementations must be
// safe for concurrent use.
//
// Acquire takes name for holder for ttl when it is free or its lease has
// run out, or renews it for ttl when holder holds it, and reports whether
// holder holds it now. An error means the store could not decide.
//
// Release frees name at once if holder holds it, so that another holder
// may take it without waiting for the lease to run out.
type Leases interface {
	Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	Release(ctx context.Context, name, holder string) error
}
