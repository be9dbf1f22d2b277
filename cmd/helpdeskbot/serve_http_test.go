package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
)

func TestServeMetricsNeedsAToken(t *testing.T) {
	tests := []struct {
		name, apiToken, metricsToken, host, auth string
		want                                     int
	}{
		{"no token, localhost", "", "", "127.0.0.1:8080", "", http.StatusOK},
		{"no token, another name", "", "", "attacker.example", "", http.StatusForbidden},
		{"api token, none given", "api-s3cret", "", "localhost", "", http.StatusUnauthorized},
		{"api token given", "api-s3cret", "", "helpdesk.example.com", "Bearer api-s3cret", http.StatusOK},
		{"metrics token given", "api-s3cret", "m3trics", "helpdesk.example.com", "Bearer m3trics", http.StatusOK},
		{"metrics token set, api token given", "api-s3cret", "m3trics", "localhost", "Bearer api-s3cret", http.StatusUnauthorized},
		{"metrics token alone, none given", "", "m3trics", "localhost", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.APIToken, cfg.Metrics.Token = tt.apiToken, tt.metricsToken
			srv := newTestServer(t, cfg)
			req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
			req.Host = tt.host
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d", rec.Code, tt.want)
			}
		})
	}
}

// askFrom posts a question to serve as the client forwarded says it is
// for (no header when empty) and returns the outcome.
func askFrom(t *testing.T, base, user, forwarded string) bot.Outcome {
	t.Helper()
	body, _ := json.Marshal(httpapi.Request{Message: "nfc", User: user})
	req, _ := http.NewRequest(http.MethodPost, base+"/v1/ask", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if forwarded != "" {
		req.Header.Set("X-Forwarded-For", forwarded)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out httpapi.Response
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("status %d: %v", resp.StatusCode, err)
	}
	return out.Outcome
}

// TestServeRateLimitsAskByAddress runs serve with a burst of 2 per person
// and 3 per address, behind 127.0.0.1 as a trusted proxy.
func TestServeRateLimitsAskByAddress(t *testing.T) {
	t.Setenv("HELPDESK_LIMITS_BURST", "2")
	t.Setenv("HELPDESK_LIMITS_PER_ADDRESS_BURST", "3")
	t.Setenv("HELPDESK_HTTP_TRUSTED_PROXIES", "127.0.0.0/8, ::1")
	s := serveInProcess(t)
	tests := []struct {
		name      string
		user      func(i int) string
		forwarded string
		answered  int
	}{
		{"no user", func(int) string { return "" }, "198.51.100.1", 2},
		{"a new user per request", func(i int) string { return fmt.Sprint("u", i) }, "198.51.100.2", 3},
		{"no user, the proxy itself", func(int) string { return "" }, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answered := 0
			for i := range 6 {
				if askFrom(t, s.base, tt.user(i), tt.forwarded) == bot.Answered {
					answered++
				}
			}
			if answered != tt.answered {
				t.Errorf("%d of 6 answered, want %d", answered, tt.answered)
			}
		})
	}
	if got := askFrom(t, s.base, "", "198.51.100.3"); got != bot.Answered {
		t.Errorf("another client behind the proxy: %s", got)
	}
}

// TestSystemdUnitHasAStateDirectory: with ProtectSystem=strict and
// DynamicUser, the state directory is the only place for the SQLite file,
// and the example configuration points there.
func TestSystemdUnitHasAStateDirectory(t *testing.T) {
	unit, err := os.ReadFile("../../deploy/helpdeskbot.service")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../../deploy/helpdeskbot.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(unit), "ProtectSystem=strict") && !strings.Contains(string(unit), "\nStateDirectory=helpdeskbot\n") {
		t.Error("the unit makes the file system read-only without StateDirectory=helpdeskbot")
	}
	if !strings.Contains(string(example), "/var/lib/helpdeskbot/") {
		t.Error("the example configuration does not put analytics.path under /var/lib/helpdeskbot")
	}
}

// TestServeRemembersConversations: serve's bot remembers a /v1/ask
// conversation, so a number picks a topic the previous reply offered.
func TestServeRemembersConversations(t *testing.T) {
	s := serveInProcess(t)
	post := func(req httpapi.Request) httpapi.Response {
		t.Helper()
		body, _ := json.Marshal(req)
		resp, err := http.Post(s.base+"/v1/ask", "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out httpapi.Response
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatalf("status %d: %v", resp.StatusCode, err)
		}
		return out
	}
	first := post(httpapi.Request{Message: "stuck on selfie", User: "web-1", Conversation: "serve-1"})
	if len(first.Related) == 0 {
		t.Fatalf("the selfie answer offers no related topic: %+v", first)
	}
	if got := post(httpapi.Request{Message: "1", User: "web-1", Conversation: "serve-1"}); got.Intent != first.Related[0].ID {
		t.Errorf("%q after the selfie answer gave %s %q, want %q", "1", got.Outcome, got.Intent, first.Related[0].ID)
	}
}

// TestServeRecordsAPIFeedback: serve wires POST /v1/feedback to the
// feedback recorder, which logs the vote.
func TestServeRecordsAPIFeedback(t *testing.T) {
	s := serveInProcess(t)
	resp, err := http.Post(s.base+"/v1/feedback", "application/json",
		strings.NewReader(`{"user":"web-1","conversation":"serve-1","intent":"selfie","helpful":false}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	s.stop()
	if s.logs.find(regexp.MustCompile(`msg=feedback adapter=http intent=selfie helpful=false`)) == "" {
		t.Error("serve did not log the vote")
	}
}
