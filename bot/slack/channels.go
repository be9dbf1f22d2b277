package slack

import (
	"fmt"
	"slices"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Channel is the settings of one channel, by its id; a channel without
// one keeps the adapter's.
type Channel struct {
	// ID is the channel's id (C... or G...).
	ID string
	// Private answers there privately: ephemeral messages only the person
	// who asked sees, in the message's thread.
	Private bool
	// Answer says which messages are answered there.
	Answer bot.ChannelAnswer
	// HandoffUsergroup or HandoffChannel, when either is set, is who is
	// called from the channel instead of Config's.
	HandoffUsergroup, HandoffChannel string
	// Scope is the part of the knowledge answered there.
	Scope bot.Scope
}

// validateChannels reports the first bad entry of cs, naming its key.
func validateChannels(cs []Channel) error {
	seen := map[string]bool{}
	for i, c := range cs {
		switch {
		case !channelID(c.ID):
			return fmt.Errorf("channels[%d].id: %q is not a channel id like C0123ABCD", i, c.ID)
		case seen[c.ID]:
			return fmt.Errorf("channels[%d].id: %q is listed twice", i, c.ID)
		case !c.Answer.Valid():
			return fmt.Errorf("channels[%d].answer: %q is not auto or mention", i, c.Answer)
		case c.HandoffUsergroup != "" && c.HandoffChannel != "":
			return fmt.Errorf("channels[%d].handoff: a user group or a channel, not both", i)
		case c.HandoffUsergroup != "" && (len(c.HandoffUsergroup) < 2 || c.HandoffUsergroup[0] != 'S'):
			return fmt.Errorf("channels[%d].handoff: %q is not a user group id like S0123ABCD", i, c.HandoffUsergroup)
		case c.HandoffChannel != "" && !channelID(c.HandoffChannel):
			return fmt.Errorf("channels[%d].handoff: %q is not a channel id like C0123ABCD", i, c.HandoffChannel)
		}
		seen[c.ID] = true
	}
	return nil
}

// channel is the settings of the channel with an id: its entry, or none.
func (a *Adapter) channel(id string) Channel {
	if c, ok := a.channels[id]; ok {
		return c
	}
	return Channel{ID: id}
}

// autoAnswers reports whether every top-level message of a channel is
// answered: a help channel, or answer: auto.
func (a *Adapter) autoAnswers(id string) bool {
	switch a.channel(id).Answer {
	case bot.AnswerAuto:
		return true
	case bot.AnswerMention:
		return false
	}
	return slices.Contains(a.cfg.HelpChannelIDs, id)
}

// helpChannels are the channels that answer every top-level message, for
// the App Home: the help channels, and the channels with answer: auto,
// less those with answer: mention.
func (a *Adapter) helpChannels() []string {
	var out []string
	for _, id := range a.cfg.HelpChannelIDs {
		if a.autoAnswers(id) {
			out = append(out, id)
		}
	}
	for _, c := range a.cfg.Channels {
		if c.Answer == bot.AnswerAuto && !slices.Contains(out, c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}

// handoffTarget is who is called from a channel: the user group to
// mention or the channel to post a link in, the channel's own or Config's.
func (a *Adapter) handoffTarget(channel string) (usergroup, to string) {
	if c := a.channel(channel); c.HandoffUsergroup != "" || c.HandoffChannel != "" {
		return c.HandoffUsergroup, c.HandoffChannel
	}
	return a.cfg.HandoffUsergroup, a.cfg.HandoffChannel
}
