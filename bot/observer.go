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

// WithConversations remembers conversations (Message.Conversation) in
// store, each for ttl after its last turn (DefaultConversationTTL when ttl
// is not positive): choices can then be picked by number or title,
// follow-ups are answered from the topic just answered, and a person is
// called once per conversation.
func WithConversations(store ConversationStore, ttl time.Duration) Option {
	return func(b *Bot) {
		b.conversations = store
		if ttl > 0 {
			b.conversationTTL = ttl
		}
	}
}

// WithHandoffQuiet sets how long the bot stays quiet in a conversation
// after calling a person, unless mentioned (DefaultHandoffQuiet when not
// set; zero means it never stays quiet).
func WithHandoffQuiet(d time.Duration) Option {
	return func(b *Bot) {
		if d >= 0 {
			b.handoffQuiet = d
		}
	}
}

// WithFeedback records the votes people give in words ("that didn't
// help") in rec, as the adapters record the 👍 and 👎 buttons.
func WithFeedback(rec FeedbackRecorder) Option {
	return func(b *Bot) {
		if rec != nil {
			b.feedback = rec
		}
	}
}

// WithClock makes the bot tell time by now, for tests.
func WithClock(now func() time.Time) Option {
	return func(b *Bot) {
		if now != nil {
			b.now = now
		}
	}
}
