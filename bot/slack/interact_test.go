package slack_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// TestSlackDocumentedSignature checks the example from Slack's documentation
// on verifying requests: a slash command body signed at 1531420618. The
// verifier accepts five minutes around "now", so the test runs in a bubble
// whose clock is moved to that instant.
func TestSlackDocumentedSignature(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a, err := slack.New(slack.Config{BotToken: "xoxb-test", SigningSecret: testSecret}, testkit.NewBot(t, nil), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Until(time.Unix(1531420618, 0)))
		body := "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
		req, _ := http.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", "1531420618")
		req.Header.Set("X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
		rec := newRecorder()
		a.Handler().ServeHTTP(rec, req)
		if rec.code != http.StatusOK {
			t.Fatalf("documented example refused: %d %s", rec.code, rec.body)
		}
		// The command is not ours, so the answer says which one is.
		if !strings.Contains(rec.body.String(), "/verifyhelp") {
			t.Errorf("response %s", rec.body)
		}

		req.Header.Set("X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504")
		req.Body = io.NopCloser(strings.NewReader(body))
		rec = newRecorder()
		a.Handler().ServeHTTP(rec, req)
		if rec.code != http.StatusUnauthorized {
			t.Fatalf("altered signature: %d", rec.code)
		}
	})
}

func TestSlashCommand(t *testing.T) {
	h := start(t, nil)
	command := func(text string) map[string]any {
		body := form(map[string]string{"command": "/verifyhelp", "text": text, "user_id": "U1", "channel_id": "C1",
			"response_url": h.fake.responseURL("cmd"), "trigger_id": "1.2.3", "team_id": "T1"})
		resp := do(t, signed(t, h.srv.URL+"/slack/commands", "application/x-www-form-urlencoded", body, time.Now()))
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		if out["response_type"] != "ephemeral" {
			t.Errorf("response_type %v, want ephemeral", out["response_type"])
		}
		return out
	}
	t.Run("question", func(t *testing.T) {
		out := command("my selfie keeps failing <!channel> <@U999>")
		blocks, _ := json.Marshal(out["blocks"])
		if !strings.Contains(string(blocks), "selfie step") {
			t.Errorf("no selfie answer: %s", blocks)
		}
	})
	t.Run("alone lists the topics", func(t *testing.T) {
		out := command("   ")
		blocks, _ := json.Marshal(out["blocks"])
		for _, want := range []string{`"static_select"`, `"action_id":"topics"`, "Selfie step", "NFC chip reading", "organization that asked you to verify"} {
			if !strings.Contains(string(blocks), want) {
				t.Errorf("topics list lacks %s: %s", want, blocks)
			}
		}
	})
	if n := h.fake.postCount(); n != 0 {
		t.Errorf("slash commands posted %d channel messages; they answer privately", n)
	}
}

// interaction posts a signed block_actions payload.
func (h *harness) interaction(t *testing.T, payload map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(payload)
	body := form(map[string]string{"payload": string(raw)})
	if resp := do(t, signed(t, h.srv.URL+"/slack/interactions", "application/x-www-form-urlencoded", body, time.Now())); resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

// triggers numbers the clicks: Slack gives each its own trigger id.
var triggers atomic.Int64

// newTriggerID is the trigger id of a new click.
func newTriggerID() string { return fmt.Sprintf("1.2.%d", triggers.Add(1)) }

func click(h *harness, actionID, value string, message map[string]any, ephemeral bool) map[string]any {
	return map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "U1"}, "channel": map[string]any{"id": "C1"},
		"response_url": h.fake.responseURL("click"), "trigger_id": newTriggerID(),
		"container": map[string]any{"type": "message", "message_ts": message["ts"], "channel_id": "C1", "is_ephemeral": ephemeral},
		"message":   message,
		"actions":   []map[string]any{{"action_id": actionID, "block_id": "choices", "value": value, "type": "button", "action_ts": "1.1"}},
	}
}

func TestTopicButtonAnswersInTheSameThread(t *testing.T) {
	h := start(t, nil)
	h.interaction(t, click(h, "topic:nfc", "nfc", map[string]any{"ts": "2000.1", "thread_ts": "1000.1", "type": "message"}, false))
	p := h.fake.waitPosts(1)[0]
	if p.Channel != "C1" || p.Thread != "1000.1" || !strings.Contains(p.Blocks, "NFC") {
		t.Fatalf("posted to %s thread %q: %.80s", p.Channel, p.Thread, p.Blocks)
	}
	// A message outside any thread starts one under itself.
	h.interaction(t, click(h, "topic:okta", "okta", map[string]any{"ts": "2000.2", "type": "message"}, false))
	if p := h.fake.waitPosts(2)[1]; p.Thread != "2000.2" || !strings.Contains(p.Blocks, "Okta") {
		t.Fatalf("posted to thread %q: %.80s", p.Thread, p.Blocks)
	}
}

func TestMenuChoiceOnPrivateReplyAnswersPrivately(t *testing.T) {
	h := start(t, nil)
	payload := click(h, "topics", "", map[string]any{"type": "message"}, true)
	payload["actions"] = []map[string]any{{"action_id": "topics", "block_id": "topics", "type": "static_select", "action_ts": "1.1",
		"selected_option": map[string]any{"value": "lighting-glare", "text": map[string]any{"type": "plain_text", "text": "Lighting and glare"}}}}
	h.interaction(t, payload)
	p := h.fake.waitPosts(1)[0]
	if !p.ResponseURL || !p.Ephemeral || !strings.Contains(p.Blocks, "glare") {
		t.Fatalf("got %+v", p)
	}
}

func TestFeedbackIsRecordedAndAcknowledged(t *testing.T) {
	h := start(t, nil)
	h.interaction(t, click(h, "feedback:down", "down:selfie", map[string]any{"ts": "2000.1", "type": "message"}, false))
	select {
	case f := <-h.feedback:
		if f.Adapter != "slack" || f.Intent != "selfie" || f.Helpful || f.User != "U1" || f.Channel != "C1" || f.Reply != "2000.1" {
			t.Fatalf("feedback %+v", f)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no feedback recorded")
	}
	if p := h.fake.waitPosts(1)[0]; !p.ResponseURL || !p.Ephemeral || !strings.Contains(p.Text, "Thanks") {
		t.Fatalf("acknowledgement %+v", p)
	}
}

func TestMarkupIsPlainTextBeforeMatching(t *testing.T) {
	h := start(t, nil)
	h.event(t, "Ev1", mention("<@UBOT> <!here> in <#C0123|verification> the <https://example.com/x|chip> in my passport won't read &amp; <@U2> says hi", "1000.1"))
	if p := h.fake.waitPosts(1)[0]; !strings.Contains(p.Blocks, "NFC") {
		t.Fatalf("markup was matched as words: %.120s", p.Blocks)
	}
}

// recorder is a minimal http.ResponseWriter for handlers run in a bubble.
type recorder struct {
	header http.Header
	code   int
	body   *strings.Builder
}

func newRecorder() *recorder {
	return &recorder{header: http.Header{}, code: http.StatusOK, body: &strings.Builder{}}
}
func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }
func (r *recorder) WriteHeader(code int)        { r.code = code }
