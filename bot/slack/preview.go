package slack

import (
	"strings"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Preview shows, block by block, how a reply appears in Slack: the mrkdwn
// of each section and context, and buttons as "[label]". Plain text (button
// labels, plain-text context) is escaped, so every string is mrkdwn and
// none of it can read as a link or markup. It is for previews (the web
// console), not for sending.
func Preview(r bot.Reply) []string {
	var out []string
	for _, b := range render(r, "").blocks {
		switch b := b.(type) {
		case *slack.SectionBlock:
			out = append(out, b.Text.Text)
		case *slack.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				if t, ok := e.(*slack.TextBlockObject); ok {
					out = append(out, mrkdwnOf(t))
				}
			}
		case *slack.ActionBlock:
			var labels []string
			for _, e := range b.Elements.ElementSet {
				if btn, ok := e.(*slack.ButtonBlockElement); ok {
					labels = append(labels, "["+mrkdwnOf(btn.Text)+"]")
				}
			}
			out = append(out, strings.Join(labels, " "))
		}
	}
	return out
}

// mrkdwnOf is a text object's text as mrkdwn.
func mrkdwnOf(t *slack.TextBlockObject) string {
	if t.Type == slack.MarkdownType {
		return t.Text
	}
	return escape(t.Text)
}
