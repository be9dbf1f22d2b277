package slack_test

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// running is an adapter whose Run goes on in the background.
type running struct {
	adapter *slack.Adapter
	logs    *testkit.LogBuffer
	done    chan error    // Run's result
	stopped chan struct{} // closed once Run has returned
	cancel  context.CancelFunc
	// delays receives the failure counts the adapter asked a retry delay for.
	delays chan int
}

// runWith starts an adapter on cfg whose retries wait no time, reporting
// each retry on delays.
func runWith(t *testing.T, cfg slack.Config) *running {
	t.Helper()
	r := &running{logs: &testkit.LogBuffer{}, done: make(chan error, 1), stopped: make(chan struct{}), delays: make(chan int, 1000)}
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DialContext: testkit.LoopbackDialer().DialContext}}
	delay := func(failures int) time.Duration {
		select {
		case r.delays <- failures:
		default:
		}
		return 0
	}
	a, err := slack.New(cfg, testkit.NewBot(t, nil), nil, slog.New(slog.NewTextHandler(r.logs, nil)), slack.WithHTTPClient(client), slack.WithRetryDelay(delay))
	if err != nil {
		t.Fatal(err)
	}
	r.adapter = a
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
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

// nextDelay returns the failure count of the next retry.
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

// TestRunRetriesUntilSlackAnswers: auth.test fails three ways (an HTTP
// error, a dropped connection, a Slack error that is not about the token);
// the adapter retries with growing failure counts, is not ready meanwhile,
// and is ready once Slack answers.
func TestRunRetriesUntilSlackAnswers(t *testing.T) {
	fake := newFakeSlack(t)
	release := make(chan struct{})
	fake.authTest = func(w http.ResponseWriter, n int) bool {
		switch n {
		case 1:
			w.WriteHeader(http.StatusBadGateway)
		case 2:
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		case 3:
			writeJSON(w, map[string]any{"ok": false, "error": "internal_error"})
		case 4:
			<-release
			return false
		default:
			return false
		}
		return true
	}
	r := runWith(t, slack.Config{BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: fake.apiURL()})
	for want := 1; want <= 3; want++ {
		if got := r.nextDelay(t); got != want {
			t.Fatalf("retry after %d failures, want %d", got, want)
		}
	}
	if r.adapter.Ready() {
		t.Fatal("ready before Slack answered")
	}
	close(release)
	testkit.WaitFor(t, "the adapter to be ready", r.adapter.Ready)
	logs := r.logs.String()
	if n := strings.Count(logs, "cannot reach Slack"); n != 3 || !strings.Contains(logs, "code=internal_error") {
		t.Errorf("want three retry lines, one with the Slack error code:\n%s", logs)
	}
}

// TestRunRetriesWhileSlackIsUnreachable: with api_url on a closed port, Run
// keeps retrying (it neither returns nor becomes ready) and stops cleanly
// when asked to.
func TestRunRetriesWhileSlackIsUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/api/"
	ln.Close()
	r := runWith(t, slack.Config{BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: closed})
	for want := 1; want <= 3; want++ {
		if got := r.nextDelay(t); got != want {
			t.Fatalf("retry after %d failures, want %d", got, want)
		}
	}
	if r.adapter.Ready() {
		t.Fatal("ready without Slack")
	}
	if !strings.Contains(r.logs.String(), "dedup_store=memory") {
		t.Errorf("the de-duplication store is not logged at start:\n%s", r.logs.String())
	}
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("Run after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

// TestRunStopsOnABadToken: the errors that mean the token itself is wrong
// end Run at once with the code, without retrying.
func TestRunStopsOnABadToken(t *testing.T) {
	for _, code := range []string{"invalid_auth", "not_authed", "account_inactive", "token_revoked"} {
		t.Run(code, func(t *testing.T) {
			fake := newFakeSlack(t)
			fake.authTest = func(w http.ResponseWriter, _ int) bool {
				writeJSON(w, map[string]any{"ok": false, "error": code})
				return true
			}
			r := runWith(t, slack.Config{BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: fake.apiURL()})
			select {
			case err := <-r.done:
				if err == nil || !strings.Contains(err.Error(), code) || !strings.Contains(err.Error(), "bot_token") || strings.Contains(err.Error(), "\n") {
					t.Fatalf("Run: %v, want one line naming bot_token and %s", err, code)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Run went on with a bad token")
			}
			if len(r.delays) != 0 {
				t.Error("a bad token was retried")
			}
		})
	}
}
