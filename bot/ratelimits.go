package bot

import "context"

// RateLimit is the shape of a token bucket: PerMinute tokens come back a
// minute, up to Burst.
type RateLimit struct {
	PerMinute float64
	Burst     int
}

// valid reports whether the limit limits anything.
func (l RateLimit) valid() bool { return l.PerMinute > 0 && l.Burst > 0 }

// RateLimits keeps a token bucket per key, so that replicas sharing one
// store give a person one limit between them. Keys name a person or an
// address and their platform. Implementations must be safe for concurrent
// use.
//
// Take spends a token of key's bucket shaped by limit (a bucket never seen
// is full). It returns ok when there was one; when there was none, notify
// is true for the first take since the last one that succeeded, so that a
// person over the limit is told once, then left in silence until a token
// is back. An error means the store could not decide; the bot then
// answers, as a missed limit costs less than a lost answer.
type RateLimits interface {
	Take(ctx context.Context, key string, limit RateLimit) (ok, notify bool, err error)
}

// WithRateLimits keeps the rate-limit buckets in rl instead of this
// process's memory: the store several replicas share. The limits
// themselves are set by WithRateLimit and WithAddressRateLimit.
func WithRateLimits(rl RateLimits) Option {
	return func(b *Bot) {
		if rl != nil {
			b.rateLimits = rl
		}
	}
}
