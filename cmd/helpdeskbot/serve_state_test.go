package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/metrics"
	statepg "github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// replica is one serve process's server on the shared state of
// cfg.State, wired as serve wires it, running until the test ends.
type replica struct {
	base string
	logs *testkit.LogBuffer
	// stop ends the replica and waits for it: every answer queued has
	// been posted by then. The test's cleanup calls it too.
	stop func()
}

func startReplica(t *testing.T, cfg Config) *replica {
	t.Helper()
	r := &replica{logs: &testkit.LogBuffer{}}
	log := slog.New(slog.NewTextHandler(r.logs, nil))
	m := metrics.New()
	ctx, cancel := context.WithCancel(context.Background())
	shared, err := openSharedState(ctx, cfg.State, bot.NewMemoryConversations(100, nil), log, m)
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: cfg, stderr: io.Discard}
	b, err := a.newBot(append(limitOptions(cfg.Limits, shared), bot.WithConversations(shared.conversations, cfg.Conversation.TTL))...)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := newServer(cfg, b, m, log, nil, shared, nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.base = "http://" + ln.Addr().String()
	done := make(chan error, 1)
	go func() { done <- srv.run(ctx, ln) }()
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Error("run did not return")
			}
			shared.close()
		})
	}
	t.Cleanup(r.stop)
	testkit.WaitFor(t, "the replica to be ready", func() bool {
		code, _ := r.get(t, "/readyz")
		return code == http.StatusOK
	})
	return r
}

func (r *replica) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.base + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// event posts a signed Slack mention from U1 saying text, as event id in
// thread ts, and fails the test unless it is acknowledged.
func (r *replica) event(t *testing.T, id, ts, text string) {
	t.Helper()
	r.eventFrom(t, "U1", id, ts, text)
}

// eventFrom is event from user.
func (r *replica) eventFrom(t *testing.T, user, id, ts, text string) {
	t.Helper()
	body := `{"type":"event_callback","event_id":"` + id + `","event":{"type":"app_mention","user":"` + user + `","text":"<@UBOT> ` + text + `","ts":"` + ts + `","channel":"C1"}}`
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte("secret"))
	mac.Write([]byte("v0:" + stamp + ":" + body))
	req, _ := http.NewRequest(http.MethodPost, r.base+"/slack/events", strings.NewReader(body))
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("event %s: status %d", id, resp.StatusCode)
	}
}

func sharedConfig(api *fakeWebAPI, dsn string) Config {
	cfg := DefaultConfig()
	cfg.Slack.BotToken, cfg.Slack.SigningSecret, cfg.Slack.APIURL = "xoxb-test", "secret", api.URL+"/api/"
	cfg.State.PostgresURL = dsn
	cfg.ShutdownTimeout = 5 * time.Second
	cfg.Limits.PerMinute = 0 // the tests send many events from one person
	return cfg
}

// threads waits until the fake has at least n posts and returns the
// threads posted in.
func (f *fakeWebAPI) threads(t *testing.T, n int) []string {
	t.Helper()
	testkit.WaitFor(t, fmt.Sprintf("%d posts", n), func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return len(f.posts) >= n
	})
	f.mu.Lock()
	defer f.mu.Unlock()
	var threads []string
	for _, p := range f.posts {
		threads = append(threads, p["thread_ts"])
	}
	return threads
}

// TestReplicasAnswerEachEventOnce: two serve replicas on one PostgreSQL
// get every event, from four senders each: each event is answered once.
func TestReplicasAnswerEachEventOnce(t *testing.T) {
	api := newFakeWebAPI(t)
	cfg := sharedConfig(api, statetest.PostgresSchema(t))
	replicas := []*replica{startReplica(t, cfg), startReplica(t, cfg)}
	const events = 40
	var wg sync.WaitGroup
	for _, r := range replicas {
		for s := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := s; i < events; i += 4 {
					r.event(t, fmt.Sprintf("Ev%d", i), fmt.Sprintf("1000.%d", i), "stuck on selfie")
				}
			}()
		}
	}
	wg.Wait()
	// Once the marker, sent last to each replica, is answered by one of
	// them, every earlier event has been decided.
	for _, r := range replicas {
		r.event(t, "EvMarker", "9999.1", "nfc chip")
	}
	api.threads(t, events+1)
	for _, r := range replicas {
		r.stop() // a second answer of any event would be posted by now
	}
	threads := api.threads(t, events+1)
	seen := map[string]int{}
	for _, th := range threads {
		seen[th]++
	}
	for th, n := range seen {
		if n != 1 {
			t.Errorf("thread %s answered %d times", th, n)
		}
	}
	if len(threads) != events+1 {
		t.Fatalf("%d replies for %d events", len(threads), events+1)
	}
}

// TestServeFallsBackWhileTheStateStoreIsDown: the replica reaches
// PostgreSQL through a proxy the test cuts. While it is cut, events are
// still answered (and de-duplicated in memory), /readyz says degraded and
// the fallbacks are counted; once it is back, sharing resumes.
func TestServeFallsBackWhileTheStateStoreIsDown(t *testing.T) {
	dsn := statetest.PostgresSchema(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	proxy := startProxy(t, u.Host)
	u.Host = proxy.addr
	api := newFakeWebAPI(t)
	r := startReplica(t, sharedConfig(api, u.String()))

	r.event(t, "EvBefore", "1000.1", "stuck on selfie")
	api.threads(t, 1)

	proxy.cut()
	r.event(t, "EvDown", "1000.2", "glare on my id")
	r.event(t, "EvDown", "1000.2", "glare on my id") // a retry, to the same replica
	r.event(t, "EvMarker", "1000.3", "nfc chip")
	if threads := api.threads(t, 3); len(threads) != 3 {
		t.Fatalf("replies in threads %v, want one each for 1000.1, 1000.2, 1000.3", threads)
	}
	if code, body := r.get(t, "/readyz"); code != http.StatusOK || !strings.Contains(body, "degraded") {
		t.Fatalf("/readyz while the store is down: %d %q", code, body)
	}
	if _, body := r.get(t, "/metrics"); !strings.Contains(body, `helpdesk_state_fallbacks_total{op="claim"}`) {
		t.Fatalf("no fallback counted:\n%s", body)
	}
	if n := strings.Count(r.logs.String(), "shared state store failed"); n != 1 {
		t.Fatalf("%d warnings, want 1 (once a minute):\n%s", n, r.logs.String())
	}

	proxy.resume(t)
	// The pool finds its cut connections dead and dials again: a few
	// events may still fall back, none goes unanswered.
	posts := 3
	for i := 0; ; i++ {
		r.event(t, fmt.Sprintf("EvAfter%d", i), fmt.Sprintf("2000.%d", i), "stuck on selfie")
		posts++
		api.threads(t, posts)
		if code, body := r.get(t, "/readyz"); code == http.StatusOK && body == "ready\n" {
			break
		}
		if i == 20 {
			t.Fatal("still degraded after 20 events with the store back")
		}
	}
	if !strings.Contains(r.logs.String(), "reachable again") {
		t.Fatalf("the recovery is not logged:\n%s", r.logs.String())
	}
	r.stop()
	threads := api.threads(t, posts)
	if len(threads) != posts {
		t.Fatalf("%d replies for %d events: %v", len(threads), posts, threads)
	}
	seen := map[string]bool{}
	for _, th := range threads {
		if seen[th] {
			t.Fatalf("thread %s answered twice", th)
		}
		seen[th] = true
	}
}

// TestServeStartsWhileTheStateStoreIsDown: a database that does not
// answer at start does not stop serve: it answers from memory, says
// degraded, and connects, migrates and shares once the database answers.
func TestServeStartsWhileTheStateStoreIsDown(t *testing.T) {
	dsn := statetest.PostgresSchema(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	proxy := startProxy(t, u.Host)
	proxy.cut()
	u.Host = proxy.addr
	api := newFakeWebAPI(t)
	r := startReplica(t, sharedConfig(api, u.String()))
	if !strings.Contains(r.logs.String(), "unreachable at start") {
		t.Fatalf("no warning that the store is unreachable:\n%s", r.logs.String())
	}
	r.event(t, "EvDown", "1000.1", "stuck on selfie")
	api.threads(t, 1)
	if code, body := r.get(t, "/readyz"); code != http.StatusOK || !strings.Contains(body, "degraded") {
		t.Fatalf("/readyz with the store down since start: %d %q", code, body)
	}
	proxy.resume(t)
	// The store tries again every 2 s: an event every 200 ms until one is
	// claimed in the database.
	posts := 1
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(20 * time.Second)
	last := ""
	for ready := false; !ready; {
		select {
		case <-deadline:
			t.Fatal("still degraded 20 s after the store answers again")
		case <-tick.C:
		}
		last = fmt.Sprintf("EvAfter%d", posts)
		r.event(t, last, fmt.Sprintf("2000.%d", posts), "stuck on selfie")
		posts++
		api.threads(t, posts)
		code, body := r.get(t, "/readyz")
		ready = code == http.StatusOK && body == "ready\n"
	}
	r.stop()
	// Shared now: the claims are in the database.
	check, err := statepg.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	if won, err := check.Claims().Claim(context.Background(), "slack:"+last, time.Minute); err != nil || won {
		t.Errorf("%s is not in the shared claims: won %v, %v", last, won, err)
	}
}

// proxy forwards loopback TCP connections to a target until cut.
type proxy struct {
	addr, target string

	mu    sync.Mutex
	ln    net.Listener
	conns []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: ln.Addr().String(), target: target}
	p.serve(ln)
	t.Cleanup(p.cut)
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := testkit.LoopbackDialer().Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
}

// cut closes the listener and every connection: the database is out of
// reach (connections are refused).
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// resume listens again on the same address.
func (p *proxy) resume(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	p.serve(ln)
}

// TestReplicasShareRateLimits: with bursts of two, a person's third
// message is over the limit whichever replica it reaches.
func TestReplicasShareRateLimits(t *testing.T) {
	api := newFakeWebAPI(t)
	cfg := sharedConfig(api, statetest.PostgresSchema(t))
	cfg.Limits.PerMinute, cfg.Limits.Burst = 1, 2
	a, b := startReplica(t, cfg), startReplica(t, cfg)
	a.eventFrom(t, "U7", "Ev1", "1000.1", "stuck on selfie")
	api.threads(t, 1)
	a.eventFrom(t, "U7", "Ev2", "1000.2", "glare on my id")
	api.threads(t, 2)
	b.eventFrom(t, "U7", "Ev3", "1000.3", "nfc chip") // b's first message from U7
	api.threads(t, 3)
	b.eventFrom(t, "U8", "Ev4", "1000.4", "nfc chip") // someone else is not limited
	api.threads(t, 4)
	api.mu.Lock()
	defer api.mu.Unlock()
	for i, p := range api.posts {
		limited := strings.Contains(p["blocks"], "faster than I can keep up")
		if limited != (p["thread_ts"] == "1000.3") {
			t.Errorf("post %d in thread %s: limited %v; want only 1000.3 limited", i+1, p["thread_ts"], limited)
		}
	}
}
