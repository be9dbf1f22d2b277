// Package statetest is the conformance suite of the shared state stores:
// every implementation of bot.Claims, bot.ConversationStore,
// bot.RateLimits and bot.Leases runs it, in memory and in PostgreSQL. Only
// tests import it.
package statetest

import (
	"sync"
	"time"
)

// Clock is a clock that moves only when told to. It is safe for
// concurrent use.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock at a fixed day, on a whole second.
func NewClock() *Clock { return &Clock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
