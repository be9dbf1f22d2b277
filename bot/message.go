// Package bot is the conversation core of helpdeskbot: platform-neutral
// messages and replies, and the logic that answers one with the other.
// It knows nothing of Slack, Discord or configuration files.
package bot

// Message is something a person wrote to the bot.
type Message struct {
	// Text is what the person wrote, with platform markup already turned
	// into plain text by the adapter.
	Text string
	// User identifies the person on their platform; opaque to the bot.
	User string
	// Channel identifies the conversation on the platform; opaque to the bot.
	Channel string
	// Addr is the network address the message came from, when the adapter
	// knows it (the HTTP API); opaque to the bot, which rate-limits by it.
	Addr string
	// Adapter names the platform the message came from ("slack", "cli", ...).
	Adapter string
	// Public says others can read the message and a reply in place: a
	// channel, not a direct message.
	Public bool
	// Images counts the images attached to the message.
	Images int
	// Conversation is the key of the conversation the message belongs to,
	// unique across adapters (a Slack thread or DM, a Discord thread,
	// channel or DM, a /v1/ask conversation id, a chat session): the bot
	// remembers what it answered there. Empty means no conversation: every
	// message stands alone.
	Conversation string
	// Choice is the id of a choice the person picked (a button, a menu, a
	// /v1/ask choice): a topic id or HandoffChoiceID. With a Choice, Text
	// is not matched.
	Choice string
	// CanHandOff says the adapter has someone to call for this
	// conversation (a user group, a role, a channel): the bot may ask for
	// a person instead of saying it cannot.
	CanHandOff bool
	// Mentioned says the person addressed the bot by name: after a
	// handoff, the bot answers only messages that mention it.
	Mentioned bool
	// Scope is the part of the knowledge the message's channel answers
	// (the channel's topics or sub-folders); the zero Scope answers every
	// topic.
	Scope Scope
}
