package slack_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// helpMessage is a message by U1 in the help channel C1, in thread when
// thread is set.
func helpMessage(text, ts, thread string) map[string]any {
	ev := map[string]any{"type": "message", "channel_type": "channel", "user": "U1", "text": text, "ts": ts, "channel": "C1", "event_ts": ts}
	if thread != "" {
		ev["thread_ts"] = thread
	}
	return ev
}

// startHelpChannel is an adapter with C1 as its help channel and a bot
// that remembers conversations.
func startHelpChannel(t *testing.T, change func(*slack.Config)) *harness {
	t.Helper()
	b := testkit.NewBot(t, nil, bot.WithConversations(bot.NewMemoryConversations(100, nil), 0))
	return startWith(t, b, nil, func(c *slack.Config) {
		c.HelpChannelIDs = []string{"C1"}
		if change != nil {
			change(c)
		}
	})
}

func TestHelpChannelTopLevelMessageIsAnsweredInItsThread(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(*slack.Config)
		send   func(h *harness, t *testing.T, id string, ev map[string]any)
	}{
		{"http", nil, func(h *harness, t *testing.T, id string, ev map[string]any) {
			if code := h.event(t, id, ev); code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
		}},
		{"socket mode", socketMode, func(h *harness, t *testing.T, id string, ev map[string]any) {
			h.send(t, "env-"+id, "events_api", map[string]any{"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": id, "event_time": 1, "event": ev})
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := startHelpChannel(t, tt.change)
			tt.send(h, t, "Ev1", helpMessage("my selfie keeps failing", "1000.1", ""))
			p := h.fake.waitPosts(1)[0]
			if p.Channel != "C1" || p.Thread != "1000.1" || p.Ephemeral {
				t.Fatalf("posted to %s thread %q (ephemeral %v), want C1 thread 1000.1", p.Channel, p.Thread, p.Ephemeral)
			}
			guidance := strings.LastIndex(p.Text, "Your best next step: contact the company or organization")
			if !strings.Contains(p.Blocks, "selfie step") || guidance < strings.LastIndex(p.Text, "selfie") {
				t.Errorf("reply without the answer, or not ending with the guidance: %q", p.Text)
			}
			// A reply in the bot's thread is answered there, without a mention.
			tt.send(h, t, "Ev2", helpMessage("and what about the nfc chip", "1000.3", "1000.1"))
			if p := h.fake.waitPosts(2)[1]; p.Channel != "C1" || p.Thread != "1000.1" || !strings.Contains(strings.ToLower(p.Blocks), "nfc") {
				t.Fatalf("follow-up posted to %s thread %q: %.200s", p.Channel, p.Thread, p.Blocks)
			}
		})
	}
}

func TestHelpChannelIgnoredMessages(t *testing.T) {
	h := startHelpChannel(t, nil)
	other := helpMessage("nfc", "1.1", "")
	other["channel"] = "C2"
	own := helpMessage("nfc", "1.2", "")
	own["user"] = "UBOT"
	otherBot := helpMessage("nfc", "1.3", "")
	otherBot["bot_id"], otherBot["user"] = "B2", "U2"
	edit := helpMessage("nfc", "1.4", "")
	edit["subtype"] = "message_changed"
	join := helpMessage("has joined the channel", "1.5", "")
	join["subtype"] = "channel_join"
	dmLike := helpMessage("nfc", "1.6", "")
	dmLike["channel_type"] = "im" // a direct message channel is never a help channel
	dmLike["channel"] = "C1"
	dmLike["user"] = "UBOT"
	tests := []struct {
		name  string
		event map[string]any
	}{
		{"another channel", other},
		{"the bot's own", own},
		{"another bot's", otherBot},
		{"edit", edit},
		{"join", join},
		{"the bot's own direct message", dmLike},
		{"reply in a thread the bot never answered", helpMessage("nfc", "1.7", "1.0")},
		{"reply to another reply's thread", helpMessage("nfc", "1.8", "0.9")},
	}
	for i, tt := range tests {
		if code := h.event(t, fmt.Sprintf("EvIgnored%d", i), tt.event); code != http.StatusOK {
			t.Errorf("%s: status %d", tt.name, code)
		}
	}
	posts := h.marker(t, 1)
	if len(posts) != 1 {
		t.Fatalf("%d posts, want only the marker's: %s", len(posts), summary(posts))
	}
}

// TestHelpChannelMentionIsAnsweredOnce: Slack sends a message that
// mentions the bot in a help channel twice, as app_mention and as message;
// it is answered once, and a mention in someone else's thread is answered.
func TestHelpChannelMentionIsAnsweredOnce(t *testing.T) {
	h := startHelpChannel(t, nil)
	h.event(t, "Ev1", helpMessage("<@UBOT> nfc chip", "1000.1", ""))
	h.event(t, "Ev2", mention("<@UBOT> nfc chip", "1000.1"))
	h.event(t, "Ev3", helpMessage("<@UBOT> my selfie", "1000.5", "900.1"))
	inThread := mention("<@UBOT> my selfie", "1000.5")
	inThread["thread_ts"] = "900.1"
	h.event(t, "Ev4", inThread)
	posts := h.marker(t, 3)
	if len(posts) != 3 {
		t.Fatalf("%d posts, want 2 and the marker's: %s", len(posts), summary(posts))
	}
	threads := map[string]bool{}
	for _, p := range posts {
		if p.Channel == "C1" {
			threads[p.Thread] = true
		}
	}
	if !threads["1000.1"] || !threads["900.1"] {
		t.Errorf("answered in threads %v, want 1000.1 and 900.1", threads)
	}
}

func TestHelpChannelPersonalDataIsAnsweredPrivately(t *testing.T) {
	h := startHelpChannel(t, nil)
	h.event(t, "Ev1", helpMessage("my passport number is X12345678, why was it rejected?", "1000.1", ""))
	p := h.fake.waitPosts(1)[0]
	if !p.Ephemeral || p.User != "U1" || p.Channel != "C1" || p.Thread != "1000.1" {
		t.Fatalf("reply not private in the thread: %+v", p)
	}
	if strings.Contains(p.Blocks, "X12345678") || strings.Contains(p.Text, "X12345678") {
		t.Errorf("the reply repeats the number: %.300s", p.Blocks)
	}
}

// TestHelpChannelMessagesAreRateLimited: a person's messages in a help
// channel count against their rate limit as mentions do: past it, one
// notice, then silence.
func TestHelpChannelMessagesAreRateLimited(t *testing.T) {
	b := testkit.NewBot(t, nil, bot.WithRateLimit(1, 2)) // bursts of two, a token a minute
	h := startWith(t, b, nil, func(c *slack.Config) {
		c.HelpChannelIDs = []string{"C1"}
		c.Workers = 1
	})
	for i := range 5 {
		h.event(t, fmt.Sprint("Ev", i), helpMessage("my selfie keeps failing", fmt.Sprintf("1000.%d", i+1), ""))
	}
	h.stop()
	posts := h.fake.waitPosts(0)
	if len(posts) != 3 {
		t.Fatalf("%d posts, want 2 answers and 1 notice: %s", len(posts), summary(posts))
	}
	for i, p := range posts {
		limited := strings.Contains(p.Text, "faster than I can keep up with")
		if limited != (i == 2) || p.Channel != "C1" || p.Thread != fmt.Sprintf("1000.%d", i+1) {
			t.Errorf("post %d in %s thread %q, limited %v: %.80q", i, p.Channel, p.Thread, limited, p.Text)
		}
	}
}

// TestHelpChannelImageIsAnsweredPrivately: a photo shared in a help
// channel gets the guard's warning, seen by its author alone, in the
// message's thread.
func TestHelpChannelImageIsAnsweredPrivately(t *testing.T) {
	h := startHelpChannel(t, nil)
	withImage := helpMessage("is this photo ok", "1000.1", "")
	withImage["subtype"] = "file_share"
	withImage["files"] = []any{map[string]any{"id": "F1", "mimetype": "image/jpeg", "name": "id.jpg"}}
	h.event(t, "Ev1", withImage)
	p := h.fake.waitPosts(1)[0]
	if !p.Ephemeral || p.User != "U1" || p.Channel != "C1" || p.Thread != "1000.1" {
		t.Fatalf("warning not private in the thread: %+v", p)
	}
	if !strings.Contains(p.Blocks, "never be posted in a chat") {
		t.Errorf("warning blocks: %.200s", p.Blocks)
	}
}
