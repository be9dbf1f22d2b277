package discord_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// sent is a REST call the fake received: a channel message, an interaction
// callback or a follow-up.
type sent struct {
	Kind    string // "message", "callback", "followup"
	Channel string
	Body    map[string]any
}

// fakeDiscord is a local stand-in for Discord's REST API and gateway, on
// 127.0.0.1: Hello, Identify or Resume, READY, dispatches, heartbeats.
type fakeDiscord struct {
	t   testing.TB
	srv *httptest.Server

	// failChannel, when set, answers messages to that channel with this
	// Discord error code.
	failChannel string
	failCode    int
	// failRegister and failGateway, when set, may fail call n of the
	// command registration or of GET /gateway with an HTTP status (0: no;
	// -1: drop the connection). Set them before the adapter runs.
	failRegister, failGateway func(n int) int
	// holdFollowups makes follow-ups wait until release is closed.
	holdFollowups atomic.Bool
	release       chan struct{}
	releaseOnce   sync.Once

	mu sync.Mutex
	// channels are what GET /channels/{id} answers (forum channels with
	// their available_tags, forum posts with their owner_id); others are
	// unknown. Set them with setChannel.
	channels map[string]map[string]any
	// failEdit answers the edits of a channel with a Discord error code
	// (40067 "A tag is required", 50013 missing permissions).
	failEdit   map[string]int
	sent       []sent
	commands   []map[string]any // registered commands, per PUT
	intents    float64
	identifies int
	registers  int // registration calls, failed ones included
	followups  int // follow-up calls received, held ones included
	gateways   int // GET /gateway calls, failed ones included
	resumes    int
	sessions   int // gateway connections the client ended
	conn       *websocket.Conn
	wmu        sync.Mutex
	seq        int
	nextID     int
}

func newFakeDiscord(t testing.TB) *fakeDiscord {
	f := &fakeDiscord{t: t, release: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.gateways++
		n := f.gateways
		f.mu.Unlock()
		if failed(w, f.failGateway, n) {
			return
		}
		writeJSON(w, map[string]any{"url": "ws://" + f.srv.Listener.Addr().String() + "/gateway"})
	})
	register := func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.registers++
		n := f.registers
		f.mu.Unlock()
		if failed(w, f.failRegister, n) {
			return
		}
		var cmds []map[string]any
		json.NewDecoder(r.Body).Decode(&cmds)
		f.mu.Lock()
		f.commands = append(f.commands, map[string]any{"path": r.URL.Path, "commands": cmds})
		f.mu.Unlock()
		writeJSON(w, cmds)
	}
	mux.HandleFunc("PUT /api/v9/applications/{app}/commands", register)
	mux.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", register)
	mux.HandleFunc("POST /api/v9/channels/{channel}/messages", func(w http.ResponseWriter, r *http.Request) {
		ch := r.PathValue("channel")
		if f.failCode != 0 && ch == f.failChannel {
			w.WriteHeader(http.StatusForbidden)
			writeJSON(w, map[string]any{"code": f.failCode, "message": "Missing Access"})
			return
		}
		body := f.record("message", ch, r.Body)
		f.mu.Lock()
		f.nextID++
		id := fmt.Sprintf("R%d", f.nextID)
		f.mu.Unlock()
		writeJSON(w, map[string]any{"id": id, "channel_id": ch, "content": body["content"]})
	})
	mux.HandleFunc("POST /api/v9/users/@me/channels", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Recipient string `json:"recipient_id"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		writeJSON(w, map[string]any{"id": "DM-" + req.Recipient, "type": 1})
	})
	mux.HandleFunc("DELETE /api/v9/channels/{channel}/messages/{id}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.sent = append(f.sent, sent{Kind: "delete", Channel: r.PathValue("channel"), Body: map[string]any{"id": r.PathValue("id")}})
		f.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /api/v9/channels/{channel}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		ch, ok := f.channels[r.PathValue("channel")]
		f.mu.Unlock()
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			writeJSON(w, map[string]any{"code": 10003, "message": "Unknown Channel"})
			return
		}
		if ch["forbidden"] == true { // a channel the bot has no access to
			w.WriteHeader(http.StatusForbidden)
			writeJSON(w, map[string]any{"code": 50001, "message": "Missing Access"})
			return
		}
		writeJSON(w, ch)
	})
	mux.HandleFunc("PATCH /api/v9/channels/{channel}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("channel")
		body := f.record("edit", id, r.Body)
		f.mu.Lock()
		if code := f.failEdit[id]; code != 0 {
			f.mu.Unlock()
			w.WriteHeader(http.StatusBadRequest)
			writeJSON(w, map[string]any{"code": code, "message": "A tag is required"})
			return
		}
		ch := map[string]any{"id": id, "type": 11}
		for k, v := range f.channels[id] {
			ch[k] = v
		}
		for k, v := range body {
			ch[k] = v
		}
		f.mu.Unlock()
		writeJSON(w, ch)
	})
	mux.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", func(w http.ResponseWriter, r *http.Request) {
		f.record("callback", r.PathValue("id"), r.Body)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /api/v9/webhooks/{app}/{token}", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.followups++
		f.mu.Unlock()
		if f.holdFollowups.Load() {
			<-f.release
		}
		f.record("followup", r.PathValue("token"), r.Body)
		writeJSON(w, map[string]any{"id": "F1"})
	})
	mux.HandleFunc("GET /gateway", f.serveGateway)
	mux.HandleFunc("GET /gateway/", f.serveGateway)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	t.Cleanup(f.releaseFollowups) // runs first: no handler stays held
	return f
}

// setChannel makes GET /channels/{id} answer ch.
func (f *fakeDiscord) setChannel(id string, ch map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.channels == nil {
		f.channels = map[string]map[string]any{}
	}
	ch["id"] = id
	f.channels[id] = ch
}

// failEdits makes the edits of channel id fail with a Discord error code.
func (f *fakeDiscord) failEdits(id string, code int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failEdit == nil {
		f.failEdit = map[string]int{}
	}
	f.failEdit[id] = code
}

// releaseFollowups lets held follow-ups through.
func (f *fakeDiscord) releaseFollowups() { f.releaseOnce.Do(func() { close(f.release) }) }

// failed answers call n with fail's status, if any, and reports whether it did.
func failed(w http.ResponseWriter, fail func(int) int, n int) bool {
	if fail == nil {
		return false
	}
	switch status := fail(n); status {
	case 0:
		return false
	case -1:
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
	default:
		w.WriteHeader(status)
		writeJSON(w, map[string]any{"code": 0, "message": http.StatusText(status)})
	}
	return true
}

func (f *fakeDiscord) apiURL() string { return f.srv.URL + "/api/v9/" }

func (f *fakeDiscord) record(kind, channel string, r io.Reader) map[string]any {
	var body map[string]any
	if err := json.NewDecoder(r).Decode(&body); err != nil {
		f.t.Errorf("%s body: %v", kind, err)
	}
	f.mu.Lock()
	f.sent = append(f.sent, sent{Kind: kind, Channel: channel, Body: body})
	f.mu.Unlock()
	return body
}

// wait returns the calls of a kind once there are at least n.
func (f *fakeDiscord) wait(kind string, n int) []sent {
	f.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var got []sent
		f.mu.Lock()
		for _, s := range f.sent {
			if s.Kind == kind {
				got = append(got, s)
			}
		}
		f.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("waited 10s for %d %s calls, have %d", n, kind, len(got))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (f *fakeDiscord) count(kind string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, s := range f.sent {
		if s.Kind == kind {
			n++
		}
	}
	return n
}

// serveGateway speaks the gateway protocol with one client connection.
func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("upgrade: %v", err)
		return
	}
	defer conn.Close()
	f.write(conn, map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	var first struct {
		Op int `json:"op"`
		D  struct {
			Intents float64 `json:"intents"`
		} `json:"d"`
	}
	if err := conn.ReadJSON(&first); err != nil {
		return
	}
	f.mu.Lock()
	f.conn = conn
	switch first.Op {
	case 2:
		f.identifies++
		f.intents = first.D.Intents
	case 6:
		f.resumes++
	}
	f.mu.Unlock()
	if first.Op == 2 {
		f.dispatch("READY", map[string]any{
			"v": 9, "session_id": "S1", "resume_gateway_url": "ws://" + f.srv.Listener.Addr().String() + "/gateway",
			"user":        map[string]any{"id": "9000", "username": "helpdeskbot", "bot": true},
			"application": map[string]any{"id": "APP", "flags": 0}, "guilds": []any{},
		})
	} else {
		f.dispatch("RESUMED", map[string]any{})
	}
	for {
		var msg struct {
			Op int `json:"op"`
		}
		if err := conn.ReadJSON(&msg); err != nil {
			f.mu.Lock()
			f.sessions++
			f.mu.Unlock()
			return
		}
		if msg.Op == 1 {
			f.write(conn, map[string]any{"op": 11})
		}
	}
}

func (f *fakeDiscord) write(conn *websocket.Conn, v any) error {
	f.wmu.Lock()
	defer f.wmu.Unlock()
	return conn.WriteJSON(v)
}

// dispatch sends an event to the connected client.
func (f *fakeDiscord) dispatch(event string, d any) {
	f.mu.Lock()
	conn := f.conn
	f.seq++
	seq := f.seq
	f.mu.Unlock()
	if conn == nil {
		f.t.Fatalf("dispatch %s: no gateway connection", event)
	}
	if err := f.write(conn, map[string]any{"op": 0, "s": seq, "t": event, "d": d}); err != nil {
		f.t.Errorf("dispatch %s: %v", event, err)
	}
}

// drop closes the gateway connection, as a network failure would.
func (f *fakeDiscord) drop() {
	f.mu.Lock()
	conn := f.conn
	f.conn = nil
	f.mu.Unlock()
	if conn != nil {
		conn.UnderlyingConn().Close()
	}
}

// ended is how many gateway connections have ended.
func (f *fakeDiscord) ended() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sessions
}

func (f *fakeDiscord) connected() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.conn != nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
