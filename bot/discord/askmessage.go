package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// MessageCommandName is the message command (in a message's Apps menu) the
// adapter registers beside /verifyhelp: it answers that message's text
// privately to the person who used it.
const MessageCommandName = "Ask helpdeskbot"

// messageCommand is the "Ask helpdeskbot" message command.
func messageCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{Name: MessageCommandName, Type: discordgo.MessageApplicationCommand}
}

// askMessage answers the text of the message the command was used on,
// ephemerally, to the person who used it (a helper routing a question):
// the message stands alone, nobody is called, and the text is not quoted.
func (a *Adapter) askMessage(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, message) {
	var target *discordgo.Message
	if data.Resolved != nil {
		target = data.Resolved.Messages[data.TargetID]
	}
	if target == nil {
		return notice("Sorry, I can't see that message."), message{}
	}
	text := strings.TrimSpace(plainIncoming(target.Content))
	if text == "" {
		return notice("That message has no text I can answer."), message{}
	}
	reply := a.bot.Answer(ctx, bot.Message{Text: text, User: userOf(i), Channel: i.ChannelID, Adapter: adapterName, Mentioned: true,
		Scope: a.channel(i.ChannelID).Scope})
	if reply.Silent {
		return notice("Please wait a moment before asking again."), message{}
	}
	return withMessage(render(reply, ""), discordgo.MessageFlagsEphemeral)
}
