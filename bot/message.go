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
}
