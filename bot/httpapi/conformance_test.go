package httpapi_test

import (
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/adaptertest"
	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
)

// TestConformance runs the adapters' conformance suite on POST /v1/ask.
func TestConformance(t *testing.T) {
	adaptertest.Run(t, func(t *testing.T, env adaptertest.Env) adaptertest.Harness {
		// The endpoint has no worker pool: its bound is its concurrency.
		return &suiteHarness{h: httpapi.New(env.Bot, httpapi.Config{Concurrency: env.Workers}).Handler()}
	})
}

// suiteHarness asks /v1/ask directly through its handler: the answer is
// the response, so nothing is ever pending.
type suiteHarness struct {
	h       http.Handler
	mu      sync.Mutex
	replies []adaptertest.Reply
}

func (s *suiteHarness) Features() adaptertest.Features {
	return adaptertest.Features{Name: "http", Retries: true}
}

func (s *suiteHarness) Say(t *testing.T, m adaptertest.Message) bool {
	t.Helper()
	body, _ := json.Marshal(httpapi.Request{Message: m.Text, User: "web-1", Conversation: m.Conversation})
	rec := ask(s.h, string(body), "")
	switch rec.Code {
	case http.StatusOK:
	case http.StatusServiceUnavailable:
		if rec.Header().Get("Retry-After") == "" {
			t.Error("503 without Retry-After: clients cannot know to retry")
		}
		return false
	default:
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp httpapi.Response
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	r := adaptertest.Reply{Text: resp.Text, Pings: anyPings.FindAllString(resp.Text, -1)}
	if resp.Outcome == bot.Answered {
		r.Intent = resp.Intent
	}
	for _, c := range append(resp.Choices, resp.Related...) {
		r.Choices = append(r.Choices, adaptertest.Choice{Label: c.Title, Intent: c.ID})
	}
	s.mu.Lock()
	s.replies = append(s.replies, r)
	s.mu.Unlock()
	return true
}

// anyPings is what pings on any chat platform a client may show the text in.
var anyPings = regexp.MustCompile(`@everyone|@here|<!(?:channel|here|everyone)[^>]*>|<@[!&]?[A-Z0-9]+>`)

func (s *suiteHarness) Replies(t *testing.T, n int) []adaptertest.Reply {
	t.Helper()
	got := s.Settle(t)
	if len(got) < n {
		t.Fatalf("%d replies, want %d: the endpoint answers in its response", len(got), n)
	}
	return got
}

func (s *suiteHarness) Settle(*testing.T) []adaptertest.Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]adaptertest.Reply(nil), s.replies...)
}

// Stall takes the one slot with a request whose body is still arriving.
func (s *suiteHarness) Stall(t *testing.T) (held func(*testing.T), release func()) {
	body, more := io.Pipe()
	req := askRequest("")
	req.Body = body
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.h.ServeHTTP(httptest.NewRecorder(), req)
	}()
	if _, err := more.Write([]byte(`{"message":`)); err != nil { // returns once the handler reads it
		t.Fatal(err)
	}
	var once sync.Once
	return func(*testing.T) {}, func() {
		once.Do(func() {
			io.WriteString(more, `"nfc"}`)
			more.Close()
			<-done
		})
	}
}

// update rewrites the conformance suite's golden files in testdata/.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")
