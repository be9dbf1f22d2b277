package slack_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// fakeClock is a clock that moves only when told to.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// TestBadSignaturesAreLoggedOncePerMinute: a flood of badly signed
// requests gives one warning a minute, the next one counting those held
// back; every one is still refused.
func TestBadSignaturesAreLoggedOncePerMinute(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1_800_000_000, 0)}
	h := start(t, nil, slack.WithClock(clock.Now))
	bad := func() {
		t.Helper()
		req := signed(t, h.srv.URL+"/slack/events", "application/json", `{"type":"event_callback"}`, time.Now())
		req.Header.Set("X-Slack-Signature", "v0=deadbeef")
		if resp := do(t, req); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d, want 401", resp.StatusCode)
		}
	}
	lines := func() []string {
		var out []string
		for _, l := range strings.Split(h.logs.String(), "\n") {
			if strings.Contains(l, "bad signature") {
				out = append(out, l)
			}
		}
		return out
	}
	for range 3 {
		bad()
	}
	clock.advance(59 * time.Second)
	bad()
	if got := lines(); len(got) != 1 {
		t.Fatalf("%d warnings within a minute, want 1:\n%s", len(got), strings.Join(got, "\n"))
	}
	clock.advance(time.Second)
	bad()
	got := lines()
	if len(got) != 2 || !strings.Contains(got[1], "suppressed=3") {
		t.Fatalf("after a minute, want a second warning counting the 3 held back:\n%s", strings.Join(got, "\n"))
	}
}
