package claimed_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/claimed"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// fakeClaims is a bot.Claims whose methods the test sets; calls are
// recorded as "claim k", "done k" and "release k".
type fakeClaims struct {
	claim   func(key string) (bool, error)
	done    func(key string) error
	release func(key string) error

	mu    sync.Mutex
	calls []string
}

func (f *fakeClaims) record(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, s)
}

func (f *fakeClaims) Claim(ctx context.Context, key string, lease time.Duration) (bool, error) {
	f.record("claim " + key)
	if _, ok := ctx.Deadline(); !ok {
		return false, errors.New("claim without a deadline")
	}
	if f.claim == nil {
		return true, nil
	}
	return f.claim(key)
}

func (f *fakeClaims) Done(_ context.Context, key string) error {
	f.record("done " + key)
	if f.done == nil {
		return nil
	}
	return f.done(key)
}

func (f *fakeClaims) Release(_ context.Context, key string) error {
	f.record("release " + key)
	if f.release == nil {
		return nil
	}
	return f.release(key)
}

func (f *fakeClaims) String() string { return "fake" }

func TestEvents(t *testing.T) {
	down := errors.New("connection refused")
	cases := []struct {
		name     string
		claims   *fakeClaims
		canceled bool
		rounds   int // deliveries of the event
		answers  bool
		calls    []string
		warnings int
	}{
		{name: "won: answered, then done", claims: &fakeClaims{}, rounds: 1, answers: true,
			calls: []string{"claim k", "done k"}},
		{name: "taken elsewhere: not answered", rounds: 1, claims: &fakeClaims{claim: func(string) (bool, error) { return false, nil }},
			calls: []string{"claim k"}},
		{name: "a failing store answers anyway, logged once", rounds: 2, answers: true, warnings: 1,
			claims: &fakeClaims{claim: func(string) (bool, error) { return false, down }, done: func(string) error { return down }},
			calls:  []string{"claim k", "done k", "claim k", "done k"}},
		{name: "stopped mid-answer: released", claims: &fakeClaims{}, canceled: true, rounds: 1, answers: true,
			calls: []string{"claim k", "release k"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			logs := &testkit.LogBuffer{}
			e := claimed.New(c.claims, slog.New(slog.NewTextHandler(logs, nil)), time.Now)
			ctx, cancel := context.WithCancel(context.Background())
			if c.canceled {
				cancel()
			}
			defer cancel()
			for range c.rounds {
				if got := e.Take(context.Background(), "k"); got != c.answers {
					t.Fatalf("Take = %v, want %v", got, c.answers)
				}
				if c.answers {
					e.Finish(ctx, "k")
				}
			}
			if got := strings.Join(c.claims.calls, ", "); got != strings.Join(c.calls, ", ") {
				t.Fatalf("calls: %s\nwant:  %s", got, strings.Join(c.calls, ", "))
			}
			if n := strings.Count(logs.String(), "level=WARN"); n != c.warnings {
				t.Fatalf("%d warnings, want %d:\n%s", n, c.warnings, logs.String())
			}
		})
	}
}

func TestName(t *testing.T) {
	if got := claimed.New(&fakeClaims{}, slog.New(slog.DiscardHandler), nil).Name(); got != "fake" {
		t.Fatalf("Name = %q", got)
	}
}

func TestOnce(t *testing.T) {
	failed := errors.New("store failed")
	cases := []struct {
		name    string
		claims  *fakeClaims
		do      error
		ran     bool
		calls   []string
		wantErr error
	}{
		{name: "won: done once it succeeded", claims: &fakeClaims{}, ran: true,
			calls: []string{"claim click:1", "done click:1"}},
		{name: "a repeat: not run", claims: &fakeClaims{claim: func(string) (bool, error) { return false, nil }},
			calls: []string{"claim click:1"}},
		{name: "failed: released for a retry", claims: &fakeClaims{}, do: failed, ran: true, wantErr: failed,
			calls: []string{"claim click:1", "release click:1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := claimed.New(c.claims, slog.New(slog.DiscardHandler), time.Now)
			calledDo := false
			ran, err := e.Once(context.Background(), "click:1", func(context.Context) error {
				calledDo = true
				return c.do
			})
			if ran != c.ran || calledDo != c.ran || !errors.Is(err, c.wantErr) {
				t.Fatalf("Once = %v, %v (do called: %v); want %v, %v", ran, err, calledDo, c.ran, c.wantErr)
			}
			if got := strings.Join(c.claims.calls, ", "); got != strings.Join(c.calls, ", ") {
				t.Fatalf("calls: %s\nwant:  %s", got, strings.Join(c.calls, ", "))
			}
		})
	}
}
