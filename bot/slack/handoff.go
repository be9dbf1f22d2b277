package slack

import (
	"context"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
)

// canHandOff reports whether a person can be called into a conversation
// in a channel: a target is configured there and the conversation is a
// channel thread, which others can join. Where the bot answers privately,
// only a link posted in a handoff channel calls anyone: a mention in an
// ephemeral message notifies nobody.
func (a *Adapter) canHandOff(public bool, channel string) bool {
	usergroup, to := a.handoffTarget(channel)
	if a.channel(channel).Private {
		usergroup = ""
	}
	return public && (usergroup != "" || to != "")
}

// withHandoff adds the mention of the user group to msg, just before the
// guidance, when reply calls a person for the first time in its
// conversation. msg may be shared with the render cache: it is copied.
func (a *Adapter) withHandoff(reply bot.Reply, msg message, channel string) message {
	usergroup, _ := a.handoffTarget(channel)
	if reply.Handoff == nil || !reply.Handoff.First || usergroup == "" {
		return msg
	}
	guidance := len(split.Text(mrkdwn(reply.Guidance), maxSection))
	at := max(len(msg.blocks)-guidance, 0)
	mention := section("<!subteam^" + usergroup + "> " + escape(a.cfg.HandoffMessage))
	msg.blocks = slices.Insert(slices.Clone(msg.blocks), at, slack.Block(mention))
	return msg
}

// handOff posts a link to the thread in the handoff channel when reply
// calls a person for the first time in its conversation: the link and the
// configured text, never what the person wrote.
func (a *Adapter) handOff(ctx context.Context, reply bot.Reply, team, channel, thread string) {
	_, to := a.handoffTarget(channel)
	if reply.Handoff == nil || !reply.Handoff.First || to == "" || thread == "" {
		return
	}
	link := threadLink(channel, thread)
	text := escape(a.cfg.HandoffMessage) + " <" + link + "|Open the thread>"
	err := a.postMessage(ctx, to, "", message{blocks: []slack.Block{section(text)}, text: text})
	a.delivered(err)
	if err != nil {
		a.logFailure("post handoff", err, "channel", to)
	}
}

// threadLink is the address of a thread in Slack: its first message's
// archive link, which opens the thread.
func threadLink(channel, thread string) string {
	return "https://slack.com/archives/" + channel + "/p" + strings.ReplaceAll(thread, ".", "")
}
