// Package state holds what serve needs to share state between replicas
// beyond the stores themselves: falling back to this process's memory
// while the shared store fails, so that answering goes on.
package state

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/lograte"
)

// Timeout bounds one call to the shared store before it counts as failed:
// an event must be acknowledged within seconds (Slack waits 3).
const Timeout = time.Second

// warnEvery is how often the failure of the shared store is logged.
const warnEvery = time.Minute

// Fallback watches a shared store: its Claims, Conversations and
// RateLimits use the shared store while it answers and this process's
// memory while it fails, with a warning logged at most once a minute,
// every failed call counted, and a line logged when the shared store
// answers again. It is safe for concurrent use.
type Fallback struct {
	log      *slog.Logger
	warn     *lograte.Limiter
	failed   func(op string)
	degraded atomic.Bool
}

// NewFallback returns a Fallback logging to log, by the clock now (nil:
// time.Now); failed (nil: nothing) is told of every call to the shared
// store that failed, by operation ("claim", "done", "get", ...).
func NewFallback(log *slog.Logger, now func() time.Time, failed func(op string)) *Fallback {
	if failed == nil {
		failed = func(string) {}
	}
	return &Fallback{log: log, warn: lograte.New(warnEvery, now), failed: failed}
}

// Down records that the shared store did not answer when serve started:
// everything is in this process's memory until a call to it succeeds.
func (f *Fallback) Down(err error) {
	f.degraded.Store(true)
	f.log.Warn("shared state store unreachable at start: claims, conversations and rate limits are kept in this process's memory until it answers", "err", err)
}

// Degraded reports whether the last call to the shared store failed.
func (f *Fallback) Degraded() bool { return f.degraded.Load() }

// call runs op on the shared store within Timeout and reports whether it
// succeeded; a failure is logged (rate-limited) and counted.
func (f *Fallback) call(ctx context.Context, op string, shared func(context.Context) error) bool {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	err := shared(ctx)
	if err == nil {
		if f.degraded.CompareAndSwap(true, false) {
			f.log.Info("shared state store reachable again: sharing claims, conversations and rate limits")
		}
		return true
	}
	f.degraded.Store(true)
	f.failed(op)
	if ok, suppressed := f.warn.Allow(); ok {
		f.log.Warn("shared state store failed: using this process's memory", "op", op, "err", err, "suppressed", suppressed)
	}
	return false
}

// Claims returns claims in shared, falling back to local.
func (f *Fallback) Claims(shared, local bot.Claims) *FallbackClaims {
	return &FallbackClaims{f: f, shared: shared, local: local}
}

// Conversations returns conversations in shared, falling back to local.
func (f *Fallback) Conversations(shared, local bot.ConversationStore) *FallbackConversations {
	return &FallbackConversations{f: f, shared: shared, local: local}
}

// FallbackClaims are claims in a shared store, in local memory while it
// fails. A key claimed locally is marked done and released locally too.
// Its methods never fail.
type FallbackClaims struct {
	f             *Fallback
	shared, local bot.Claims
}

var _ bot.Claims = (*FallbackClaims)(nil)

// Claim claims key in the shared store or, when it fails, locally.
func (c *FallbackClaims) Claim(ctx context.Context, key string, lease time.Duration) (bool, error) {
	var won bool
	if c.f.call(ctx, "claim", func(ctx context.Context) (err error) {
		won, err = c.shared.Claim(ctx, key, lease)
		return err
	}) {
		return won, nil
	}
	return c.local.Claim(ctx, key, lease)
}

// Done marks key done in both stores.
func (c *FallbackClaims) Done(ctx context.Context, key string) error {
	c.f.call(ctx, "done", func(ctx context.Context) error { return c.shared.Done(ctx, key) })
	return c.local.Done(ctx, key)
}

// Release releases key in both stores.
func (c *FallbackClaims) Release(ctx context.Context, key string) error {
	c.f.call(ctx, "release", func(ctx context.Context) error { return c.shared.Release(ctx, key) })
	return c.local.Release(ctx, key)
}

// String names the stores in logs.
func (c *FallbackClaims) String() string {
	return fmt.Sprint(c.shared) + ", falling back to " + fmt.Sprint(c.local)
}

// FallbackConversations are conversations in a shared store, in local
// memory while it fails: a conversation continued during a failure is
// remembered by this process only, and forgotten by the shared store's
// older state once it answers again. Its methods never fail.
type FallbackConversations struct {
	f             *Fallback
	shared, local bot.ConversationStore
}

var _ bot.ConversationStore = (*FallbackConversations)(nil)

// Get reads key from the shared store or, when it fails, locally.
func (c *FallbackConversations) Get(ctx context.Context, key string) (bot.ConversationState, bool, error) {
	var st bot.ConversationState
	var ok bool
	if c.f.call(ctx, "get", func(ctx context.Context) (err error) {
		st, ok, err = c.shared.Get(ctx, key)
		return err
	}) {
		return st, ok, nil
	}
	return c.local.Get(ctx, key)
}

// Put stores st in the shared store or, when it fails, locally. Once the
// shared store has it, a local copy from a failure is dropped, so that a
// later failure cannot bring back an older state.
func (c *FallbackConversations) Put(ctx context.Context, key string, st bot.ConversationState, ttl time.Duration) error {
	if c.f.call(ctx, "put", func(ctx context.Context) error { return c.shared.Put(ctx, key, st, ttl) }) {
		return c.local.Delete(ctx, key)
	}
	return c.local.Put(ctx, key, st, ttl)
}

// Delete deletes key from both stores.
func (c *FallbackConversations) Delete(ctx context.Context, key string) error {
	c.f.call(ctx, "delete", func(ctx context.Context) error { return c.shared.Delete(ctx, key) })
	return c.local.Delete(ctx, key)
}
