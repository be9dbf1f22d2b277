package metrics_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/metrics"
)

func TestGuardedHandler(t *testing.T) {
	tests := []struct {
		name, token, host, auth string
		want                    int
	}{
		{"token given", "m3trics", "helpdesk.example.com", "Bearer m3trics", http.StatusOK},
		{"no token given", "m3trics", "localhost", "", http.StatusUnauthorized},
		{"wrong token", "m3trics", "localhost", "Bearer nope", http.StatusUnauthorized},
		{"token without Bearer", "m3trics", "localhost", "m3trics", http.StatusUnauthorized},
		{"no token needed on localhost", "", "127.0.0.1:8080", "", http.StatusOK},
		{"no token needed, another name", "", "attacker.example:8080", "", http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
			req.Host = tt.host
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			rec := httptest.NewRecorder()
			metrics.New().GuardedHandler(tt.token).ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d", rec.Code, tt.want)
			}
			if got := strings.Contains(rec.Body.String(), "go_goroutines"); got != (tt.want == http.StatusOK) {
				t.Errorf("metrics shown: %v", got)
			}
		})
	}
}
