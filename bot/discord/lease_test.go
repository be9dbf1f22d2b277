package discord_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// fakeLeases is a bot.Leases over shared leases whose calls the test
// watches: acquired gets every Acquire's result, and release, when set,
// replaces Release (a replica that dies releases nothing).
type fakeLeases struct {
	shared   bot.Leases
	acquired chan bool
	release  func(ctx context.Context, name, holder string) error
}

func (f *fakeLeases) Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	held, err := f.shared.Acquire(ctx, name, holder, ttl)
	select {
	case f.acquired <- held:
	default: // nobody is watching now
	}
	return held, err
}

func (f *fakeLeases) Release(ctx context.Context, name, holder string) error {
	if f.release != nil {
		return f.release(ctx, name, holder)
	}
	return f.shared.Release(ctx, name, holder)
}

func (f *fakeDiscord) identified() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.identifies
}

// nextAcquire waits for the next Acquire and returns its result.
func nextAcquire(t *testing.T, l *fakeLeases) bool {
	t.Helper()
	select {
	case held := <-l.acquired:
		return held
	case <-time.After(10 * time.Second):
		t.Fatal("no Acquire in 10s")
		return false
	}
}

// TestGatewayLease runs two adapters with one token against one gateway
// and one lease store, as two replicas: only one identifies; once it
// stops or dies, the other identifies within 10 s and answers.
func TestGatewayLease(t *testing.T) {
	const ttl = 300 * time.Millisecond // renewed, and tried, every 100 ms
	cases := []struct {
		name string
		dies bool // the holder ends without releasing its lease
	}{
		{"the holder stops: its lease is released", false},
		{"the holder dies: its lease runs out", true},
	}
	// stores returns the lease stores of two replicas sharing them.
	stores := []struct {
		name   string
		leases func(t *testing.T) (bot.Leases, bot.Leases)
	}{
		{"memory", func(*testing.T) (bot.Leases, bot.Leases) {
			l := bot.NewMemoryLeases(nil)
			return l, l
		}},
		{"postgres", func(t *testing.T) (bot.Leases, bot.Leases) {
			dsn := statetest.PostgresSchema(t)
			open := func() bot.Leases {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				s, err := postgres.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(s.Close)
				return s.Leases()
			}
			return open(), open()
		}},
	}
	for _, store := range stores {
		for _, c := range cases {
			t.Run(store.name+"/"+c.name, func(t *testing.T) { runGatewayLease(t, store.leases, ttl, c.dies) })
		}
	}
}

// runGatewayLease is one case of TestGatewayLease: dies says the holder
// ends without releasing its lease.
func runGatewayLease(t *testing.T, leases func(t *testing.T) (bot.Leases, bot.Leases), ttl time.Duration, dies bool) {
	fake := newFakeDiscord(t)
	a, b := leases(t)
	claims := bot.NewMemoryClaims(time.Hour, 100, nil)
	holderLeases := &fakeLeases{shared: a, acquired: make(chan bool)}
	if dies {
		holderLeases.release = func(context.Context, string, string) error { return nil }
	}
	standbyLeases := &fakeLeases{shared: b, acquired: make(chan bool)}
	replica := func(l *fakeLeases) *harness {
		return startOn(t, fake, testkit.NewBot(t, knowledge.FS), nil, nil,
			discord.WithGatewayLease(l, ttl), discord.WithClaims(claims))
	}
	holder := replica(holderLeases)
	testkit.WaitFor(t, "the holder to identify", func() bool { return fake.identified() == 1 })
	standby := replica(standbyLeases)
	for range 3 { // three tries while the holder holds it
		if nextAcquire(t, standbyLeases) {
			t.Fatal("the standby took the lease while the holder held it")
		}
	}
	if n := fake.identified(); n != 1 {
		t.Fatalf("%d identifies with the lease held, want 1", n)
	}
	fake.dispatch("MESSAGE_CREATE", message("M1", "C1", "G1", "<@9000> stuck on selfie", true))
	fake.wait("message", 1)

	stopped := time.Now()
	holder.stop()
	testkit.WaitFor(t, "the standby to identify", func() bool { return fake.identified() == 2 })
	took := time.Since(stopped)
	t.Logf("the standby identified %v after the holder stopped", took.Round(time.Millisecond))
	if took > 10*time.Second {
		t.Fatalf("took over after %v, want within 10s", took)
	}
	testkit.WaitFor(t, "the standby to be connected", func() bool { return fake.connected() && standby.adapter.Ready() })
	fake.dispatch("MESSAGE_CREATE", message("M2", "C1", "G1", "<@9000> glare on my id", true))
	replies := fake.wait("message", 2)
	if ref, _ := replies[1].Body["message_reference"].(map[string]any); ref["message_id"] != "M2" {
		t.Fatalf("second reply to %v, want M2", ref)
	}
	logs := standby.logs.String()
	if !strings.Contains(logs, "gateway lease taken") {
		t.Fatalf("the take-over is not logged:\n%s", logs)
	}
}

// leasesFunc is a bot.Leases whose methods the test sets.
type leasesFunc struct {
	acquire func(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	release func(ctx context.Context, name, holder string) error
}

func (l *leasesFunc) Acquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	return l.acquire(ctx, name, holder, ttl)
}

func (l *leasesFunc) Release(ctx context.Context, name, holder string) error {
	return l.release(ctx, name, holder)
}

// TestGatewayLeaseLost: a holder whose lease another replica took (it
// stalled past its lease) closes its session, and opens it again once it
// holds the lease again; one whose store fails keeps it.
func TestGatewayLeaseLost(t *testing.T) {
	fake := newFakeDiscord(t)
	var mu sync.Mutex
	var answer func() (bool, error) // nil: the lease is held
	l := &leasesFunc{
		acquire: func(context.Context, string, string, time.Duration) (bool, error) {
			mu.Lock()
			defer mu.Unlock()
			if answer == nil {
				return true, nil
			}
			return answer()
		},
		release: func(context.Context, string, string) error { return nil },
	}
	set := func(f func() (bool, error)) {
		mu.Lock()
		defer mu.Unlock()
		answer = f
	}
	h := startOn(t, fake, testkit.NewBot(t, knowledge.FS), nil, nil, discord.WithGatewayLease(l, 300*time.Millisecond))
	testkit.WaitFor(t, "the holder to connect", func() bool { return fake.identified() == 1 })

	failures := make(chan struct{}, 100)
	set(func() (bool, error) {
		failures <- struct{}{}
		return false, errors.New("connection refused")
	})
	for range 3 { // three renewals fail
		select {
		case <-failures:
		case <-time.After(10 * time.Second):
			t.Fatal("no renewal in 10s")
		}
	}
	if n := fake.ended(); n != 0 {
		t.Fatalf("%d sessions ended while the store failed, want 0", n)
	}
	if !strings.Contains(h.logs.String(), "gateway lease store failed") {
		t.Fatalf("the failure is not logged:\n%s", h.logs.String())
	}

	set(func() (bool, error) { return false, nil }) // another replica holds it
	testkit.WaitFor(t, "the session to end", func() bool { return fake.ended() == 1 })
	testkit.WaitFor(t, "the loss to be logged", func() bool { return strings.Contains(h.logs.String(), "gateway lease lost") })
	testkit.WaitFor(t, "ready, standing by", h.adapter.Ready)

	// The lease is free again: the session opens again, resuming (Discord
	// answers a resume of the session closed with an invalid session, and
	// discordgo then identifies).
	set(nil)
	testkit.WaitFor(t, "the session to open again", func() bool {
		fake.mu.Lock()
		defer fake.mu.Unlock()
		return fake.identifies+fake.resumes == 2
	})
	testkit.WaitFor(t, "ready, connected", func() bool { return fake.connected() && h.adapter.Ready() })
}
