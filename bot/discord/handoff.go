package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// canHandOff reports whether a person can be called into a conversation:
// a target is configured and the conversation is in a guild (a thread or
// channel others can read).
func (a *Adapter) canHandOff(guild string) bool {
	return guild != "" && (a.cfg.HandoffRole != "" || a.cfg.HandoffChannel != "")
}

// render renders reply, with the mention of the handoff role just before
// the guidance when reply calls a person for the first time in its
// conversation.
func (a *Adapter) render(reply bot.Reply, question string) message {
	if reply.Handoff == nil || !reply.Handoff.First || a.cfg.HandoffRole == "" {
		return render(reply, question)
	}
	msg := renderCalling(reply, question, roleMention(a.cfg.HandoffRole)+" "+escapeMarkdown(a.cfg.HandoffMessage))
	msg.role = a.cfg.HandoffRole
	return msg
}

// handOff posts a link to the conversation in the handoff channel when
// reply calls a person for the first time in it: the link and the
// configured text, never what the person wrote. messageID, when known, is
// the message to link to; otherwise the link opens the channel.
func (a *Adapter) handOff(ctx context.Context, reply bot.Reply, guild, channel, messageID string) {
	if reply.Handoff == nil || !reply.Handoff.First || a.cfg.HandoffChannel == "" || guild == "" {
		return
	}
	link := "https://discord.com/channels/" + guild + "/" + channel
	if messageID != "" {
		link += "/" + messageID
	}
	send := &discordgo.MessageSend{Content: escapeMarkdown(a.cfg.HandoffMessage) + " " + link, AllowedMentions: noMentions}
	_, err := a.rest.ChannelMessageSendComplex(a.cfg.HandoffChannel, send, discordgo.WithContext(ctx))
	if err != nil {
		a.deps.Metrics.Delivered(adapterName, deliveryCode(err))
		a.logFailure("post handoff", err, "channel", a.cfg.HandoffChannel)
		return
	}
	a.deps.Metrics.Delivered(adapterName, "")
}

// conversationKey is "discord:<guild>:<channel>" in guilds (a thread is a
// channel of its own) and "discord:dm:<channel>" in direct messages.
func conversationKey(guild, channel string) string {
	if guild == "" {
		return adapterName + ":dm:" + channel
	}
	return adapterName + ":" + guild + ":" + channel
}
