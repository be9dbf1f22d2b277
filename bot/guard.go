package bot

import (
	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// guardBody is the private reply to a public message that looks like it
// holds personal data.
const guardBody = "For your safety, I haven't answered that in the channel: your message looks like it contains an ID or card number, a line from a passport or a photo. Nobody here needs your documents or numbers, and they should never be posted in a chat. If you can, delete that message.\n\nAsk again without the numbers or images and I'll help."

// guarded returns the private warning when m is public and holds personal
// data or an image, and whether it applies.
func guarded(s *source, m Message) (Reply, bool) {
	if !m.Public || (m.Images == 0 && len(redact.Sensitive(m.Text)) == 0) {
		return Reply{}, false
	}
	r := base(s, Guarded, ReasonPersonalData, Match{})
	r.Body, r.Private = guardBody, true
	return r, true
}
