package httpapi_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// shedCounter counts the requests the adapter refuses while busy.
type shedCounter struct {
	mu   sync.Mutex
	shed map[string]int
}

func (c *shedCounter) Delivered(string, string) {}
func (c *shedCounter) Deduplicated(string)      {}
func (c *shedCounter) Panicked(string)          {}
func (c *shedCounter) Shed(adapter string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shed == nil {
		c.shed = map[string]int{}
	}
	c.shed[adapter]++
}

func (c *shedCounter) count(adapter string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.shed[adapter]
}

// TestAdapterShedsExcessAtOnce: with one slot taken by a request whose body
// is still arriving, the next request gets 503 with Retry-After at once and
// is counted; once the slot is free, requests are answered again.
func TestAdapterShedsExcessAtOnce(t *testing.T) {
	counter := &shedCounter{}
	a := httpapi.New(testkit.NewBot(t, nil), httpapi.Config{Concurrency: 1}, httpapi.WithMetrics(counter))
	h := a.Handler()
	if a.Name() != "http" {
		t.Errorf("Name %q", a.Name())
	}

	body, more := io.Pipe()
	slow := askRequest("")
	slow.Body = body
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, slow)
		done <- rec
	}()
	if _, err := more.Write([]byte(`{"message":`)); err != nil { // returns once the handler reads it
		t.Fatal(err)
	}

	rec := ask(h, `{"message":"nfc"}`, "")
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || counter.count("http") != 1 {
		t.Fatalf("over the bound: %d, Retry-After %q, shed %d", rec.Code, rec.Header().Get("Retry-After"), counter.count("http"))
	}
	io.Copy(more, strings.NewReader(`"nfc"}`))
	more.Close()
	if rec := <-done; rec.Code != http.StatusOK {
		t.Fatalf("the slow request: %d %s", rec.Code, rec.Body)
	}
	if rec := ask(h, `{"message":"nfc"}`, ""); rec.Code != http.StatusOK {
		t.Fatalf("after the slot is free: %d", rec.Code)
	}
}
