package slack_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// harness is an adapter wired to a fake Slack, running until the test ends.
type harness struct {
	fake     *fakeSlack
	adapter  *slack.Adapter
	srv      *httptest.Server // the adapter's HTTP endpoints
	logs     *testkit.LogBuffer
	feedback chan bot.Feedback
	// stop ends Run and waits for it to return: every answer queued has
	// been posted by then. The test's cleanup calls it too.
	stop func()
}

func start(t testing.TB, change func(*slack.Config), opts ...slack.Option) *harness {
	t.Helper()
	return startWith(t, nil, nil, change, opts...)
}

// startWith is start answering with b and recording feedback with fb
// (nil: the built-in knowledge, and h.feedback).
func startWith(t testing.TB, b *bot.Bot, fb bot.FeedbackRecorder, change func(*slack.Config), opts ...slack.Option) *harness {
	t.Helper()
	h := &harness{fake: newFakeSlack(t), logs: &testkit.LogBuffer{}, feedback: make(chan bot.Feedback, 16)}
	cfg := slack.Config{
		BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: h.fake.apiURL(),
	}
	opts = append([]slack.Option{
		slack.WithHTTPClient(&http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
			DialContext: testkit.LoopbackDialer().DialContext, MaxIdleConnsPerHost: slack.DefaultWorkers,
		}}),
		slack.WithWebsocketDialer(&websocket.Dialer{NetDialContext: testkit.LoopbackDialer().DialContext, HandshakeTimeout: 5 * time.Second}),
	}, opts...)
	if change != nil {
		change(&cfg)
	}
	// Feedback on the intent "panic" makes the recorder panic, to check that
	// the adapter survives it.
	var record bot.FeedbackRecorder = bot.FeedbackFunc(func(_ context.Context, f bot.Feedback) error {
		if f.Intent == "panic" {
			panic("feedback recorder panicked")
		}
		h.feedback <- f
		return nil
	})
	if b == nil {
		b = testkit.NewBot(t, nil)
	}
	if fb != nil {
		record = fb
	}
	a, err := slack.New(cfg, b, record, slog.New(slog.NewTextHandler(h.logs, nil)), opts...)
	if err != nil {
		t.Fatal(err)
	}
	h.adapter = a
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Error("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(h.stop)
	h.srv = httptest.NewServer(a.Handler())
	t.Cleanup(h.srv.Close)
	testkit.WaitFor(t, "the adapter to be ready", a.Ready)
	return h
}

// event posts a signed Events API callback and returns the status.
func (h *harness) event(t *testing.T, id string, inner map[string]any, headers ...string) int {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"token": "unused", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
		"event_id": id, "event_time": 1, "event": inner,
	})
	req := signed(t, h.srv.URL+"/slack/events", "application/json", string(body), time.Now())
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return do(t, req).StatusCode
}

func do(t *testing.T, req *http.Request) *http.Response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func mention(text, ts string) map[string]any {
	return map[string]any{"type": "app_mention", "user": "U1", "text": text, "ts": ts, "channel": "C1", "event_ts": ts}
}

func dm(text, ts string) map[string]any {
	return map[string]any{"type": "message", "channel_type": "im", "user": "U1", "text": text, "ts": ts, "channel": "D1", "event_ts": ts}
}

// marker sends a direct message and waits for its reply: events sent before
// it have been decided by then.
func (h *harness) marker(t *testing.T, n int) []post {
	t.Helper()
	if code := h.event(t, fmt.Sprintf("EvMarker%d", n), dm("hello", "9999.1")); code != http.StatusOK {
		t.Fatalf("marker: status %d", code)
	}
	return h.fake.waitPosts(n)
}

func TestMentionIsAnsweredInThread(t *testing.T) {
	h := start(t, nil)
	if code := h.event(t, "Ev1", mention("<@UBOT> stuck on selfie", "1000.1")); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	p := h.fake.waitPosts(1)[0]
	if p.Channel != "C1" || p.Thread != "1000.1" {
		t.Fatalf("posted to %s thread %q, want C1 thread 1000.1", p.Channel, p.Thread)
	}
	if !strings.Contains(p.Blocks, "selfie step") {
		t.Errorf("blocks do not hold the selfie answer: %s", p.Blocks)
	}
	if !strings.Contains(p.Text, "organization that asked you to verify") {
		t.Errorf("text fallback lacks the guidance: %q", p.Text)
	}
}

func TestMentionInThreadStaysInThread(t *testing.T) {
	h := start(t, nil)
	ev := mention("<@UBOT> nfc", "1000.5")
	ev["thread_ts"] = "1000.1"
	h.event(t, "Ev1", ev)
	if p := h.fake.waitPosts(1)[0]; p.Thread != "1000.1" {
		t.Fatalf("thread %q, want the existing thread 1000.1", p.Thread)
	}
}

func TestDirectMessageIsAnswered(t *testing.T) {
	h := start(t, nil)
	h.event(t, "Ev1", dm("my id photo was rejected", "1000.1"))
	p := h.fake.waitPosts(1)[0]
	if p.Channel != "D1" || p.Thread != "" {
		t.Fatalf("posted to %s thread %q, want D1 outside any thread", p.Channel, p.Thread)
	}
	in := dm("glare on my license", "1000.3")
	in["thread_ts"] = "1000.2"
	h.event(t, "Ev2", in)
	if p := h.fake.waitPosts(2)[1]; p.Thread != "1000.2" {
		t.Fatalf("a message in a thread got its reply in %q", p.Thread)
	}
}

func TestIgnoredMessages(t *testing.T) {
	h := start(t, nil)
	tests := []struct {
		name  string
		event map[string]any
	}{
		{"edit", map[string]any{"type": "message", "channel_type": "im", "subtype": "message_changed", "text": "hi", "ts": "1.4", "channel": "D1"}},
		{"join", map[string]any{"type": "message", "channel_type": "im", "subtype": "channel_join", "user": "U1", "text": "joined", "ts": "1.5", "channel": "D1"}},
		{"deletion", map[string]any{"type": "message", "channel_type": "im", "subtype": "message_deleted", "ts": "1.6", "channel": "D1"}},
		{"channel message without mention", map[string]any{"type": "message", "channel_type": "channel", "user": "U1", "text": "nfc", "ts": "1.7", "channel": "C1"}},
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

func TestURLVerification(t *testing.T) {
	h := start(t, nil)
	body := `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	resp := do(t, signed(t, h.srv.URL+"/slack/events", "application/json", body, time.Now()))
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(got) != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("status %d body %q", resp.StatusCode, got)
	}
}

func TestSignatureIsRequired(t *testing.T) {
	h := start(t, nil)
	body := `{"type":"event_callback","event_id":"EvBad","event":{"type":"message","channel_type":"im","user":"U1","text":"secret text nfc","ts":"1.1","channel":"D1"}}`
	good := func() *http.Request {
		return signed(t, h.srv.URL+"/slack/events", "application/json", body, time.Now())
	}
	tests := []struct {
		name string
		req  func() *http.Request
	}{
		{"missing", func() *http.Request {
			r := good()
			r.Header.Del("X-Slack-Signature")
			r.Header.Del("X-Slack-Request-Timestamp")
			return r
		}},
		{"wrong", func() *http.Request {
			r := good()
			r.Header.Set("X-Slack-Signature", "v0=deadbeef")
			return r
		}},
		{"stale", func() *http.Request {
			return signed(t, h.srv.URL+"/slack/events", "application/json", body, time.Now().Add(-6*time.Minute))
		}},
		{"body changed", func() *http.Request {
			r := good()
			r.Body = io.NopCloser(strings.NewReader(strings.Replace(body, "nfc", "nfx", 1)))
			return r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if resp := do(t, tt.req()); resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", resp.StatusCode)
			}
		})
	}
	for _, path := range []string{"/slack/interactions", "/slack/commands"} {
		req := signed(t, h.srv.URL+path, "application/x-www-form-urlencoded", "text=hi", time.Now())
		req.Header.Set("X-Slack-Signature", "v0=00")
		if resp := do(t, req); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", path, resp.StatusCode)
		}
	}
	if posts := h.marker(t, 1); len(posts) != 1 {
		t.Fatalf("refused requests were processed: %s", summary(posts))
	}
	if strings.Contains(h.logs.String(), "secret text") {
		t.Error("the body of a refused request was logged")
	}
}

func TestOversizedBody(t *testing.T) {
	h := start(t, nil)
	body := `{"type":"event_callback","pad":"` + strings.Repeat("x", 1<<20) + `"}`
	if resp := do(t, signed(t, h.srv.URL+"/slack/events", "application/json", body, time.Now())); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
}

// summary describes posts briefly, for failure messages.
func summary(posts []post) string {
	var b strings.Builder
	for _, p := range posts {
		fmt.Fprintf(&b, "[%s thread %q: %.40q] ", p.Channel, p.Thread, p.Text)
	}
	return b.String()
}

// TestImageIsAnsweredPrivately: a mention attaching an image gets an
// ephemeral warning, seen by its author alone. (A number in the text is in
// the conformance suite.)
func TestImageIsAnsweredPrivately(t *testing.T) {
	h := start(t, nil)
	withImage := mention("<@UBOT> is this photo ok", "1000.2")
	withImage["files"] = []any{map[string]any{"id": "F1", "mimetype": "image/jpeg", "name": "id.jpg"}}
	h.event(t, "Ev2", withImage)
	p := h.fake.waitPosts(1)[0]
	if !p.Ephemeral || p.User != "U1" || p.Channel != "C1" {
		t.Fatalf("warning not private: %+v", p)
	}
	if !strings.Contains(p.Blocks, "never be posted in a chat") {
		t.Errorf("warning blocks: %.200s", p.Blocks)
	}
}
