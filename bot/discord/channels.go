package discord

import (
	"fmt"
	"slices"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Reply says where the answers in a channel go.
type Reply string

// The values of Channel.Reply.
const (
	// ReplyDefault keeps the adapter's choice: messages answered in the
	// channel, /verifyhelp privately unless Config.Public.
	ReplyDefault Reply = ""
	// ReplyPublic answers in the channel, /verifyhelp included.
	ReplyPublic Reply = "public"
	// ReplyPrivate answers only the person who asked: a direct message
	// for a message, an ephemeral response for /verifyhelp.
	ReplyPrivate Reply = "private"
)

// Channel is the settings of one channel, by its id; a channel without
// one keeps the adapter's. A forum channel's reply, handoff and scope
// hold in its posts.
type Channel struct {
	// ID is the channel's id (digits).
	ID string
	// Reply says where the answers go.
	Reply Reply
	// Answer says which messages are answered there.
	Answer bot.ChannelAnswer
	// HandoffRole or HandoffChannel, when either is set, is who is called
	// from the channel instead of Config's.
	HandoffRole, HandoffChannel string
	// Scope is the part of the knowledge answered there.
	Scope bot.Scope
}

// validateChannels reports the first bad entry of cs, naming its key.
func validateChannels(cs []Channel, messageContent bool) error {
	digits := func(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
	seen := map[string]bool{}
	for i, c := range cs {
		switch {
		case !digits(c.ID):
			return fmt.Errorf("channels[%d].id: %q is not a channel id (digits)", i, c.ID)
		case seen[c.ID]:
			return fmt.Errorf("channels[%d].id: %q is listed twice", i, c.ID)
		case c.Reply != ReplyDefault && c.Reply != ReplyPublic && c.Reply != ReplyPrivate:
			return fmt.Errorf("channels[%d].reply: %q is not public or private", i, c.Reply)
		case !c.Answer.Valid():
			return fmt.Errorf("channels[%d].answer: %q is not auto or mention", i, c.Answer)
		case c.Answer == bot.AnswerAuto && !messageContent:
			return fmt.Errorf("channels[%d].answer: auto reads messages that do not mention the bot, which needs message_content: true", i)
		case c.HandoffRole != "" && c.HandoffChannel != "":
			return fmt.Errorf("channels[%d].handoff: a role or a channel, not both", i)
		case c.HandoffRole != "" && !digits(c.HandoffRole):
			return fmt.Errorf("channels[%d].handoff: %q is not a role id (digits)", i, c.HandoffRole)
		case c.HandoffChannel != "" && !digits(c.HandoffChannel):
			return fmt.Errorf("channels[%d].handoff: %q is not a channel id (digits)", i, c.HandoffChannel)
		}
		seen[c.ID] = true
	}
	return nil
}

// channel is the settings of the channel with an id: its entry, that of
// its forum for a post of a forum channel, or none.
func (a *Adapter) channel(id string) Channel {
	if c, ok := a.channels[id]; ok {
		return c
	}
	if post, ok := a.forums.get(id); ok {
		if c, ok := a.channels[post.forum]; ok {
			return c
		}
	}
	return Channel{ID: id}
}

// autoAnswers reports whether every message of a channel is answered:
// a help channel, or answer: auto. A forum's answer setting is not its
// posts', whose author's messages are answered anyway.
func (a *Adapter) autoAnswers(id string) bool {
	switch a.channels[id].Answer {
	case bot.AnswerAuto:
		return true
	case bot.AnswerMention:
		return false
	}
	return slices.Contains(a.cfg.HelpChannelIDs, id)
}

// handoffTarget is who is called from a channel: the role to mention or
// the channel to post a link in, the channel's own or Config's.
func (a *Adapter) handoffTarget(channel string) (role, to string) {
	if c := a.channel(channel); c.HandoffRole != "" || c.HandoffChannel != "" {
		return c.HandoffRole, c.HandoffChannel
	}
	return a.cfg.HandoffRole, a.cfg.HandoffChannel
}

// commandPublic reports whether /verifyhelp answers in the channel for
// everyone to see.
func (a *Adapter) commandPublic(channel string) bool {
	switch a.channel(channel).Reply {
	case ReplyPublic:
		return true
	case ReplyPrivate:
		return false
	}
	return a.cfg.Public
}
