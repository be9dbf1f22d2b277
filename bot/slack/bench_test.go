package slack_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// Benchmarks of the Events API endpoint, reported in README.md:
//
//	go test ./bot/slack -run '^$' -bench Endpoint -benchtime 20000x
//
// Each op is one signed event posted over loopback by parallel clients.
// BenchmarkBareEndpoint is a net/http handler that reads the body and
// returns 200, measured the same way, for comparison.

func postEvents(b *testing.B, url string) { postEventsOf(b, url, "app_mention") }

func postEventsOf(b *testing.B, url, eventType string) {
	testkit.PostParallel(b, "events", func(i int64) *http.Request {
		body := fmt.Sprintf(`{"type":"event_callback","event_id":"Ev%d","event":{"type":%q,"user":"U1","text":"<@UBOT> stuck on selfie","ts":"1000.%d","channel":"C1","channel_type":"channel"}}`, i, eventType, i)
		return signed(b, url, "application/json", body, time.Now())
	})
}

// BenchmarkEventsEndpoint posts mentions that are verified, parsed,
// de-duplicated, acknowledged and answered: every answer is posted to a fake
// Web API on loopback, on the same cores, that only counts them.
func BenchmarkEventsEndpoint(b *testing.B) {
	h := start(b, func(c *slack.Config) { c.Queue = 1 << 16 })
	h.fake.light = true
	b.ResetTimer()
	postEvents(b, h.srv.URL+"/slack/events")
	b.StopTimer()
	h.fake.waitPosts(b.N)
}

// BenchmarkEventsEndpointPostgresClaims is BenchmarkEventsEndpoint with
// the events claimed in PostgreSQL (HELPDESK_TEST_POSTGRES), as replicas
// sharing claims do: a claim on arrival, a done mark once answered.
func BenchmarkEventsEndpointPostgresClaims(b *testing.B) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := postgres.Open(ctx, statetest.PostgresSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	h := start(b, func(c *slack.Config) { c.Queue = 1 << 16 }, slack.WithClaims(store.Claims()))
	h.fake.light = true
	b.ResetTimer()
	postEvents(b, h.srv.URL+"/slack/events")
	h.fake.waitPosts(b.N)
	h.stop() // the done marks are in the measure too
}

// BenchmarkEventsEndpointAckOnly posts channel messages the bot does not
// answer: verification, parsing and acknowledgement alone.
func BenchmarkEventsEndpointAckOnly(b *testing.B) {
	h := start(b, nil)
	b.ResetTimer()
	postEventsOf(b, h.srv.URL+"/slack/events", "message")
}

// BenchmarkBareEndpoint is the baseline: the same requests to a handler
// that only reads the body and returns 200.
func BenchmarkBareEndpoint(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	b.ResetTimer()
	postEvents(b, srv.URL+"/slack/events")
}
