// Package retry spaces out the attempts of an adapter that cannot connect
// to its platform yet: exponential delays, capped, with jitter.
package retry

import (
	"context"
	"math/rand/v2"
	"time"
)

// Delay is how long to wait after the given number of failures in a row
// (1 after the first) before trying again.
type Delay func(failures int) time.Duration

// Exponential doubles the delay from base at each failure, up to limit, and
// picks a random point in the upper half of it, so that many processes
// restarted together do not retry in step.
func Exponential(base, limit time.Duration) Delay {
	return func(failures int) time.Duration {
		d := base
		for i := 1; i < failures && d < limit; i++ {
			d *= 2
		}
		d = min(d, limit)
		return d/2 + rand.N(d/2+1)
	}
}

// Default is the delay of the adapters when none is configured: 1 s after
// the first failure, doubling to at most 2 minutes.
var Default = Exponential(time.Second, 2*time.Minute)

// Wait waits for d or until ctx ends, and reports whether d passed.
func Wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// Until calls attempt until it succeeds. It gives up at once when fatal
// (nil: never) turns the error into one, returning that; otherwise it
// calls failed with the failures so far, the wait and the error (for a log
// line), waits delay(failures), and tries again, returning ctx's error
// once ctx ends.
func Until(ctx context.Context, attempt func() error, fatal func(error) error, delay Delay, failed func(failures int, wait time.Duration, err error)) error {
	for failures := 1; ; failures++ {
		err := attempt()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if fatal != nil {
			if ferr := fatal(err); ferr != nil {
				return ferr
			}
		}
		wait := delay(failures)
		failed(failures, wait, err)
		if !Wait(ctx, wait) {
			return ctx.Err()
		}
	}
}
