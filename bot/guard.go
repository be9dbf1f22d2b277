package bot

import (
	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// guardBody is the private reply to a public message that looks like it
// holds personal data.
const guardBody = "For your safety, I haven't answered that in the channel: your message looks like it contains personal data: an ID, passport or card number, a line from a passport, a date of birth, a home address or a photo. Nobody here needs your documents or numbers, and they should never be posted in a chat. If you can, delete that message.\n\nAsk again without them and I'll help."

// ImageGuard says where an image attached to a public message is taken for
// a possible photo of a document, so that the guard answers privately. The
// guard cannot see what is in an image; in a channel where people share
// screenshots of the flow, an admin may rather turn the rule off there.
type ImageGuard struct {
	// Default applies to every channel not in Channels.
	Default bool
	// Channels turns the rule on (true) or off (false) in these channels,
	// by the channel id of the platform.
	Channels map[string]bool
}

// DefaultImageGuard guards images in every public channel.
func DefaultImageGuard() ImageGuard { return ImageGuard{Default: true} }

// Guards reports whether images are guarded in channel.
func (g ImageGuard) Guards(channel string) bool {
	if on, ok := g.Channels[channel]; ok {
		return on
	}
	return g.Default
}

// WithImageGuard sets where attached images make the guard answer
// privately; without it, they do in every public channel.
func WithImageGuard(g ImageGuard) Option {
	return func(b *Bot) { b.images = g }
}

// guarded returns the private warning when m is public and holds personal
// data or (where images are guarded) an image, and whether it applies.
func (b *Bot) guarded(s *source, m Message) (Reply, bool) {
	if !m.Public {
		return Reply{}, false
	}
	if !(m.Images > 0 && b.images.Guards(m.Channel)) && len(redact.Sensitive(m.Text)) == 0 {
		return Reply{}, false
	}
	r := base(s, Guarded, ReasonPersonalData, Match{})
	r.Body, r.Private = guardBody, true
	return r, true
}
