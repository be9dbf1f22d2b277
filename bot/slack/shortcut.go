package slack

import (
	"context"
	"strings"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
	"github.com/helpdeskbot/helpdeskbot/internal/markdown"
)

// ShortcutCallbackID is the callback id of the message shortcut "Ask
// helpdeskbot", as the app manifests declare it.
const ShortcutCallbackID = "ask_helpdeskbot"

// notAQuestion is what the shortcut says, privately, on a message it
// cannot answer: a bot's, or one without text.
const notAQuestion = "Use Ask helpdeskbot on a person's question: this message has no question to answer."

// answerShortcut answers the message a person picked "Ask helpdeskbot" on,
// once per use (claimed under its trigger id): in the message's thread,
// or privately to that person with ShortcutPrivate, in direct messages,
// for a reply the bot must keep private (personal data), and when the bot
// cannot post in the channel.
func (a *Adapter) answerShortcut(ctx context.Context, cb slack.InteractionCallback) {
	if cb.TriggerID != "" {
		ran, _ := a.events.Once(ctx, adapterName+":shortcut:"+cb.TriggerID, func(ctx context.Context) error {
			a.shortcut(ctx, cb)
			return nil
		})
		if !ran {
			a.deps.Metrics.Deduplicated(adapterName)
		}
		return
	}
	a.shortcut(ctx, cb)
}

func (a *Adapter) shortcut(ctx context.Context, cb slack.InteractionCallback) {
	msg := cb.Message
	question := strings.TrimSpace(plainIncoming(msg.Text))
	if question == "" || msg.BotID != "" || a.isSelf(msg.User) {
		a.respondPrivately(ctx, cb, a.note(notAQuestion))
		return
	}
	thread := msg.ThreadTimestamp
	if thread == "" {
		thread = msg.Timestamp
	}
	ch := a.channel(cb.Channel.ID)
	public := !strings.HasPrefix(cb.Channel.ID, "D") && !a.cfg.ShortcutPrivate && !ch.Private
	m := bot.Message{Text: question, User: cb.User.ID, Channel: cb.Channel.ID, Adapter: adapterName, Public: public,
		Mentioned: true, CanHandOff: a.canHandOff(public, cb.Channel.ID), Scope: ch.Scope}
	if public {
		m.Conversation = conversationKey(cb.Team.ID, cb.Channel.ID, thread, true)
	}
	reply := a.bot.Answer(ctx, m)
	if reply.Silent {
		return
	}
	// The private answer quotes the message it answers, except one the
	// bot keeps private: its personal data is never repeated.
	quoted := question
	if reply.Private {
		quoted = ""
	}
	if !public || reply.Private {
		a.respondPrivately(ctx, cb, render(reply, quoted))
		return
	}
	err := a.postMessage(ctx, cb.Channel.ID, thread, a.withHandoff(reply, a.renders.render(reply), cb.Channel.ID))
	a.delivered(err)
	switch code := errorCode(err); {
	case err == nil:
		a.handOff(ctx, reply, cb.Team.ID, cb.Channel.ID, thread)
	case code == "not_in_channel" || code == "channel_not_found":
		// The bot is not in the channel: the answer goes to the person.
		a.respondPrivately(ctx, cb, render(reply, quoted))
	default:
		a.logFailure("post shortcut answer", err, "channel", cb.Channel.ID)
	}
}

// note is text followed by the contact guidance, as every reply ends.
func (a *Adapter) note(text string) message {
	guidance := a.bot.Guidance()
	blocks := []slack.Block{section(escape(text))}
	for _, part := range split.Text(mrkdwn(guidance), maxSection) {
		blocks = append(blocks, section(part))
	}
	return message{blocks: blocks, text: escape(text + "\n\n" + markdown.Plain(guidance))}
}

// respondPrivately shows msg to the person who used the shortcut alone,
// through its response_url.
func (a *Adapter) respondPrivately(ctx context.Context, cb slack.InteractionCallback, msg message) {
	if cb.ResponseURL == "" {
		return
	}
	err := a.respond(ctx, cb.ResponseURL, ephemeral(msg))
	a.delivered(err)
	if err != nil {
		a.logFailure("respond to shortcut", err, "channel", cb.Channel.ID)
	}
}
