package slack

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
)

// notVisible are the conversations.info errors that mean the bot cannot
// see a channel: it does not exist, or it is private and the bot is not
// in it.
var notVisible = map[string]bool{"channel_not_found": true, "not_in_channel": true, "access_denied": true}

// checkChannels asks Slack about each channel of Config.Channels
// (conversations.info), remembers those the bot cannot see and logs them
// in one line. A channel Slack could not be asked about is logged on its
// own and not counted: the bot may well see it.
func (a *Adapter) checkChannels(ctx context.Context) {
	if len(a.cfg.Channels) == 0 {
		return
	}
	unseen := []string{}
	for _, c := range a.cfg.Channels {
		_, err := a.api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: c.ID})
		if ctx.Err() != nil {
			return // stopping: the check is left unfinished, nil
		}
		switch code := errorCode(err); {
		case err == nil:
		case notVisible[code]:
			unseen = append(unseen, c.ID)
		default:
			a.log.Warn("cannot check a configured channel", "channel", c.ID, "code", code, "err", err)
		}
	}
	a.unseen.Store(&unseen)
	if len(unseen) > 0 {
		a.log.Warn("configured channels the bot cannot see", "channels", strings.Join(unseen, ","))
	}
}

// UnseenChannels are the ids of the channels of Config.Channels Slack
// said the bot cannot see, once checked after connecting; nil before.
func (a *Adapter) UnseenChannels() []string {
	if p := a.unseen.Load(); p != nil {
		return *p
	}
	return nil
}
