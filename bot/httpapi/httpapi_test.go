package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

func handler(t *testing.T, token string) http.Handler {
	return handlerWith(t, httpapi.Config{Token: token})
}

func handlerWith(t *testing.T, c httpapi.Config, opts ...bot.Option) http.Handler {
	t.Helper()
	return httpapi.Handler(testkit.NewBot(t, nil, opts...), c, nil, nil)
}

// askRequest is a well-formed POST /v1/ask to localhost.
func askRequest(body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "http://localhost:8080/v1/ask", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func ask(h http.Handler, body, auth string) *httptest.ResponseRecorder {
	req := askRequest(body)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAsk(t *testing.T) {
	h := handler(t, "")
	tests := []struct {
		name, message, intent string
		outcome               bot.Outcome
	}{
		{"answered", "stuck on selfie", "selfie", bot.Answered},
		{"clarify", "verify linkedin account", "linkedin-verification|linkedin-recovery", bot.Clarify}, // either first
		{"fallback", "what's the weather", "none", bot.Fallback},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(httpapi.Request{Message: tt.message, User: "web-1"})
			rec := ask(h, string(body), "")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var resp httpapi.Response
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(strings.Split(tt.intent, "|"), resp.Intent) || resp.Outcome != tt.outcome {
				t.Fatalf("got %s %s", resp.Outcome, resp.Intent)
			}
			if !strings.HasSuffix(resp.Text, "so they are the ones who can help with your specific case.") {
				t.Errorf("text does not end with the guidance: %q", resp.Text)
			}
			if resp.Choices == nil || resp.Related == nil || resp.Candidates == nil || resp.Knowledge == "" {
				t.Errorf("response %+v", resp)
			}
		})
	}
}

func TestAskRejectsBadRequests(t *testing.T) {
	h := handler(t, "")
	if rec := ask(h, "not json", ""); rec.Code != http.StatusBadRequest {
		t.Errorf("bad JSON: %d", rec.Code)
	}
	if rec := ask(h, `{"message":"`+strings.Repeat("x", 70<<10)+`"}`, ""); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("huge body: %d", rec.Code)
	}
	req := httptest.NewRequest(http.MethodGet, "http://localhost/v1/ask", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", rec.Code)
	}
}

func TestAskNeedsTheToken(t *testing.T) {
	h := handler(t, "s3cret")
	body := `{"message":"nfc"}`
	for _, auth := range []string{"", "Bearer wrong", "s3cret", "Basic s3cret", "Bearer s3cret2"} {
		if rec := ask(h, body, auth); rec.Code != http.StatusUnauthorized || rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("Authorization %q: status %d", auth, rec.Code)
		}
	}
	if rec := ask(h, body, "Bearer s3cret"); rec.Code != http.StatusOK {
		t.Errorf("right token: %d", rec.Code)
	}
}

func TestAskNeedsJSON(t *testing.T) {
	h := handler(t, "")
	tests := []struct {
		contentType string
		want        int
	}{
		{"application/json", http.StatusOK},
		{"application/json; charset=utf-8", http.StatusOK},
		{"Application/JSON", http.StatusOK},
		{"", http.StatusUnsupportedMediaType},
		{"text/plain", http.StatusUnsupportedMediaType},
		{"text/plain; charset=utf-8", http.StatusUnsupportedMediaType},
		{"application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"multipart/form-data; boundary=x", http.StatusUnsupportedMediaType},
		{"application/jsonx", http.StatusUnsupportedMediaType},
	}
	for _, tt := range tests {
		t.Run(tt.contentType, func(t *testing.T) {
			req := askRequest(`{"message":"nfc"}`)
			req.Header.Set("Content-Type", tt.contentType)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d", rec.Code, tt.want)
			}
		})
	}
}

// TestAskWithoutTokenAnswersOnlyLocalhost: without a token, a page on
// another site that rebinds its name to 127.0.0.1 is refused.
func TestAskWithoutTokenAnswersOnlyLocalhost(t *testing.T) {
	tests := []struct {
		host, token string
		want        int
	}{
		{"localhost:8080", "", http.StatusOK},
		{"127.0.0.1:8080", "", http.StatusOK},
		{"[::1]:8080", "", http.StatusOK},
		{"attacker.example", "", http.StatusForbidden},
		{"attacker.example:8080", "", http.StatusForbidden},
		{"helpdesk.example.com", "s3cret", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			h := handler(t, tt.token)
			req := askRequest(`{"message":"nfc"}`)
			req.Host = tt.host
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d", rec.Code, tt.want)
			}
		})
	}
}

// TestAskRateLimitsByClientAddress sends two requests, each with a fresh
// handler allowing one message per address, and checks whether the second
// counts as the same client.
func TestAskRateLimitsByClientAddress(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	type req struct{ peer, forwarded, user string }
	tests := []struct {
		name         string
		first, again req
		trusted      []netip.Prefix
		sameClient   bool
	}{
		{"no user, same peer", req{peer: "192.0.2.1:1000"}, req{peer: "192.0.2.1:2000"}, nil, true},
		{"no user, other peer", req{peer: "192.0.2.1:1000"}, req{peer: "192.0.2.2:1000"}, nil, false},
		{"a new user per request", req{peer: "192.0.2.1:1000", user: "a"}, req{peer: "192.0.2.1:1000", user: "b"}, nil, true},
		{"forwarded from an untrusted peer is ignored", req{peer: "192.0.2.1:1000", forwarded: "198.51.100.1"}, req{peer: "192.0.2.1:1000", forwarded: "198.51.100.2"}, nil, true},
		{"behind a trusted proxy: the forwarded client", req{peer: "10.0.0.1:1000", forwarded: "198.51.100.1"}, req{peer: "10.0.0.1:1000", forwarded: "198.51.100.2"}, proxies, false},
		{"behind a trusted proxy: same forwarded client", req{peer: "10.0.0.1:1000", forwarded: "198.51.100.1"}, req{peer: "10.0.0.2:1000", forwarded: "198.51.100.1"}, proxies, true},
		{"a forged hop left of the client is ignored", req{peer: "10.0.0.1:1000", forwarded: "203.0.113.7, 198.51.100.1"}, req{peer: "10.0.0.1:1000", forwarded: "203.0.113.8, 198.51.100.1"}, proxies, true},
		{"two proxies", req{peer: "10.0.0.1:1000", forwarded: "198.51.100.1, 10.0.0.9"}, req{peer: "10.0.0.1:1000", forwarded: "198.51.100.1"}, proxies, true},
		{"two header lines", req{peer: "10.0.0.1:1000", forwarded: "198.51.100.1\n10.0.0.9"}, req{peer: "10.0.0.1:1000", forwarded: "198.51.100.1"}, proxies, true},
		{"garbage in a hop", req{peer: "10.0.0.1:1000", forwarded: "x1"}, req{peer: "10.0.0.1:1000", forwarded: "x2"}, proxies, true},
		{"one IPv6 /64", req{peer: "[2001:db8::1]:1000"}, req{peer: "[2001:db8::2]:1000"}, nil, true},
		{"two IPv6 /64s", req{peer: "[2001:db8::1]:1000"}, req{peer: "[2001:db8:0:1::1]:1000"}, nil, false},
		{"IPv4 mapped in IPv6", req{peer: "[::ffff:192.0.2.1]:1000"}, req{peer: "192.0.2.1:1000"}, nil, true},
		{"IPv6 trusted proxy", req{peer: "[fd00::1]:1000", forwarded: "2001:db8::1"}, req{peer: "[fd00::1]:1000", forwarded: "2001:db8:0:1::1"}, proxies, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := handlerWith(t, httpapi.Config{TrustedProxies: tt.trusted}, bot.WithRateLimit(1, 1), bot.WithAddressRateLimit(1, 1))
			send := func(r req) bot.Outcome {
				body, _ := json.Marshal(httpapi.Request{Message: "nfc", User: r.user})
				hr := askRequest(string(body))
				hr.RemoteAddr = r.peer
				for line := range strings.SplitSeq(r.forwarded, "\n") {
					if line != "" {
						hr.Header.Add("X-Forwarded-For", line)
					}
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, hr)
				var resp httpapi.Response
				if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
					t.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
				return resp.Outcome
			}
			if got := send(tt.first); got != bot.Answered {
				t.Fatalf("first request: %s", got)
			}
			if got := send(tt.again); (got == bot.Limited) != tt.sameClient {
				t.Errorf("second request: %s; same client: %v", got, tt.sameClient)
			}
		})
	}
}

// TestErrorsAreJSON: every error of the API is a JSON body {"error": ...},
// with the status a client can act on.
func TestErrorsAreJSON(t *testing.T) {
	h := handlerWith(t, httpapi.Config{}, bot.WithRateLimit(1, 1))
	tooBig := askRequest(`{"message":"` + strings.Repeat("x", 70<<10) + `"}`)
	get := httptest.NewRequest(http.MethodGet, "http://localhost:8080/v1/ask", nil)
	text := askRequest(`{"message":"nfc"}`)
	text.Header.Set("Content-Type", "text/plain")
	tests := []struct {
		name   string
		req    *http.Request
		status int
		header string // a header the response must have
	}{
		{"too large", tooBig, http.StatusRequestEntityTooLarge, ""},
		{"wrong method", get, http.StatusMethodNotAllowed, "Allow"},
		{"not json", text, http.StatusUnsupportedMediaType, ""},
		{"bad json", askRequest(`{"message":`), http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, tt.req)
			var body struct{ Error string }
			if rec.Code != tt.status || rec.Header().Get("Content-Type") != "application/json" ||
				json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Error == "" {
				t.Fatalf("status %d, content type %q, body %q; want %d with a JSON error", rec.Code, rec.Header().Get("Content-Type"), rec.Body, tt.status)
			}
			if tt.header != "" && rec.Header().Get(tt.header) == "" {
				t.Errorf("no %s header", tt.header)
			}
		})
	}
}

// TestRateLimitedIs429: a request over the person's rate limit gets 429
// with Retry-After, and the reply (the notice) as its JSON body.
func TestRateLimitedIs429(t *testing.T) {
	h := handlerWith(t, httpapi.Config{}, bot.WithRateLimit(1, 1))
	if rec := ask(h, `{"message":"nfc","user":"u1"}`, ""); rec.Code != http.StatusOK {
		t.Fatalf("first request: %d", rec.Code)
	}
	rec := ask(h, `{"message":"nfc","user":"u1"}`, "")
	var resp httpapi.Response
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" ||
		json.Unmarshal(rec.Body.Bytes(), &resp) != nil || resp.Outcome != bot.Limited {
		t.Fatalf("over the limit: status %d, Retry-After %q, body %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}
}

// feedbackRequest is a well-formed POST /v1/feedback to localhost.
func feedbackRequest(body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "http://localhost:8080/v1/feedback", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func TestFeedbackIsRecorded(t *testing.T) {
	var got []bot.Feedback
	rec := bot.FeedbackFunc(func(_ context.Context, f bot.Feedback) error {
		got = append(got, f)
		return nil
	})
	h := httpapi.Handler(testkit.NewBot(t, nil), httpapi.Config{}, rec, nil)
	tests := []struct {
		name, body string
		want       bot.Feedback
	}{
		{"thumbs up in a conversation", `{"user":"web-1","conversation":"c-7","intent":"selfie","helpful":true}`,
			bot.Feedback{Adapter: "http", User: "web-1", Channel: "http:c-7", Reply: "http:c-7", Intent: "selfie", Helpful: true}},
		{"thumbs down alone", `{"user":"web-2","intent":"nfc","helpful":false}`,
			bot.Feedback{Adapter: "http", User: "web-2", Intent: "nfc", Helpful: false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			w := httptest.NewRecorder()
			h.ServeHTTP(w, feedbackRequest(tt.body))
			if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"recorded":true`) {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if len(got) != 1 {
				t.Fatalf("recorded %d votes, want 1", len(got))
			}
			f := got[0]
			if f.Time.IsZero() {
				t.Error("the vote has no time")
			}
			f.Time = time.Time{}
			if f != tt.want {
				t.Errorf("recorded %+v, want %+v", f, tt.want)
			}
		})
	}
}

func TestFeedbackRefusesWhatItCannotRecord(t *testing.T) {
	recorded := 0
	rec := bot.FeedbackFunc(func(context.Context, bot.Feedback) error {
		recorded++
		return nil
	})
	failing := bot.FeedbackFunc(func(context.Context, bot.Feedback) error { return errors.New("store down") })
	tests := []struct {
		name, body string
		rec        bot.FeedbackRecorder
		code       int
	}{
		{"no vote", `{"user":"u","intent":"selfie"}`, rec, http.StatusBadRequest},
		{"no intent", `{"user":"u","helpful":true}`, rec, http.StatusBadRequest},
		{"unknown intent", `{"user":"u","intent":"no-such-topic","helpful":true}`, rec, http.StatusBadRequest},
		{"not JSON", `helpful`, rec, http.StatusBadRequest},
		{"long conversation", `{"user":"u","intent":"selfie","helpful":true,"conversation":"` + strings.Repeat("c", 201) + `"}`, rec, http.StatusBadRequest},
		{"store fails", `{"user":"u","intent":"selfie","helpful":true}`, failing, http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recorded = 0
			h := httpapi.Handler(testkit.NewBot(t, nil), httpapi.Config{}, tt.rec, nil)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, feedbackRequest(tt.body))
			if w.Code != tt.code {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.code, w.Body)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Errorf("body %q is not a JSON error", w.Body)
			}
			if strings.Contains(w.Body.String(), "store down") {
				t.Errorf("the store's error reached the caller: %s", w.Body)
			}
			if recorded != 0 {
				t.Errorf("recorded %d votes of a refused request", recorded)
			}
		})
	}
}

func TestFeedbackNeedsTheSameAccessAsAsk(t *testing.T) {
	h := httpapi.Handler(testkit.NewBot(t, nil), httpapi.Config{Token: "s3cret"}, nil, nil)
	body := `{"user":"u","intent":"selfie","helpful":true}`
	for _, tt := range []struct {
		name, auth string
		code       int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"wrong token", "Bearer nope", http.StatusUnauthorized},
		{"right token", "Bearer s3cret", http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := feedbackRequest(body)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != tt.code {
				t.Errorf("status %d, want %d: %s", w.Code, tt.code, w.Body)
			}
		})
	}
	t.Run("GET", func(t *testing.T) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://localhost/v1/feedback", nil))
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != http.MethodPost {
			t.Errorf("GET: status %d, Allow %q", w.Code, w.Header().Get("Allow"))
		}
	})
}
