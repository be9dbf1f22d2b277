package discord_test

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// harness is an adapter wired to a fake Discord, running until the test ends.
type harness struct {
	fake     *fakeDiscord
	adapter  *discord.Adapter
	srv      *httptest.Server // the HTTP interactions endpoint
	key      ed25519.PrivateKey
	logs     *testkit.LogBuffer
	feedback chan bot.Feedback
	// stop ends Run and waits for it to return: every answer queued has
	// been posted by then. The test's cleanup calls it too.
	stop   func()
	events *countingEvents
}

// countingEvents counts what the adapter reports for metrics.
type countingEvents struct {
	mu     sync.Mutex
	counts map[string]int // "shed", "panicked", "delivered:<code>", "deduplicated"
}

func (e *countingEvents) add(what string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.counts == nil {
		e.counts = map[string]int{}
	}
	e.counts[what]++
}

func (e *countingEvents) count(what string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.counts[what]
}

func (e *countingEvents) Delivered(_, code string) { e.add("delivered:" + code) }
func (e *countingEvents) Deduplicated(string)      { e.add("deduplicated") }
func (e *countingEvents) Shed(string)              { e.add("shed") }
func (e *countingEvents) Panicked(string)          { e.add("panicked") }

func start(t testing.TB, fsys fs.FS, change func(*discord.Config), opts ...discord.Option) *harness {
	t.Helper()
	if fsys == nil {
		fsys = knowledge.FS
	}
	return startWith(t, testkit.NewBot(t, fsys), nil, change, opts...)
}

// startWith is start answering with b and recording feedback with fb
// (nil: h.feedback).
func startWith(t testing.TB, b *bot.Bot, fb bot.FeedbackRecorder, change func(*discord.Config), opts ...discord.Option) *harness {
	t.Helper()
	return startOn(t, newFakeDiscord(t), b, fb, change, opts...)
}

// startOn is startWith against fake, which other adapters may share.
func startOn(t testing.TB, fake *fakeDiscord, b *bot.Bot, fb bot.FeedbackRecorder, change func(*discord.Config), opts ...discord.Option) *harness {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{fake: fake, key: priv, logs: &testkit.LogBuffer{}, feedback: make(chan bot.Feedback, 16), events: &countingEvents{}}
	cfg := discord.Config{
		Token: "test-token", ApplicationID: "APP", PublicKey: hex.EncodeToString(pub), APIURL: h.fake.apiURL(),
	}
	opts = append([]discord.Option{
		discord.WithMetrics(h.events),
		discord.WithHTTPClient(&http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DialContext: testkit.LoopbackDialer().DialContext, MaxIdleConnsPerHost: 16}}),
		discord.WithWebsocketDialer(&websocket.Dialer{NetDialContext: testkit.LoopbackDialer().DialContext, HandshakeTimeout: 5 * time.Second}),
	}, opts...)
	if change != nil {
		change(&cfg)
	}
	// Feedback on the intent "panic" makes the recorder panic, to check that
	// the adapter survives a panic in any handler.
	var record bot.FeedbackRecorder = bot.FeedbackFunc(func(_ context.Context, f bot.Feedback) error {
		if f.Intent == "panic" {
			panic("feedback recorder panicked")
		}
		h.feedback <- f
		return nil
	})
	if fb != nil {
		record = fb
	}
	a, err := discord.New(cfg, b, record, slog.New(slog.NewTextHandler(h.logs, nil)), opts...)
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

func message(id, channel, guild, text string, mentionBot bool) map[string]any {
	m := map[string]any{
		"id": id, "channel_id": channel, "content": text, "type": 0, "timestamp": "2026-11-27T10:00:00.000000+00:00",
		"author": map[string]any{"id": "1001", "username": "alice"}, "mentions": []any{},
	}
	if guild != "" {
		m["guild_id"] = guild
	}
	if mentionBot {
		m["mentions"] = []any{map[string]any{"id": "9000", "username": "helpdeskbot", "bot": true}}
	}
	return m
}

func interaction(id string, kind int, data map[string]any, msg map[string]any) map[string]any {
	i := map[string]any{
		"id": id, "application_id": "APP", "type": kind, "token": "tok-" + id, "version": 1,
		"channel_id": "C1", "guild_id": "G1", "app_permissions": "0",
		"member": map[string]any{"user": map[string]any{"id": "1001", "username": "alice"}},
		"data":   data,
	}
	if msg != nil {
		i["message"] = msg
	}
	return i
}

func command(question string) map[string]any {
	d := map[string]any{"id": "CMD", "name": "verifyhelp", "type": 1}
	if question != "" {
		d["options"] = []any{map[string]any{"name": "question", "type": 3, "value": question}}
	}
	return d
}
