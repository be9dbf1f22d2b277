package bot

import (
	"context"
	"sync"
	"time"
)

// limiter is a token bucket per key: each message takes a token, tokens
// come back at rate per second up to burst. Over the limit a key gets one
// notice, then silence until a token is back.
//
// Memory is bounded without scanning: buckets live in two generations. A
// bucket used in the current generation is kept in cur; one from the
// previous generation moves to cur when used. Once a generation has lasted
// as long as an empty bucket takes to refill, prev is dropped whole: its
// buckets have been idle that long, so they are full, as good as new. Each
// take is O(1); a dropped generation costs the garbage collector, not the
// caller holding the lock.
type limiter struct {
	rate  float64
	burst float64
	now   func() time.Time
	// refill is how long an empty bucket takes to fill: a generation's span.
	refill time.Duration

	mu        sync.Mutex
	cur, prev map[string]*bucket
	since     time.Time // when cur began
}

type bucket struct {
	tokens   float64
	at       time.Time
	notified bool
}

func newLimiter(perMinute float64, burst int, now func() time.Time) *limiter {
	rate := perMinute / 60
	return &limiter{
		rate: rate, burst: float64(burst), now: now,
		refill: time.Duration(float64(burst) / rate * float64(time.Second)),
		cur:    map[string]*bucket{}, prev: map[string]*bucket{},
	}
}

// take spends a token of key's bucket. It returns ok when there was one,
// and notify when there was none and the notice is still to be given.
func (l *limiter) take(key string) (ok, notify bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if l.since.IsZero() {
		l.since = now
	}
	if now.Sub(l.since) >= l.refill {
		// Every bucket in prev has been idle for a whole generation.
		l.prev, l.cur, l.since = l.cur, make(map[string]*bucket, len(l.cur)), now
	}
	b := l.cur[key]
	if b == nil {
		if b = l.prev[key]; b != nil {
			delete(l.prev, key)
		} else {
			b = &bucket{tokens: l.burst, at: now}
		}
		l.cur[key] = b
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

// WithRateLimit limits each person (per adapter and user id) to perMinute
// messages, with bursts of up to burst. A message without a user id but
// with an address (Message.Addr) is limited the same way per address;
// messages with neither are not limited.
func WithRateLimit(perMinute float64, burst int) Option {
	return func(b *Bot) {
		b.personLimit = RateLimit{PerMinute: perMinute, Burst: burst}
	}
}

// WithAddressRateLimit limits, in addition to each person's limit, all the
// messages from one address (Message.Addr) that carry a user id, so that a
// new user id per message does not escape the limit. It is meant to be
// looser than the per-person limit: several people may share an address.
func WithAddressRateLimit(perMinute float64, burst int) Option {
	return func(b *Bot) {
		b.addrLimit = RateLimit{PerMinute: perMinute, Burst: burst}
	}
}

// limited returns the reply to a message over the limit, and whether it
// is. A store that fails lets the message through, logged.
func (b *Bot) limited(ctx context.Context, s *source, m Message) (Reply, bool) {
	if !b.personLimit.valid() {
		return Reply{}, false
	}
	var ok, notify bool
	var err error
	switch {
	case m.User != "":
		ok, notify, err = b.rateLimits.Take(ctx, m.Adapter+"\x00u\x00"+m.User, b.personLimit)
		if ok && err == nil && m.Addr != "" && b.addrLimit.valid() {
			ok, notify, err = b.rateLimits.Take(ctx, m.Adapter+"\x00a\x00"+m.Addr, b.addrLimit)
		}
	case m.Addr != "":
		ok, notify, err = b.rateLimits.Take(ctx, m.Adapter+"\x00a\x00"+m.Addr, b.personLimit)
	default:
		return Reply{}, false
	}
	if err != nil {
		if b.log != nil {
			b.log.Warn("rate limit: the store failed, the message is not limited", "err", err)
		}
		return Reply{}, false
	}
	if ok {
		return Reply{}, false
	}
	ls := s.in(s.textLanguage(m.Text))
	r := base(ls, Limited, ReasonRateLimited, Match{})
	r.Body = textsIn(ls.lang).Limited
	r.Silent = !notify
	return r, true
}
