package slack_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// shortcut is U2 using "Ask helpdeskbot" on message in channel.
func shortcut(h *harness, channel string, message map[string]any) map[string]any {
	return map[string]any{
		"type": "message_action", "callback_id": slack.ShortcutCallbackID, "trigger_id": newTriggerID(),
		"user": map[string]any{"id": "U2"}, "channel": map[string]any{"id": channel}, "team": map[string]any{"id": "T1"},
		"response_url": h.fake.responseURL("shortcut"), "message": message,
	}
}

func question(text, ts, thread string) map[string]any {
	m := map[string]any{"type": "message", "user": "U1", "text": text, "ts": ts}
	if thread != "" {
		m["thread_ts"] = thread
	}
	return m
}

// answeredWithGuidance fails unless p holds want and ends with the
// guidance, in its text and its last block.
func answeredWithGuidance(t *testing.T, p post, want string) {
	t.Helper()
	const tail = "so they are the ones who can help with your specific case."
	if !strings.Contains(p.Blocks, want) || !strings.HasSuffix(p.Text, tail) || !strings.HasSuffix(p.Blocks, tail+`","verbatim":true}}]`) {
		t.Errorf("reply without %q or not ending with the guidance: %q", want, p.Text)
	}
}

func TestShortcutAnswersInTheMessagesThread(t *testing.T) {
	tests := []struct {
		name, thread string
		message      map[string]any
	}{
		{"top-level message", "1000.1", question("my selfie keeps failing", "1000.1", "")},
		{"reply in a thread", "900.1", question("my selfie keeps failing", "1000.2", "900.1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t, func(c *slack.Config) { c.Workers = 1 })
			payload := shortcut(h, "C1", tt.message)
			h.interaction(t, payload)
			h.interaction(t, payload) // delivered again: answered once
			posts := h.marker(t, 2)
			if len(posts) != 2 {
				t.Fatalf("%d posts, want the answer and the marker's: %s", len(posts), summary(posts))
			}
			p := posts[0]
			if p.Channel != "C1" || p.Thread != tt.thread || p.Ephemeral {
				t.Fatalf("posted to %s thread %q (ephemeral %v), want C1 thread %s", p.Channel, p.Thread, p.Ephemeral, tt.thread)
			}
			answeredWithGuidance(t, p, "selfie step")
		})
	}
}

func TestShortcutAnswersPrivately(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*slack.Config)
		channel string
		message map[string]any
		want    string
		// notInChannel makes chat.postMessage fail as for a channel the
		// bot is not in.
		notInChannel bool
	}{
		{"with shortcut_private", func(c *slack.Config) { c.ShortcutPrivate = true }, "C1", question("my selfie keeps failing", "1000.1", ""), "selfie step", false},
		{"in a direct message", nil, "D7", question("my selfie keeps failing", "1000.1", ""), "selfie step", false},
		{"a message with personal data", nil, "C1", question("my passport number is X12345678, why was it rejected?", "1000.1", ""), "", false},
		{"a channel the bot is not in", nil, "C9", question("my selfie keeps failing", "1000.1", ""), "selfie step", true},
		{"a bot's message", nil, "C1", map[string]any{"type": "message", "bot_id": "B2", "text": "selfie", "ts": "1000.1"}, "a person's question", false},
		{"the bot's own message", nil, "C1", map[string]any{"type": "message", "user": "UBOT", "text": "selfie", "ts": "1000.1"}, "a person's question", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t, tt.change)
			if tt.notInChannel {
				h.fake.postMessage = func(w http.ResponseWriter, _ int, channel string) bool {
					if channel != "C9" {
						return false
					}
					writeJSON(w, map[string]any{"ok": false, "error": "not_in_channel"})
					return true
				}
			}
			h.interaction(t, shortcut(h, tt.channel, tt.message))
			var p post
			for _, got := range h.fake.waitPosts(1) {
				if got.ResponseURL {
					p = got
				}
			}
			if !p.ResponseURL || !p.Ephemeral {
				t.Fatalf("not answered privately: %s", summary(h.fake.waitPosts(1)))
			}
			if strings.Contains(p.Blocks, "X12345678") || strings.Contains(p.Text, "X12345678") {
				t.Errorf("the private reply repeats the number: %.300s", p.Blocks)
			}
			if tt.want != "" {
				if !strings.Contains(p.Blocks, tt.want) {
					t.Errorf("private reply lacks %q: %.300s", tt.want, p.Blocks)
				}
			}
			answeredWithGuidance(t, p, "")
			for _, got := range h.marker(t, 2) {
				if !got.ResponseURL && got.Channel != "D1" {
					t.Errorf("posted in %s as well: %.200s", got.Channel, got.Blocks)
				}
			}
		})
	}
}

func TestSocketModeShortcut(t *testing.T) {
	h := startSocketMode(t)
	h.send(t, "env-1", "interactive", shortcut(h, "C1", question("the nfc chip will not read", "1000.1", "")))
	p := h.fake.waitPosts(1)[0]
	if p.Channel != "C1" || p.Thread != "1000.1" {
		t.Fatalf("posted to %s thread %q", p.Channel, p.Thread)
	}
	answeredWithGuidance(t, p, "NFC")
}

// TestShortcutDeliveredToTwoReplicasIsAnsweredOnce: two adapters share
// one claims store, as two replicas; a use of the shortcut delivered to
// both is answered once, and another use is answered again.
func TestShortcutDeliveredToTwoReplicasIsAnsweredOnce(t *testing.T) {
	shared := bot.NewMemoryClaims(time.Hour, 100, nil)
	a := startWith(t, nil, nil, nil, slack.WithClaims(shared))
	b := startWith(t, nil, nil, nil, slack.WithClaims(shared))
	payload := shortcut(a, "C1", question("my selfie keeps failing", "1000.1", ""))
	a.interaction(t, payload)
	b.interaction(t, payload)
	b.interaction(t, shortcut(b, "C1", question("the nfc chip will not read", "1000.2", "")))
	a.stop() // every use queued is handled once both have stopped
	b.stop()
	got := a.fake.postCount() + b.fake.postCount()
	if got != 2 {
		t.Fatalf("%d answers posted, want 2 (the use delivered twice once, the other once)", got)
	}
}
