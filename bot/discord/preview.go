package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Preview shows how a reply appears in Discord: its messages' Markdown
// content, and the buttons under the last one as "[label]". It is for
// previews (the web console), not for sending.
func Preview(r bot.Reply) (messages, buttons []string) {
	msg := render(r, "")
	for _, row := range msg.components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(discordgo.Button); ok {
					label := b.Label
					if b.Emoji != nil {
						label = b.Emoji.Name + " " + label
					}
					buttons = append(buttons, "["+label+"]")
				}
			}
		}
	}
	return msg.parts, buttons
}
