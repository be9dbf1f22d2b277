package slack_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
)

// TestTwoReplicasAnswerEachEventOnce runs two adapters, each with its own
// bot and its own connection to one PostgreSQL claims store, as two
// replicas behind a load balancer. Every signed event reaches both (and
// some twice more, as retries), from eight senders at once: each event is
// answered exactly once across the two.
func TestTwoReplicasAnswerEachEventOnce(t *testing.T) {
	dsn := statetest.PostgresSchema(t)
	replica := func() *harness {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		store, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(store.Close)
		return start(t, nil, slack.WithClaims(store.Claims()))
	}
	replicas := []*harness{replica(), replica()}

	const events, senders, retryEvery = 300, 8, 5
	messages := []string{"stuck on selfie", "glare on my id", "nfc chip", "came from okta", "why verify"}
	work := make(chan func())
	var wg sync.WaitGroup
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				f()
			}
		}()
	}
	for i := range events {
		id, ts := fmt.Sprintf("Ev%04d", i), fmt.Sprintf("1000.%04d", i)
		text := "<@UBOT> " + messages[i%len(messages)]
		for r, h := range replicas {
			work <- func() {
				if code := h.event(t, id, mention(text, ts)); code != http.StatusOK {
					t.Errorf("event %s at replica %d: status %d", id, r, code)
				}
			}
		}
		if i%retryEvery == 0 {
			h := replicas[i%len(replicas)]
			work <- func() {
				h.event(t, id, mention(text, ts), "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")
			}
		}
	}
	close(work)
	wg.Wait()

	// Every event was claimed before it was acknowledged; once both
	// replicas have stopped, every answer is posted.
	for _, h := range replicas {
		h.stop()
	}
	threads := map[string]int{}
	var total int
	for r, h := range replicas {
		posts := h.fake.waitPosts(0)
		t.Logf("replica %d answered %d events", r, len(posts))
		total += len(posts)
		for _, p := range posts {
			threads[p.Thread]++
		}
	}
	if total != events || len(threads) != events {
		t.Fatalf("%d replies in %d threads for %d events", total, len(threads), events)
	}
	for th, n := range threads {
		if n != 1 {
			t.Errorf("thread %s answered %d times", th, n)
		}
	}
}
