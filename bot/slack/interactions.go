package slack

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// serveInteractions acknowledges button clicks and menu choices at once and
// handles them on the worker pool.
func (a *Adapter) serveInteractions(w http.ResponseWriter, r *http.Request, _ []byte) {
	cb, err := slack.InteractionCallbackParse(r)
	if err != nil {
		http.Error(w, "cannot parse interaction", http.StatusBadRequest)
		return
	}
	if !a.takeInteraction(cb) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// takeInteraction queues the handling of a click or of the message
// shortcut, over either transport.
// It reports false when the pool is full.
func (a *Adapter) takeInteraction(cb slack.InteractionCallback) bool {
	if cb.Type == slack.InteractionTypeMessageAction && cb.CallbackID == ShortcutCallbackID {
		return a.work.Submit(func(ctx context.Context) { a.answerShortcut(ctx, cb) })
	}
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 {
		return true
	}
	return a.work.Submit(func(ctx context.Context) {
		for _, action := range cb.ActionCallback.BlockActions {
			a.interact(ctx, cb, action)
		}
	})
}

// interact handles one click: a topic button or menu choice posts that
// topic's answer where the click happened (in the same thread, or privately
// for a private message), an App Home topic in the person's Messages tab;
// a feedback button is recorded and acknowledged.
func (a *Adapter) interact(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) {
	switch {
	case strings.HasPrefix(action.ActionID, actionHomeTopic):
		a.answerHomeTopic(ctx, cb, action.Value)
	case strings.HasPrefix(action.ActionID, actionTopic):
		a.answerTopic(ctx, cb, action.Value)
	case action.ActionID == actionTopics:
		a.answerTopic(ctx, cb, action.SelectedOption.Value)
	case strings.HasPrefix(action.ActionID, actionFeedback):
		a.recordFeedback(ctx, cb, action)
	}
}

// answerTopic answers a picked choice in the conversation the click
// happened in: a topic's answer, or "Talk to a person".
func (a *Adapter) answerTopic(ctx context.Context, cb slack.InteractionCallback, choice string) {
	thread := cb.Message.ThreadTimestamp
	if thread == "" {
		thread = cb.Container.ThreadTs
	}
	if thread == "" {
		thread = cb.Message.Timestamp
	}
	public := !strings.HasPrefix(cb.Channel.ID, "D")
	inThread := !cb.Container.IsEphemeral && cb.Message.Timestamp != ""
	m := bot.Message{User: cb.User.ID, Channel: cb.Channel.ID, Adapter: adapterName, Public: public, Choice: choice,
		Mentioned: true, CanHandOff: inThread && a.canHandOff(public, cb.Channel.ID), Scope: a.channel(cb.Channel.ID).Scope}
	if !public || thread != "" {
		m.Conversation = conversationKey(cb.Team.ID, cb.Channel.ID, thread, public)
	}
	reply := a.bot.Answer(ctx, m)
	if reply.Silent {
		return
	}
	msg := a.renders.render(reply)
	if !inThread {
		if cb.ResponseURL == "" {
			return
		}
		if err := a.respond(ctx, cb.ResponseURL, ephemeral(msg)); err != nil {
			a.logFailure("respond to click", err, "channel", cb.Channel.ID)
		}
		return
	}
	err := a.postMessage(ctx, cb.Channel.ID, thread, a.withHandoff(reply, msg, cb.Channel.ID))
	a.delivered(err)
	if err != nil {
		a.logFailure("post topic", err, "channel", cb.Channel.ID)
		return
	}
	a.handOff(ctx, reply, cb.Team.ID, cb.Channel.ID, thread)
}

// recordFeedback records a 👍 or 👎 click and thanks for it, once per
// click: claimed under its trigger id, so that a click delivered to two
// replicas sharing the claims (or twice to one) is recorded once.
func (a *Adapter) recordFeedback(ctx context.Context, cb slack.InteractionCallback, action *slack.BlockAction) {
	vote, intent, ok := strings.Cut(action.Value, ":")
	if !ok || (vote != "up" && vote != "down") {
		return
	}
	record := func(ctx context.Context) error {
		return a.feedback.RecordFeedback(ctx, bot.Feedback{
			Adapter: adapterName, User: cb.User.ID, Channel: cb.Channel.ID, Reply: cb.Message.Timestamp,
			Intent: intent, Helpful: vote == "up", Time: time.Now(),
		})
	}
	var err error
	if cb.TriggerID == "" {
		err = record(ctx)
	} else if ran, rerr := a.events.Once(ctx, clickKey(cb.TriggerID, action.ActionID), record); !ran {
		a.deps.Metrics.Deduplicated(adapterName)
		return // recorded, and thanked for, by whoever claimed it
	} else {
		err = rerr
	}
	if err != nil {
		a.log.Error("record feedback failed", "err", err)
	}
	if cb.ResponseURL == "" {
		return
	}
	thanks := responseMessage{ResponseType: "ephemeral", Text: "Thanks for your feedback!"}
	if err := a.respond(ctx, cb.ResponseURL, thanks); err != nil {
		a.logFailure("acknowledge feedback", err, "channel", cb.Channel.ID)
	}
}

// clickKey is the claim of one action of a click: "slack:click:<trigger
// id>:<action id>", apart from the events' "slack:<event id>".
func clickKey(trigger, action string) string {
	return adapterName + ":click:" + trigger + ":" + action
}
