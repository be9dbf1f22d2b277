// Package lograte keeps a log line that anyone can trigger (a request with
// a bad signature) from flooding the log: one line per interval, with the
// number of lines held back since the last one.
package lograte

import (
	"sync"
	"time"
)

// Limiter lets one line through per interval. It is safe for concurrent use.
type Limiter struct {
	every time.Duration
	now   func() time.Time

	mu         sync.Mutex
	next       time.Time // when the next line may be logged
	suppressed int       // lines held back since the last one logged
}

// New returns a limiter letting one line through every interval, by the
// clock now (nil means time.Now).
func New(every time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{every: every, now: now}
}

// Allow reports whether a line may be logged now and, when it may, how many
// were held back since the previous one; otherwise it counts this one as
// held back.
func (l *Limiter) Allow() (ok bool, suppressed int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Before(l.next) {
		l.suppressed++
		return false, 0
	}
	l.next = now.Add(l.every)
	suppressed, l.suppressed = l.suppressed, 0
	return true, suppressed
}
