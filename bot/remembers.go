package bot

import "context"

// Remembers reports whether the bot answered in conversation and still
// remembers it: adapters use it to answer the follow-ups of their own
// conversations without a mention. Without a conversation store, or when
// the store fails, it reports false.
func (b *Bot) Remembers(ctx context.Context, conversation string) bool {
	if b.conversations == nil || conversation == "" {
		return false
	}
	st, ok, err := b.conversations.Get(ctx, conversation)
	if err != nil {
		b.logError("conversation: get state", err)
		return false
	}
	return ok && st.Turns > 0
}
