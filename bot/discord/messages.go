package discord

import (
	"context"
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// onMessage picks the messages the bot answers: direct messages, messages
// that mention it, and every message in a help channel. Messages from bots,
// itself included, are ignored. Answering happens on the worker pool, so a
// slow REST call never holds up the gateway.
func (a *Adapter) onMessage(_ *discordgo.Session, m *discordgo.MessageCreate) {
	if m.Message == nil || m.Author == nil || m.Author.Bot {
		return
	}
	self := a.self.Load()
	if self != nil && m.Author.ID == *self {
		return
	}
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && self != nil && u.ID == *self {
			mentioned = true
		}
	}
	dm := m.GuildID == ""
	if !dm && !mentioned && !slices.Contains(a.cfg.HelpChannelIDs, m.ChannelID) {
		return
	}
	if !a.seen.First(m.ID) {
		a.cfg.Events.Deduplicated("discord")
		return // replayed after a resume: answered already
	}
	msg := m.Message
	if !a.work.Submit(func(ctx context.Context) { a.answer(ctx, msg) }) {
		a.seen.Forget(m.ID)
		a.cfg.Events.Shed("discord")
		a.log.Warn("message dropped: all workers busy", "channel", m.ChannelID)
	}
}

// answer replies to m, as a reply to it, in as many messages as the answer
// needs; the buttons go under the last one.
func (a *Adapter) answer(ctx context.Context, m *discordgo.Message) {
	reply := a.bot.Answer(ctx, bot.Message{Text: plainIncoming(m.Content), User: m.Author.ID, Channel: m.ChannelID, Adapter: "discord"})
	msg := render(reply, "")
	for i, part := range msg.parts {
		send := &discordgo.MessageSend{Content: part, AllowedMentions: noMentions}
		if i == 0 {
			ref := m.Reference()
			noFail := false
			ref.FailIfNotExists = &noFail
			send.Reference = ref
		}
		if i == len(msg.parts)-1 {
			send.Components = msg.components
		}
		if _, err := a.session.ChannelMessageSendComplex(m.ChannelID, send, discordgo.WithContext(ctx)); err != nil {
			a.cfg.Events.Delivered("discord", deliveryCode(err))
			a.logFailure("send reply", err, "channel", m.ChannelID)
			return
		}
	}
	a.cfg.Events.Delivered("discord", "")
}
