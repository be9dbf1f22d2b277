package slack

import (
	"context"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
)

// canHandOff reports whether a person can be called into a conversation:
// a target is configured and the conversation is a channel thread, which
// others can join.
func (a *Adapter) canHandOff(public bool) bool {
	return public && (a.cfg.HandoffUsergroup != "" || a.cfg.HandoffChannel != "")
}

// withHandoff adds the mention of the user group to msg, just before the
// guidance, when reply calls a person for the first time in its
// conversation. msg may be shared with the render cache: it is copied.
func (a *Adapter) withHandoff(reply bot.Reply, msg message) message {
	if reply.Handoff == nil || !reply.Handoff.First || a.cfg.HandoffUsergroup == "" {
		return msg
	}
	guidance := len(split.Text(mrkdwn(reply.Guidance), maxSection))
	at := max(len(msg.blocks)-guidance, 0)
	mention := section("<!subteam^" + a.cfg.HandoffUsergroup + "> " + escape(a.cfg.HandoffMessage))
	msg.blocks = slices.Insert(slices.Clone(msg.blocks), at, slack.Block(mention))
	return msg
}

// handOff posts a link to the thread in the handoff channel when reply
// calls a person for the first time in its conversation: the link and the
// configured text, never what the person wrote.
func (a *Adapter) handOff(ctx context.Context, reply bot.Reply, team, channel, thread string) {
	if reply.Handoff == nil || !reply.Handoff.First || a.cfg.HandoffChannel == "" || thread == "" {
		return
	}
	link := threadLink(channel, thread)
	text := escape(a.cfg.HandoffMessage) + " <" + link + "|Open the thread>"
	err := a.postMessage(ctx, a.cfg.HandoffChannel, "", message{blocks: []slack.Block{section(text)}, text: text})
	a.delivered(err)
	if err != nil {
		a.logFailure("post handoff", err, "channel", a.cfg.HandoffChannel)
	}
}

// threadLink is the address of a thread in Slack: its first message's
// archive link, which opens the thread.
func threadLink(channel, thread string) string {
	return "https://slack.com/archives/" + channel + "/p" + strings.ReplaceAll(thread, ".", "")
}
