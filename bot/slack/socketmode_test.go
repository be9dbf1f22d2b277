package slack_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

func startSocketMode(t *testing.T) *harness {
	return start(t, socketMode)
}

// socketMode turns c to Socket Mode.
func socketMode(c *slack.Config) {
	c.SigningSecret = ""
	c.AppToken = "xapp-test"
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
	h.send(t, "env-2", "events_api", callback("Ev2", dm("nfc", "1000.4")))
	if p := h.fake.waitPosts(2)[1]; p.Channel != "D1" || p.Thread != "" {
		t.Fatalf("posted to %s thread %q", p.Channel, p.Thread)
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
}
