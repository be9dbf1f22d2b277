// Package claimed is how the chat adapters use bot.Claims: claim an event
// when it arrives, mark it done once answered, release it when refused.
// A store that fails never costs an answer: the event is answered, and the
// failure logged at most once a minute.
package claimed

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/lograte"
)

// timeout bounds one call to the store: an event must be acknowledged
// within seconds (Slack waits 3).
const timeout = 2 * time.Second

// logEvery is how often a failing store is logged.
const logEvery = time.Minute

// Events claims events in a store.
type Events struct {
	claims bot.Claims
	log    *slog.Logger
	errors *lograte.Limiter
}

// New returns events claimed in c; failures go to log, told apart by the
// clock now.
func New(c bot.Claims, log *slog.Logger, now func() time.Time) *Events {
	return &Events{claims: c, log: log, errors: lograte.New(logEvery, now)}
}

// Name is the store's name for logs: its String method, or "custom".
func (e *Events) Name() string {
	if s, ok := e.claims.(fmt.Stringer); ok {
		return s.String()
	}
	return "custom"
}

// Take claims key for bot.DefaultClaimLease and reports whether the
// caller answers the event; a failing store answers it.
func (e *Events) Take(ctx context.Context, key string) bool {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ok, err := e.claims.Claim(ctx, key, bot.DefaultClaimLease)
	if err != nil {
		e.failed("claim", err)
		return true
	}
	return ok
}

// Finish settles key once its answer is over: done, unless ctx ended
// first (the process is stopping), when the claim is released so that a
// delivery elsewhere may answer it.
func (e *Events) Finish(ctx context.Context, key string) {
	if ctx.Err() != nil {
		e.Release(key)
		return
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
	if err := e.claims.Done(sctx, key); err != nil {
		e.failed("mark done", err)
	}
}

// Release gives key back after the event was refused.
func (e *Events) Release(key string) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := e.claims.Release(ctx, key); err != nil {
		e.failed("release", err)
	}
}

func (e *Events) failed(what string, err error) {
	if ok, suppressed := e.errors.Allow(); ok {
		e.log.Warn("de-duplication store failed: answering anyway", "op", what, "err", err, "suppressed", suppressed)
	}
}
