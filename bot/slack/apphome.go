package slack

import (
	"context"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// publishHome shows user the App Home (views.publish). dm, the channel of
// the person's Messages tab, which Slack names in app_home_opened, is kept
// in the view, so that a topic clicked there is answered in that channel.
func (a *Adapter) publishHome(ctx context.Context, user, dm string) {
	view := slack.HomeTabViewRequest{
		Type:            slack.VTHomeTab,
		Blocks:          slack.Blocks{BlockSet: homeView(a.bot.Topics(), a.bot.Guidance(), a.cfg.Command, a.helpChannels())},
		PrivateMetadata: dm,
	}
	err := retryRateLimited(ctx, func() error {
		_, err := a.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view})
		return err
	})
	a.delivered(err)
	if err != nil {
		a.logFailure("publish app home", err, "user", user)
	}
}

// answerHomeTopic answers a topic clicked in the App Home privately, in the
// person's Messages tab: the channel kept in the view, or, without it, the
// person's id, where Slack posts to their Messages tab too.
func (a *Adapter) answerHomeTopic(ctx context.Context, cb slack.InteractionCallback, topic string) {
	channel := cb.View.PrivateMetadata
	if channel == "" {
		channel = cb.User.ID
	}
	m := bot.Message{User: cb.User.ID, Channel: channel, Adapter: adapterName, Choice: topic, Mentioned: true}
	if channel != cb.User.ID {
		m.Conversation = conversationKey(cb.Team.ID, channel, "", false)
	}
	reply := a.bot.Answer(ctx, m)
	if reply.Silent {
		return
	}
	err := a.postMessage(ctx, channel, "", a.renders.render(reply))
	a.delivered(err)
	if err != nil {
		a.logFailure("post home topic", err, "user", cb.User.ID)
	}
}
