package bot_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// failingConversations is a conversation store whose every call fails.
type failingConversations struct{}

func (failingConversations) Get(context.Context, string) (bot.ConversationState, bool, error) {
	return bot.ConversationState{}, false, errors.New("store down")
}
func (failingConversations) Put(context.Context, string, bot.ConversationState, time.Duration) error {
	return errors.New("store down")
}
func (failingConversations) Delete(context.Context, string) error { return errors.New("store down") }

func TestRemembers(t *testing.T) {
	ctx := context.Background()
	ask := bot.Message{Text: "my selfie keeps failing", User: "U1", Channel: "C1", Adapter: "test", Public: true, Conversation: "test:C1:1"}
	t.Run("after an answer in the conversation", func(t *testing.T) {
		b := testkit.NewBot(t, nil, bot.WithConversations(bot.NewMemoryConversations(10, nil), 0))
		if b.Remembers(ctx, ask.Conversation) {
			t.Fatal("remembers a conversation before answering in it")
		}
		b.Answer(ctx, ask)
		if !b.Remembers(ctx, ask.Conversation) {
			t.Error("does not remember the conversation it answered in")
		}
		if b.Remembers(ctx, "test:C1:2") {
			t.Error("remembers another conversation")
		}
		if b.Remembers(ctx, "") {
			t.Error("remembers the empty key")
		}
	})
	t.Run("without a store", func(t *testing.T) {
		b := testkit.NewBot(t, nil)
		b.Answer(ctx, ask)
		if b.Remembers(ctx, ask.Conversation) {
			t.Error("remembers without a store")
		}
	})
	t.Run("with a failing store", func(t *testing.T) {
		b := testkit.NewBot(t, nil, bot.WithConversations(failingConversations{}, 0))
		b.Answer(ctx, ask)
		if b.Remembers(ctx, ask.Conversation) {
			t.Error("remembers through a failing store")
		}
	})
}
