package slack_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

func TestRateLimitedPostIsRetriedAfterRetryAfter(t *testing.T) {
	h := start(t, nil)
	var first time.Time
	var retried time.Duration
	h.fake.postMessage = func(w http.ResponseWriter, n int, _ string) bool {
		switch n {
		case 1:
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		case 2:
			retried = time.Since(first)
		}
		return false
	}
	h.event(t, "Ev1", dm("nfc", "1000.1"))
	h.fake.waitPosts(1)
	if retried < 900*time.Millisecond {
		t.Fatalf("retried after %v, before Retry-After's second", retried)
	}
}

func TestRateLimitRetriesAreBounded(t *testing.T) {
	h := start(t, nil)
	h.fake.postMessage = func(w http.ResponseWriter, n int, _ string) bool {
		if n <= 4 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		}
		return false
	}
	h.event(t, "Ev1", dm("nfc", "1000.1"))
	testkit.WaitFor(t, "the failure to be logged", func() bool { return strings.Contains(h.logs.String(), "code=ratelimited") })
	h.fake.mu.Lock()
	calls := h.fake.calls
	h.fake.mu.Unlock()
	if calls != 4 {
		t.Fatalf("%d attempts, want 4", calls)
	}
}

func TestPermanentErrorsAreLoggedOnceAndDropped(t *testing.T) {
	for _, code := range []string{"channel_not_found", "not_in_channel", "invalid_auth"} {
		t.Run(code, func(t *testing.T) {
			h := start(t, nil)
			h.fake.postMessage = func(w http.ResponseWriter, n int, channel string) bool {
				if channel == "CGONE" {
					writeJSON(w, map[string]any{"ok": false, "error": code})
					return true
				}
				return false
			}
			gone := mention("<@UBOT> nfc", "1000.1")
			gone["channel"] = "CGONE"
			h.event(t, "Ev1", gone)
			testkit.WaitFor(t, "the failure to be logged", func() bool { return strings.Contains(h.logs.String(), "code="+code) })
			h.marker(t, 1) // the next message still gets its answer
			logs := h.logs.String()
			if n := strings.Count(logs, "code="+code); n != 1 {
				t.Fatalf("logged %d times, want once:\n%s", n, logs)
			}
			if !strings.Contains(logs, "level=WARN") {
				t.Errorf("a dropped reply should be a warning:\n%s", logs)
			}
			h.fake.mu.Lock()
			calls := h.fake.calls
			h.fake.mu.Unlock()
			if calls != 2 {
				t.Errorf("%d calls: the failed post was retried", calls)
			}
		})
	}
}

// TestConcurrentEventsAreAnsweredExactlyOnce sends 1,000 distinct events
// from 16 senders, plus 200 retries of them, and expects exactly 1,000
// replies, each in the thread of its own message.
func TestConcurrentEventsAreAnsweredExactlyOnce(t *testing.T) {
	h := start(t, nil)
	const events, senders, retries = 1000, 16, 200
	messages := []string{"stuck on selfie", "glare on my id", "nfc chip", "came from okta", "why verify"}
	send := func(i int, retry bool) {
		ts := fmt.Sprintf("1000.%04d", i)
		headers := []string{}
		if retry {
			headers = []string{"X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"}
		}
		if code := h.event(t, fmt.Sprintf("Ev%04d", i), mention("<@UBOT> "+messages[i%len(messages)], ts), headers...); code != http.StatusOK {
			t.Errorf("event %d: status %d", i, code)
		}
	}
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
		work <- func() { send(i, false) }
		if i%(events/retries) == 0 {
			work <- func() { send(i, true) }
		}
	}
	close(work)
	wg.Wait()

	h.fake.waitPosts(events)
	h.stop() // every queued answer is posted once Run returns
	posts := h.fake.waitPosts(events)
	if len(posts) != events {
		t.Fatalf("%d replies for %d events", len(posts), events)
	}
	threads := map[string]bool{}
	for _, p := range posts {
		if threads[p.Thread] {
			t.Fatalf("two replies in thread %s", p.Thread)
		}
		threads[p.Thread] = true
	}
}

// TestRetryOfAnEventNeverAnsweredIsAnswered: a retry reaching a process that
// never saw the first delivery (the first process died) gets its answer.
func TestRetryOfAnEventNeverAnsweredIsAnswered(t *testing.T) {
	h := start(t, nil)
	h.event(t, "EvLost", dm("nfc", "1000.1"), "X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_timeout")
	if p := h.fake.waitPosts(1)[0]; p.Channel != "D1" {
		t.Fatalf("posted to %s", p.Channel)
	}
}
