package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/slack-go/slack/slackevents"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// serveEvents is the Events API endpoint. It answers url_verification with
// the challenge and acknowledges events at once; answering happens later on
// the worker pool. When the pool is full it answers 503, so that Slack
// delivers the event again later.
func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		http.Error(w, "cannot parse event", http.StatusBadRequest)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		var challenge slackevents.ChallengeResponse
		if err := json.Unmarshal(body, &challenge); err != nil {
			http.Error(w, "cannot parse challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(challenge.Challenge))
	case slackevents.CallbackEvent:
		cb, _ := ev.Data.(*slackevents.EventsAPICallbackEvent)
		eventID := ""
		if cb != nil {
			eventID = cb.EventID
		}
		if !a.takeEvent(r.Context(), eventID, ev.TeamID, ev.InnerEvent) {
			w.Header().Set("Retry-After", "60")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

// takeEvent accepts one Events API event for answering, over either
// transport. It reports false only when the event should be delivered again
// (the pool is full); repeats, ignored events and accepted ones give true.
// The event is claimed first, so that of the deliveries of one event (a
// retry, or the same event at another replica sharing the claims) one is
// answered; the claim is done once the answer is over, and released when
// the event is refused.
func (a *Adapter) takeEvent(ctx context.Context, eventID, team string, inner slackevents.EventsAPIInnerEvent) bool {
	job, ok := a.eventJob(team, inner)
	if !ok {
		return true
	}
	key := ""
	if eventID != "" {
		key = adapterName + ":" + eventID
		if !a.events.Take(ctx, key) {
			a.deps.Metrics.Deduplicated(adapterName)
			return true // a retry or a repeat: answered, or being answered
		}
	}
	taken := a.work.Submit(func(ctx context.Context) {
		job(ctx)
		if key != "" {
			a.events.Finish(ctx, key)
		}
	})
	if !taken {
		if key != "" {
			a.events.Release(key)
		}
		a.deps.Metrics.Shed(adapterName)
		a.log.Warn("event refused: all workers busy", "event_id", eventID)
	}
	return taken
}

// eventJob is what answering inner does, on a worker: answer a message,
// or publish the App Home of the person who opened it. It reports false for
// the events the bot does not act on.
func (a *Adapter) eventJob(team string, inner slackevents.EventsAPIInnerEvent) (func(context.Context), bool) {
	if ev, ok := inner.Data.(*slackevents.AppHomeOpenedEvent); ok {
		if ev.Tab != "home" || ev.User == "" || a.isSelf(ev.User) {
			return nil, false
		}
		return func(ctx context.Context) { a.publishHome(ctx, ev.User, ev.Channel) }, true
	}
	m, ok := a.messageOf(inner)
	if !ok {
		return nil, false
	}
	m.team = team
	return func(ctx context.Context) { a.answer(ctx, m) }, true
}

// incoming is a message the bot answers, with where to answer it.
type incoming struct {
	team, user, channel, text string
	// thread is the ts to reply under; empty replies in the channel.
	thread string
	// public is true in channels, false in direct messages.
	public bool
	// mentioned says the message mentions the bot.
	mentioned bool
	images    int
	// ownThread says the message is answered only if its thread is a
	// conversation the bot answered in.
	ownThread bool
}

// conversation is the key of the conversation m belongs to: the thread
// the reply goes in, in a channel; the direct message channel otherwise.
func (m incoming) conversation() string {
	return conversationKey(m.team, m.channel, m.thread, m.public)
}

// conversationKey is "slack:<team>:<channel>:<thread>" in channels and
// "slack:<team>:<channel>" in direct messages.
func conversationKey(team, channel, thread string, public bool) string {
	if !public {
		return adapterName + ":" + team + ":" + channel
	}
	return adapterName + ":" + team + ":" + channel + ":" + thread
}

// messageOf picks the messages the bot answers: mentions in channels
// (answered in a thread under the message), direct messages (answered in
// their thread, if they are in one) and messages in help channels (see
// helpChannelMessage). Messages from bots, the bot's own, and edits, joins
// and deletions are ignored, so two bots can never loop.
func (a *Adapter) messageOf(inner slackevents.EventsAPIInnerEvent) (incoming, bool) {
	switch ev := inner.Data.(type) {
	case *slackevents.AppMentionEvent:
		if ev.BotID != "" || ev.User == "" || a.isSelf(ev.User) {
			return incoming{}, false
		}
		thread := ev.ThreadTimeStamp
		if thread == "" {
			thread = ev.TimeStamp
		}
		images := 0
		for _, f := range ev.Files {
			if strings.HasPrefix(f.Mimetype, "image/") {
				images++
			}
		}
		return incoming{user: ev.User, channel: ev.Channel, text: ev.Text, thread: thread, public: true, mentioned: true, images: images}, true
	case *slackevents.MessageEvent:
		if ev.ChannelType != "im" {
			return a.helpChannelMessage(ev)
		}
		if ev.SubType != "" || ev.BotID != "" || ev.User == "" || a.isSelf(ev.User) {
			return incoming{}, false
		}
		return incoming{user: ev.User, channel: ev.Channel, text: ev.Text, thread: ev.ThreadTimeStamp, mentioned: a.mentions(ev.Text)}, true
	}
	return incoming{}, false
}

// answer replies to one message; it runs on a worker. A private reply to a
// channel message, and every reply in a channel set to reply privately,
// is shown to its author alone (ephemeral).
func (a *Adapter) answer(ctx context.Context, m incoming) {
	if m.ownThread && !a.bot.Remembers(ctx, m.conversation()) {
		return // a reply in someone else's thread of a help channel
	}
	ch := a.channel(m.channel)
	reply := a.bot.Answer(ctx, bot.Message{Text: plainIncoming(m.text), User: m.user, Channel: m.channel, Adapter: adapterName,
		Public: m.public, Images: m.images, Conversation: m.conversation(), Mentioned: m.mentioned, CanHandOff: a.canHandOff(m.public, m.channel),
		Scope: ch.Scope})
	if reply.Silent {
		return
	}
	var err error
	if (reply.Private || ch.Private) && m.public {
		err = a.postEphemeral(ctx, m.channel, m.user, m.thread, a.renders.render(reply))
	} else {
		err = a.postMessage(ctx, m.channel, m.thread, a.withHandoff(reply, a.renders.render(reply), m.channel))
	}
	a.delivered(err)
	if err != nil {
		a.logFailure("post reply", err, "channel", m.channel)
		return
	}
	a.handOff(ctx, reply, m.team, m.channel, m.thread)
}

// mentions reports whether text mentions the bot.
func (a *Adapter) mentions(text string) bool {
	self := a.botUser.Load()
	return self != nil && strings.Contains(text, "<@"+*self+">")
}
