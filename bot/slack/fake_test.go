package slack_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// post is a chat.postMessage or response_url call the fake received.
type post struct {
	Channel, Thread, Text string
	TS                    string // the ts the fake gave a chat.postMessage
	Blocks                string // the JSON of the blocks
	User                  string // the only viewer of an ephemeral post
	LinkNames             string // the link_names field, which must never ask for pings
	ResponseURL           bool   // sent to a response_url
	Ephemeral             bool
}

// published is a views.publish call the fake received.
type published struct {
	User string
	View string // the JSON of the view
}

// fakeSlack is a local stand-in for Slack's Web API, its response URLs and
// its Socket Mode websocket, served on 127.0.0.1.
type fakeSlack struct {
	t   testing.TB
	srv *httptest.Server

	// light makes chat.postMessage only count calls, without decoding or
	// keeping them: for benchmarks, where the fake shares the CPU.
	light bool
	// postMessage, when set, may answer chat.postMessage call n (to channel)
	// itself, returning true, instead of the fake's ok.
	postMessage func(w http.ResponseWriter, n int, channel string) bool
	// authTest, when set, may answer auth.test call n itself, returning
	// true, instead of the fake's ok. Set it before the adapter runs.
	authTest func(w http.ResponseWriter, n int) bool

	mu        sync.Mutex
	posts     []post
	published []published // views.publish calls
	calls     int         // chat.postMessage calls, failed ones included
	auths     int         // auth.test calls
	authed    bool
	envelope  chan map[string]any // Socket Mode envelopes to send
	acks      chan map[string]any // Socket Mode acknowledgements received
}

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{t: t, envelope: make(chan map[string]any, 64), acks: make(chan map[string]any, 64)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.auths++
		n := f.auths
		f.mu.Unlock()
		if f.authTest != nil && f.authTest(w, n) {
			return
		}
		f.mu.Lock()
		f.authed = true
		f.mu.Unlock()
		writeJSON(w, map[string]any{"ok": true, "user_id": "UBOT", "bot_id": "BBOT", "team": "Help Desk", "team_id": "T1"})
	})
	mux.HandleFunc("POST /api/chat.postMessage", func(w http.ResponseWriter, r *http.Request) {
		if f.light {
			io.Copy(io.Discard, r.Body)
			f.record(post{})
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"ok":true,"channel":"C1","ts":"2000.1"}`))
			return
		}
		r.ParseForm()
		f.mu.Lock()
		f.calls++
		n := f.calls
		f.mu.Unlock()
		if f.postMessage != nil && f.postMessage(w, n, r.PostForm.Get("channel")) {
			return
		}
		ts := fmt.Sprintf("2000.%d", n)
		f.record(post{Channel: r.PostForm.Get("channel"), Thread: r.PostForm.Get("thread_ts"), TS: ts,
			Text: r.PostForm.Get("text"), Blocks: r.PostForm.Get("blocks"), LinkNames: r.PostForm.Get("link_names")})
		writeJSON(w, map[string]any{"ok": true, "channel": r.PostForm.Get("channel"), "ts": ts})
	})
	mux.HandleFunc("POST /api/chat.postEphemeral", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		f.record(post{Channel: r.PostForm.Get("channel"), Thread: r.PostForm.Get("thread_ts"), User: r.PostForm.Get("user"),
			Text: r.PostForm.Get("text"), Blocks: r.PostForm.Get("blocks"), Ephemeral: true})
		writeJSON(w, map[string]any{"ok": true, "message_ts": "2000.9"})
	})
	// conversations.info knows every channel but those whose id starts
	// with CGONE.
	mux.HandleFunc("POST /api/conversations.info", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		if id := r.Form.Get("channel"); strings.HasPrefix(id, "CGONE") {
			writeJSON(w, map[string]any{"ok": false, "error": "channel_not_found"})
			return
		}
		writeJSON(w, map[string]any{"ok": true, "channel": map[string]any{"id": r.Form.Get("channel")}})
	})
	mux.HandleFunc("POST /api/views.publish", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			UserID string          `json:"user_id"`
			View   json.RawMessage `json:"view"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("views.publish body: %v", err)
		}
		f.mu.Lock()
		f.published = append(f.published, published{User: req.UserID, View: string(req.View)})
		f.mu.Unlock()
		writeJSON(w, map[string]any{"ok": true, "view": map[string]any{"id": "V1", "type": "home"}})
	})
	mux.HandleFunc("POST /response/{id}", func(w http.ResponseWriter, r *http.Request) {
		var msg struct {
			ResponseType string            `json:"response_type"`
			Text         string            `json:"text"`
			Blocks       []json.RawMessage `json:"blocks"`
		}
		if err := json.NewDecoder(r.Body).Decode(&msg); err != nil {
			t.Errorf("response_url body: %v", err)
		}
		blocks, _ := json.Marshal(msg.Blocks)
		f.record(post{Channel: r.PathValue("id"), Text: msg.Text, Blocks: string(blocks), ResponseURL: true, Ephemeral: msg.ResponseType == "ephemeral"})
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("POST /api/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{"ok": true, "url": "ws://" + f.srv.Listener.Addr().String() + "/socket"})
	})
	mux.HandleFunc("GET /socket", f.serveSocket)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) apiURL() string               { return f.srv.URL + "/api/" }
func (f *fakeSlack) responseURL(id string) string { return f.srv.URL + "/response/" + id }

func (f *fakeSlack) record(p post) {
	f.mu.Lock()
	f.posts = append(f.posts, p)
	f.mu.Unlock()
}

// waitPosts waits until the fake has at least n posts and returns them.
func (f *fakeSlack) waitPosts(n int) []post {
	f.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		f.mu.Lock()
		got := append([]post(nil), f.posts...)
		f.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("waited 10s for %d posts, have %d", n, len(got))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitPublished waits until the fake has published at least n views and
// returns them.
func (f *fakeSlack) waitPublished(n int) []published {
	f.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		f.mu.Lock()
		got := append([]published(nil), f.published...)
		f.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("waited 10s for %d published views, have %d", n, len(got))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (f *fakeSlack) postCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.posts)
}

// serveSocket plays Slack's side of Socket Mode: hello, then the queued
// envelopes; acknowledgements go to f.acks.
func (f *fakeSlack) serveSocket(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("upgrade: %v", err)
		return
	}
	defer conn.Close()
	var wmu sync.Mutex
	write := func(v any) error {
		wmu.Lock()
		defer wmu.Unlock()
		return conn.WriteJSON(v)
	}
	if err := write(map[string]any{"type": "hello", "num_connections": 1}); err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			var ack map[string]any
			if err := conn.ReadJSON(&ack); err != nil {
				return
			}
			f.acks <- ack
		}
	}()
	ping := time.NewTicker(time.Second)
	defer ping.Stop()
	for {
		select {
		case env := <-f.envelope:
			if err := write(env); err != nil {
				return
			}
		case <-ping.C:
			wmu.Lock()
			conn.WriteControl(websocket.PingMessage, []byte("p"), time.Now().Add(time.Second))
			wmu.Unlock()
		case <-done:
			return
		case <-r.Context().Done():
			return
		}
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// signed builds a request signed like Slack's, at time ts.
func signed(t testing.TB, target, contentType, body string, ts time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(testSecret))
	mac.Write([]byte("v0:" + stamp + ":" + body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

func form(values map[string]string) string {
	v := url.Values{}
	for k, s := range values {
		v.Set(k, s)
	}
	return v.Encode()
}
