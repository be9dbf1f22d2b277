package discord_test

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// running is an adapter whose Run goes on in the background.
type running struct {
	adapter *discord.Adapter
	logs    *testkit.LogBuffer
	done    chan error    // Run's result
	stopped chan struct{} // closed once Run has returned
	// delays receives the failure counts the adapter asked a retry delay for.
	delays chan int
}

// runAgainst starts an adapter on the fake whose retries wait no time,
// reporting each retry on delays.
func runAgainst(t *testing.T, fake *fakeDiscord, change func(*discord.Config)) *running {
	t.Helper()
	pub, _, _ := ed25519.GenerateKey(nil)
	r := &running{logs: &testkit.LogBuffer{}, done: make(chan error, 1), stopped: make(chan struct{}), delays: make(chan int, 1000)}
	cfg := discord.Config{
		Token: "test-token", ApplicationID: "APP", PublicKey: hex.EncodeToString(pub), APIURL: fake.apiURL(),
	}
	delay := func(failures int) time.Duration {
		select {
		case r.delays <- failures:
		default:
		}
		return 0
	}
	if change != nil {
		change(&cfg)
	}
	a, err := discord.New(cfg, testkit.NewBot(t, knowledge.FS), nil, slog.New(slog.NewTextHandler(r.logs, nil)),
		discord.WithHTTPClient(&http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DialContext: testkit.LoopbackDialer().DialContext}}),
		discord.WithWebsocketDialer(&websocket.Dialer{NetDialContext: testkit.LoopbackDialer().DialContext, HandshakeTimeout: 5 * time.Second}),
		discord.WithRetryDelay(delay))
	if err != nil {
		t.Fatal(err)
	}
	r.adapter = a
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		r.done <- a.Run(ctx)
		close(r.stopped)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.stopped:
		case <-time.After(15 * time.Second):
			t.Error("Run did not return after cancel")
		}
	})
	return r
}

func (r *running) nextDelay(t *testing.T) int {
	t.Helper()
	select {
	case n := <-r.delays:
		return n
	case err := <-r.done:
		t.Fatalf("Run returned %v instead of retrying", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no retry within 10s")
	}
	return 0
}

// TestRunRetriesRegistrationAndGateway: the command registration fails
// (a dropped connection, an HTTP error), then the gateway route fails; the
// adapter retries each with growing failure counts, registers once, is not
// ready meanwhile, and is ready once connected.
func TestRunRetriesRegistrationAndGateway(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	fake := newFakeDiscord(t)
	release := make(chan struct{})
	fake.failRegister = func(n int) int {
		return map[int]int{1: -1, 2: http.StatusInternalServerError}[n]
	}
	fake.failGateway = func(n int) int {
		if n == 1 {
			return http.StatusServiceUnavailable
		}
		<-release
		return 0
	}
	r := runAgainst(t, fake, nil)
	for want := 1; want <= 3; want++ {
		if got := r.nextDelay(t); got != want {
			t.Fatalf("retry after %d failures, want %d", got, want)
		}
	}
	if r.adapter.Ready() {
		t.Fatal("ready before connecting")
	}
	if !strings.Contains(r.logs.String(), "dedup_store=memory") {
		t.Errorf("the de-duplication store is not logged at start:\n%s", r.logs.String())
	}
	close(release)
	testkit.WaitFor(t, "the adapter to be ready", r.adapter.Ready)
	fake.mu.Lock()
	registers, gateways := fake.registers, fake.gateways
	fake.mu.Unlock()
	if registers != 3 || gateways != 2 {
		t.Errorf("%d registrations and %d gateway calls, want 3 (two failed) and 2 (one failed)", registers, gateways)
	}
	if n := strings.Count(r.logs.String(), "cannot reach Discord"); n != 3 {
		t.Errorf("%d retry lines, want 3:\n%s", n, r.logs.String())
	}
}

// TestRunStopsOnARefusedToken: a 401 from Discord ends Run at once with a
// one-line error naming the token, without retrying.
func TestRunStopsOnARefusedToken(t *testing.T) {
	fake := newFakeDiscord(t)
	fake.failRegister = func(int) int { return http.StatusUnauthorized }
	r := runAgainst(t, fake, func(c *discord.Config) { c.HTTPOnly = true })
	select {
	case err := <-r.done:
		if err == nil || !strings.Contains(err.Error(), "token") || !strings.Contains(err.Error(), "401") || strings.Contains(err.Error(), "\n") {
			t.Fatalf("Run: %v, want one line naming the token and 401", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run went on with a refused token")
	}
	if len(r.delays) != 0 {
		t.Error("a refused token was retried")
	}
}
