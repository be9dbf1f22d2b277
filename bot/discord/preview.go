package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Preview shows how a reply appears in Discord: its messages' Markdown
// content, then the buttons under the last one by their labels (emoji
// first). It is for previews (the web console), not for sending.
func Preview(r bot.Reply) bot.Preview {
	msg := render(r, "")
	var out bot.Preview
	for _, part := range msg.parts {
		out = append(out, bot.PreviewPart{Text: part})
	}
	var buttons []string
	for _, row := range msg.components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(discordgo.Button); ok {
					label := b.Label
					if b.Emoji != nil {
						label = b.Emoji.Name + " " + label
					}
					buttons = append(buttons, label)
				}
			}
		}
	}
	if len(buttons) > 0 {
		out = append(out, bot.PreviewPart{Buttons: buttons})
	}
	return out
}
