package slack

import (
	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Preview shows, block by block, how a reply appears in Slack: the mrkdwn
// of each section and context, and each row of buttons by their labels.
// Plain text (plain-text context) is escaped, so every text is mrkdwn and
// none of it can read as a link or markup; button labels are plain text.
// It is for previews (the web console), not for sending.
func Preview(r bot.Reply) bot.Preview {
	var out bot.Preview
	for _, b := range render(r, "").blocks {
		switch b := b.(type) {
		case *slack.SectionBlock:
			out = append(out, bot.PreviewPart{Text: b.Text.Text})
		case *slack.ContextBlock:
			for _, e := range b.ContextElements.Elements {
				if t, ok := e.(*slack.TextBlockObject); ok {
					out = append(out, bot.PreviewPart{Text: mrkdwnOf(t)})
				}
			}
		case *slack.ActionBlock:
			var labels []string
			for _, e := range b.Elements.ElementSet {
				if btn, ok := e.(*slack.ButtonBlockElement); ok {
					labels = append(labels, btn.Text.Text)
				}
			}
			out = append(out, bot.PreviewPart{Buttons: labels})
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
