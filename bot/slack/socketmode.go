package slack

import (
	"context"
	"runtime/debug"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// runSocketMode receives events, slash commands and clicks over Slack's
// Socket Mode websocket until ctx ends. slack-go reconnects by itself.
func (a *Adapter) runSocketMode(ctx context.Context) error {
	sm := a.api.openSocket(a.deps.Dialer)
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(ctx) }()
	for {
		select {
		case err := <-errc:
			return err
		case evt := <-sm.events():
			a.socketEvent(ctx, sm, evt)
		}
	}
}

// socketEvent handles one Socket Mode event. Events and clicks are
// acknowledged once queued (an event not queued is left unacknowledged, so
// Slack delivers it again); slash commands are answered in their
// acknowledgement, as over HTTP.
func (a *Adapter) socketEvent(ctx context.Context, sm socketConn, evt socketmode.Event) {
	defer func() {
		if v := recover(); v != nil {
			a.panicked("socket mode event handler", v, debug.Stack())
		}
	}()
	ack := func(payload ...any) {
		if evt.Request == nil {
			return
		}
		if err := sm.Ack(*evt.Request, payload...); err != nil {
			a.log.Error("socket mode ack failed", "type", evt.Type, "err", err)
		}
	}
	switch evt.Type {
	case socketmode.EventTypeConnected:
		a.socketUp.Store(true)
		a.log.Info("socket mode connected")
	case socketmode.EventTypeConnecting, socketmode.EventTypeDisconnect:
		a.socketUp.Store(false)
	case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth:
		a.socketUp.Store(false)
		a.log.Error("socket mode connection failed", "type", evt.Type)
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			ack()
			return
		}
		eventID := ""
		if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
			eventID = cb.EventID
		}
		if a.takeEvent(ctx, eventID, ev.TeamID, ev.InnerEvent) {
			ack()
		}
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			ack()
			return
		}
		ack(a.commandResponse(ctx, cmd))
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok || a.takeInteraction(cb) {
			ack()
		}
	}
}
