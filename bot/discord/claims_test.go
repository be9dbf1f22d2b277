package discord_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
)

// recordingClaims is a bot.Claims that records its calls, each with the
// number of replies sent when it was made; claim decides the claims.
type recordingClaims struct {
	claim func(key string) bool

	mu    sync.Mutex
	posts func() int
	calls []string
}

func (c *recordingClaims) record(op, key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, fmt.Sprintf("%s %s after %d replies", op, key, c.posts()))
}

func (c *recordingClaims) Claim(_ context.Context, key string, _ time.Duration) (bool, error) {
	c.record("claim", key)
	return c.claim(key), nil
}

func (c *recordingClaims) Done(_ context.Context, key string) error {
	c.record("done", key)
	return nil
}

func (c *recordingClaims) Release(_ context.Context, key string) error {
	c.record("release", key)
	return nil
}

func TestMessagesAreClaimedThenDone(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	claims := &recordingClaims{claim: func(key string) bool { return key != "discord:message:M0" }}
	h := start(t, nil, nil, discord.WithClaims(claims))
	claims.mu.Lock()
	claims.posts = func() int { return h.fake.count("message") }
	claims.mu.Unlock()
	if !strings.Contains(h.logs.String(), "dedup_store=custom") {
		t.Errorf("a store without a name is not logged as custom:\n%s", h.logs.String())
	}
	h.fake.dispatch("MESSAGE_CREATE", message("M0", "D1", "", "nfc chip", false))
	h.fake.dispatch("MESSAGE_CREATE", message("M1", "D1", "", "glare on my id", false))
	h.fake.wait("message", 1)
	h.stop()
	if n := h.fake.count("message"); n != 1 {
		t.Fatalf("%d replies: the message claimed elsewhere was answered", n)
	}
	want := "claim discord:message:M0 after 0 replies; claim discord:message:M1 after 0 replies; done discord:message:M1 after 1 replies"
	claims.mu.Lock()
	got := strings.Join(claims.calls, "; ")
	claims.mu.Unlock()
	if got != want {
		t.Fatalf("calls: %s\nwant:  %s", got, want)
	}
}

// TestTwoGatewaySessionsSharingClaimsAnswerOnce: two adapters sharing
// claims both receive every message, as two replicas with one token do:
// each message is answered by one of them.
func TestTwoGatewaySessionsSharingClaimsAnswerOnce(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	claims := bot.NewMemoryClaims(time.Hour, 100, nil)
	replicas := []*harness{start(t, nil, nil, discord.WithClaims(claims)), start(t, nil, nil, discord.WithClaims(claims))}
	const messages = 20
	for i := range messages {
		for _, h := range replicas {
			h.fake.dispatch("MESSAGE_CREATE", message(fmt.Sprint("M", i), "D1", "", "nfc chip", false))
		}
	}
	for _, h := range replicas {
		h.stop() // every answer is sent by now
	}
	answered := map[string]int{}
	for _, h := range replicas {
		for _, s := range h.fake.wait("message", 0) {
			ref, _ := s.Body["message_reference"].(map[string]any)
			answered[fmt.Sprint(ref["message_id"])]++
		}
	}
	if len(answered) != messages {
		t.Fatalf("%d messages answered of %d: %v", len(answered), messages, answered)
	}
	for id, n := range answered {
		if n != 1 {
			t.Errorf("message %s answered %d times", id, n)
		}
	}
}
