package bot

import (
	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

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
	ls := s.in(s.textLanguage(m.Text))
	r := base(ls, Guarded, ReasonPersonalData, Match{})
	r.Body, r.Private = textsIn(ls.lang).Guard, true
	return r, true
}
