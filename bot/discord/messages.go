package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// onMessage picks the messages the bot answers: direct messages, messages
// that mention it, every message in a help channel, and its author's
// messages in a post of a forum channel, once each. Messages from bots,
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
	post, inPost := a.forums.get(m.ChannelID)
	byAuthor := inPost && m.Author.ID == post.owner
	if !dm && !mentioned && !byAuthor && !a.autoAnswers(m.ChannelID) {
		return
	}
	// Claimed, so that a message replayed after a resume, or seen by
	// another replica sharing the claims, is answered once.
	key := adapterName + ":message:" + m.ID
	if !a.seen.Take(context.Background(), key) {
		a.deps.Metrics.Deduplicated(adapterName)
		return // answered, or being answered
	}
	msg := m.Message
	// The post's first message is answered with its tags applied.
	first := byAuthor && a.forums.takeFirst(post.id)
	if !a.work.Submit(func(ctx context.Context) {
		if reply, inPlace := a.answer(ctx, msg, mentioned); first && inPlace {
			a.tagPost(ctx, post, reply)
		}
		a.seen.Finish(ctx, key)
	}) {
		a.seen.Release(key)
		a.deps.Metrics.Shed(adapterName)
		a.log.Warn("message dropped: all workers busy", "channel", m.ChannelID)
	}
}

// answer replies to m, as a reply to it, in as many messages as the answer
// needs; the buttons go under the last one. A private reply to a channel
// message, and every reply in a channel set to reply privately, goes to
// its author's direct messages instead. It returns the
// reply and whether it was sent where m was.
func (a *Adapter) answer(ctx context.Context, m *discordgo.Message, mentioned bool) (reply bot.Reply, inPlace bool) {
	public := m.GuildID != ""
	images := 0
	for _, at := range m.Attachments {
		if at != nil && (strings.HasPrefix(at.ContentType, "image/") || at.Width > 0) {
			images++
		}
	}
	ch := a.channel(m.ChannelID)
	reply = a.bot.Answer(ctx, bot.Message{Text: plainIncoming(m.Content), User: m.Author.ID, Channel: m.ChannelID, Adapter: adapterName,
		Public: public, Images: images, Conversation: conversationKey(m.GuildID, m.ChannelID), Mentioned: mentioned,
		CanHandOff: a.canHandOff(m.GuildID, m.ChannelID), Scope: ch.Scope})
	if reply.Silent {
		return reply, false
	}
	channel, reference := m.ChannelID, m
	if (reply.Private || ch.Reply == ReplyPrivate) && public {
		dm, err := a.rest.UserChannelCreate(m.Author.ID, discordgo.WithContext(ctx))
		if err != nil {
			a.deps.Metrics.Delivered(adapterName, deliveryCode(err))
			a.logFailure("open direct message", err)
			return reply, false
		}
		channel, reference = dm.ID, nil
		if reply.Outcome == bot.Guarded && a.cfg.DeletePersonalData {
			if err := a.rest.ChannelMessageDelete(m.ChannelID, m.ID, discordgo.WithContext(ctx)); err != nil {
				a.logFailure("delete message with personal data", err, "channel", m.ChannelID)
			}
		}
	}
	msg := a.render(reply, "", m.ChannelID)
	if _, inPost := a.forums.get(m.ChannelID); inPost && channel == m.ChannelID {
		msg = withSolved(msg)
	}
	if !a.send(ctx, channel, reference, msg) {
		return reply, false
	}
	a.handOff(ctx, reply, m.GuildID, m.ChannelID, m.ID)
	return reply, channel == m.ChannelID
}

// send posts msg to channel, the first part as a reply to reference (if
// any), the buttons under the last part, and reports whether every part
// was sent.
func (a *Adapter) send(ctx context.Context, channel string, reference *discordgo.Message, msg message) bool {
	for i, part := range msg.parts {
		send := &discordgo.MessageSend{Content: part, AllowedMentions: msg.allowed(part)}
		if i == 0 && reference != nil {
			ref := reference.Reference()
			noFail := false
			ref.FailIfNotExists = &noFail
			send.Reference = ref
		}
		if i == len(msg.parts)-1 {
			send.Components = msg.components
		}
		if _, err := a.rest.ChannelMessageSendComplex(channel, send, discordgo.WithContext(ctx)); err != nil {
			a.deps.Metrics.Delivered(adapterName, deliveryCode(err))
			a.logFailure("send reply", err, "channel", channel)
			return false
		}
	}
	a.deps.Metrics.Delivered(adapterName, "")
	return true
}
