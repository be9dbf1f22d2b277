package slack_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// recordingClaims is a bot.Claims that records its calls, each with the
// number of replies posted when it was made; claim decides the claims
// (nil: every claim wins).
type recordingClaims struct {
	claim func(key string) bool
	posts func() int

	mu    sync.Mutex
	calls []string
}

func (c *recordingClaims) record(op, key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, fmt.Sprintf("%s %s after %d posts", op, key, c.posts()))
}

func (c *recordingClaims) Claim(_ context.Context, key string, _ time.Duration) (bool, error) {
	c.record("claim", key)
	return c.claim == nil || c.claim(key), nil
}

func (c *recordingClaims) Done(_ context.Context, key string) error {
	c.record("done", key)
	return nil
}

func (c *recordingClaims) Release(_ context.Context, key string) error {
	c.record("release", key)
	return nil
}

func (c *recordingClaims) String() string { return "recording" }

func (c *recordingClaims) got() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.calls, "; ")
}

func TestEventsAreClaimedThenDone(t *testing.T) {
	claims := &recordingClaims{claim: func(key string) bool { return key != "slack:EvElsewhere" }}
	h := start(t, nil, slack.WithClaims(claims))
	claims.mu.Lock()
	claims.posts = h.fake.postCount
	claims.mu.Unlock()
	if !strings.Contains(h.logs.String(), "dedup_store=recording") {
		t.Errorf("the store is not logged:\n%s", h.logs.String())
	}
	h.event(t, "EvElsewhere", dm("nfc", "1000.1"))
	h.event(t, "Ev1", dm("glare", "1000.2"))
	h.fake.waitPosts(1)
	h.stop() // the answer, and its done mark, are over
	if n := h.fake.postCount(); n != 1 {
		t.Fatalf("%d replies: the event claimed elsewhere was answered", n)
	}
	want := "claim slack:EvElsewhere after 0 posts; claim slack:Ev1 after 0 posts; done slack:Ev1 after 1 posts"
	if got := claims.got(); got != want {
		t.Fatalf("calls: %s\nwant:  %s", got, want)
	}
}
