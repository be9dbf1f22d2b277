package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// canHandOff reports whether a person can be called into a conversation
// in a channel: a target is configured there and the conversation is in
// a guild (a thread or channel others can read). Where the bot answers
// privately, only a link posted in a handoff channel calls anyone: a
// role mentioned in a direct message notifies nobody.
func (a *Adapter) canHandOff(guild, channel string) bool {
	role, to := a.handoffTarget(channel)
	if a.channel(channel).Reply == ReplyPrivate {
		role = ""
	}
	return guild != "" && (role != "" || to != "")
}

// render renders reply for a channel, with the mention of its handoff
// role just before the guidance when reply calls a person for the first
// time in its conversation.
func (a *Adapter) render(reply bot.Reply, question, channel string) message {
	role, _ := a.handoffTarget(channel)
	if reply.Handoff == nil || !reply.Handoff.First || role == "" {
		return render(reply, question)
	}
	msg := renderCalling(reply, question, roleMention(role)+" "+escapeMarkdown(a.cfg.HandoffMessage))
	msg.role = role
	return msg
}

// handOff posts a link to the conversation in the handoff channel when
// reply calls a person for the first time in it: the link and the
// configured text, never what the person wrote. messageID, when known, is
// the message to link to; otherwise the link opens the channel.
func (a *Adapter) handOff(ctx context.Context, reply bot.Reply, guild, channel, messageID string) {
	_, to := a.handoffTarget(channel)
	if reply.Handoff == nil || !reply.Handoff.First || to == "" || guild == "" {
		return
	}
	link := "https://discord.com/channels/" + guild + "/" + channel
	if messageID != "" {
		link += "/" + messageID
	}
	send := &discordgo.MessageSend{Content: escapeMarkdown(a.cfg.HandoffMessage) + " " + link, AllowedMentions: noMentions}
	_, err := a.rest.ChannelMessageSendComplex(to, send, discordgo.WithContext(ctx))
	if err != nil {
		a.deps.Metrics.Delivered(adapterName, deliveryCode(err))
		a.logFailure("post handoff", err, "channel", to)
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
