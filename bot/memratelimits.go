package bot

import (
	"context"
	"sync"
	"time"
)

// MemoryRateLimits is RateLimits in memory, for one process: the bot's
// default. Each limit's buckets are kept apart, in two generations (see
// limiter), so memory stays bounded without a scan. It is safe for
// concurrent use.
type MemoryRateLimits struct {
	now      func() time.Time
	limiters sync.Map // RateLimit -> *limiter
}

var _ RateLimits = (*MemoryRateLimits)(nil)

// NewMemoryRateLimits returns buckets in memory telling time by now
// (time.Now when nil).
func NewMemoryRateLimits(now func() time.Time) *MemoryRateLimits {
	if now == nil {
		now = time.Now
	}
	return &MemoryRateLimits{now: now}
}

// Take spends a token of key's bucket shaped by limit. It never fails; a
// limit that limits nothing (a rate or burst not positive) always lets
// the take through.
func (m *MemoryRateLimits) Take(_ context.Context, key string, limit RateLimit) (ok, notify bool, err error) {
	if !limit.valid() {
		return true, false, nil
	}
	l, found := m.limiters.Load(limit)
	if !found {
		l, _ = m.limiters.LoadOrStore(limit, newLimiter(limit.PerMinute, limit.Burst, m.now))
	}
	ok, notify = l.(*limiter).take(key)
	return ok, notify, nil
}

// String names the store in logs.
func (m *MemoryRateLimits) String() string { return "memory" }
