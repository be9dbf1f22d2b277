package bot

import (
	"sync"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// limitedBody is the one notice a person gets when over the rate limit.
const limitedBody = "You're sending messages faster than I can keep up with. Please wait a minute before asking again."

// limiter is a token bucket per person: each message takes a token, tokens
// come back at rate per second up to burst. Over the limit a person gets one
// notice, then silence until a token is back. Memory is bounded: buckets
// full again are forgotten.
type limiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens   float64
	at       time.Time
	notified bool
}

// maxBuckets is when idle buckets are swept.
const maxBuckets = 100_000

func newLimiter(perMinute float64, burst int) *limiter {
	return &limiter{rate: perMinute / 60, burst: float64(burst), now: time.Now, buckets: map[string]*bucket{}}
}

// take spends a token of key's bucket. It returns ok when there was one,
// and notify when there was none and the notice is still to be given.
func (l *limiter) take(key string) (ok, notify bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		b.notified = false
		return true, false
	}
	if b.notified {
		return false, false
	}
	b.notified = true
	return false, true
}

// sweep forgets the buckets that have refilled: they are as new.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}

// WithRateLimit limits each person (per adapter and user id) to perMinute
// messages, with bursts of up to burst. Messages without a user id are not
// limited.
func WithRateLimit(perMinute float64, burst int) Option {
	return func(b *Bot) {
		if perMinute > 0 && burst > 0 {
			b.limiter = newLimiter(perMinute, burst)
		}
	}
}

// limited returns the reply to a message over the limit, and whether it is.
func (b *Bot) limited(ix *intents.Index, m Message) (Reply, bool) {
	if b.limiter == nil || m.User == "" {
		return Reply{}, false
	}
	ok, notify := b.limiter.take(m.Adapter + "\x00" + m.User)
	if ok {
		return Reply{}, false
	}
	r := base(ix, Limited, nil)
	r.Body = limitedBody
	r.Silent = !notify
	return r, true
}
