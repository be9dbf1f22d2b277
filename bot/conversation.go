package bot

import (
	"context"
	"time"
)

// DefaultConversationTTL is how long a conversation is remembered after
// its last turn when nothing else is configured (conversation.ttl).
const DefaultConversationTTL = 30 * time.Minute

// maxRemembered is the most answered topics a conversation keeps.
const maxRemembered = 8

// ConversationState is what the bot remembers of one conversation between
// turns: nothing of what the person wrote, only the topics and choices the
// bot gave and what it did.
type ConversationState struct {
	// Topics are the ids of the topics answered, oldest first, at most
	// maxRemembered.
	Topics []string
	// Last is the topic answered by the previous turn; empty when that
	// turn answered none (a fallback, a clarifying question).
	Last string
	// Runners are the other close candidates of the message Last answered,
	// best first: what "that didn't help" offers instead.
	Runners []string
	// Offered are the choices the previous turn offered, in the order they
	// are numbered (Choices, then Related).
	Offered []Choice
	// Fallbacks counts the fallback replies in a row.
	Fallbacks int
	// Turns counts the turns answered in the conversation.
	Turns int
	// HandedOff says a person was called in this conversation, at
	// HandoffAt.
	HandedOff bool
	HandoffAt time.Time
	// Language is the language of the conversation's last message of
	// minLanguageWords words or more: the language of its shorter ones.
	// Empty until there is one, and for a knowledge in one language.
	Language string
}

// ConversationStore keeps conversations' state by key, each for a limited
// time. Implementations must be safe for concurrent use. Get reports
// whether the key holds a state that has not expired.
type ConversationStore interface {
	Get(ctx context.Context, key string) (ConversationState, bool, error)
	Put(ctx context.Context, key string, s ConversationState, ttl time.Duration) error
	Delete(ctx context.Context, key string) error
}

// remember records an answered topic.
func (s *ConversationState) remember(id string) {
	s.Topics = append(s.Topics, id)
	if n := len(s.Topics); n > maxRemembered {
		s.Topics = append(s.Topics[:0:0], s.Topics[n-maxRemembered:]...)
	}
}
