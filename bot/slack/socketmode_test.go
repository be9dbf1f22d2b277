package slack_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/testkit"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

func startSocketMode(t *testing.T) *harness {
	return start(t, func(c *slack.Config) {
		c.SigningSecret = ""
		c.AppToken = "xapp-test"
		c.WebsocketDialer = &websocket.Dialer{NetDialContext: testkit.LoopbackDialer().DialContext, HandshakeTimeout: 5 * time.Second}
	})
}

// send queues a Socket Mode envelope and returns its acknowledgement.
func (h *harness) send(t *testing.T, id, kind string, payload any) map[string]any {
	t.Helper()
	h.fake.envelope <- map[string]any{"envelope_id": id, "type": kind, "payload": payload, "accepts_response_payload": kind == "slash_commands"}
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ack := <-h.fake.acks:
			if ack["envelope_id"] == id {
				return ack
			}
		case <-deadline:
			t.Fatalf("no acknowledgement of %s", id)
		}
	}
}

func TestSocketModeEvents(t *testing.T) {
	h := startSocketMode(t)
	callback := func(id string, inner map[string]any) map[string]any {
		return map[string]any{"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": id, "event_time": 1, "event": inner}
	}
	h.send(t, "env-1", "events_api", callback("Ev1", mention("<@UBOT> stuck on selfie", "1000.1")))
	p := h.fake.waitPosts(1)[0]
	if p.Channel != "C1" || p.Thread != "1000.1" || !strings.Contains(p.Blocks, "selfie") {
		t.Fatalf("posted to %s thread %q: %.80s", p.Channel, p.Thread, p.Blocks)
	}
	// The same event delivered again (a retry) is acknowledged, not answered.
	h.send(t, "env-2", "events_api", callback("Ev1", mention("<@UBOT> stuck on selfie", "1000.1")))
	// A bot's message is acknowledged and ignored.
	h.send(t, "env-3", "events_api", callback("Ev3", map[string]any{"type": "message", "channel_type": "im", "bot_id": "B2", "text": "hi", "ts": "1.1", "channel": "D1"}))
	h.send(t, "env-4", "events_api", callback("Ev4", dm("nfc", "1000.4")))
	posts := h.fake.waitPosts(2)
	time.Sleep(100 * time.Millisecond)
	if n := h.fake.postCount(); n != 2 || posts[1].Channel != "D1" {
		t.Fatalf("%d posts: %s", n, summary(posts))
	}
}

func TestSocketModeSlashCommandIsAnsweredInTheAck(t *testing.T) {
	h := startSocketMode(t)
	ack := h.send(t, "env-1", "slash_commands", map[string]any{"command": "/verifyhelp", "text": "glare on my licence", "user_id": "U1", "channel_id": "C1"})
	payload, _ := json.Marshal(ack["payload"])
	if !strings.Contains(string(payload), `"response_type":"ephemeral"`) || !strings.Contains(string(payload), "glare") {
		t.Fatalf("ack payload %s", payload)
	}
}

func TestSocketModeInteraction(t *testing.T) {
	h := startSocketMode(t)
	h.send(t, "env-1", "interactive", click(h, "topic:selfie", "selfie", map[string]any{"ts": "2000.1", "thread_ts": "1000.1", "type": "message"}, false))
	if p := h.fake.waitPosts(1)[0]; p.Thread != "1000.1" || !strings.Contains(p.Blocks, "selfie") {
		t.Fatalf("posted to thread %q: %.80s", p.Thread, p.Blocks)
	}
	h.send(t, "env-2", "interactive", click(h, "feedback:up", "up:selfie", map[string]any{"ts": "2000.1", "type": "message"}, false))
	select {
	case f := <-h.feedback:
		if !f.Helpful || f.Intent != "selfie" {
			t.Fatalf("feedback %+v", f)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no feedback recorded")
	}
}
