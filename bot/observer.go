package bot

import (
	"context"
	"log/slog"
	"time"
)

// Turn is one exchange: a message (or a picked topic) and the reply.
type Turn struct {
	Message Message
	// Topic is the id picked from a button or menu; empty for a message.
	Topic   string
	Reply   Reply
	Latency time.Duration
}

// Observer is told about every turn after it is answered: logs, metrics and
// stores of conversations implement it. Observers must be fast and safe for
// concurrent use; they must not change the reply.
type Observer interface {
	ObserveTurn(ctx context.Context, t Turn)
}

// ObserverFunc lets an ordinary function be an Observer.
type ObserverFunc func(ctx context.Context, t Turn)

// ObserveTurn calls f.
func (f ObserverFunc) ObserveTurn(ctx context.Context, t Turn) { f(ctx, t) }

// Option configures a Bot.
type Option func(*Bot)

// WithObserver adds an observer of every turn.
func WithObserver(o Observer) Option {
	return func(b *Bot) { b.observers = append(b.observers, o) }
}

// WithLogger logs what goes wrong while answering: a panic is logged with
// its stack (and answered with a safe error reply that still carries the
// guidance).
func WithLogger(log *slog.Logger) Option {
	return func(b *Bot) { b.log = log }
}
