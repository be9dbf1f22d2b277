package slack

import (
	"strings"

	"github.com/slack-go/slack/slackevents"
)

// helpChannelMessage picks the messages of help channels (message.channels
// and message.groups events) the bot answers without a mention: every
// top-level message, in a thread under it, and the replies in threads
// that are the bot's conversations. A message that mentions the bot is
// left to its app_mention event, which Slack sends as well, so that it is
// answered once; messages of other channels, of bots and the bot's own,
// and edits, joins and deletions are ignored.
func (a *Adapter) helpChannelMessage(ev *slackevents.MessageEvent) (incoming, bool) {
	if !a.autoAnswers(ev.Channel) || (ev.ChannelType != "channel" && ev.ChannelType != "group") {
		return incoming{}, false
	}
	if (ev.SubType != "" && ev.SubType != "file_share") || ev.BotID != "" || ev.User == "" || a.isSelf(ev.User) || a.mentions(ev.Text) {
		return incoming{}, false
	}
	m := incoming{user: ev.User, channel: ev.Channel, text: ev.Text, thread: ev.ThreadTimeStamp, public: true}
	if m.thread == "" || m.thread == ev.TimeStamp {
		m.thread = ev.TimeStamp
	} else {
		m.ownThread = true
	}
	if ev.Message != nil {
		for _, f := range ev.Message.Files {
			if strings.HasPrefix(f.Mimetype, "image/") {
				m.images++
			}
		}
	}
	return m, true
}
