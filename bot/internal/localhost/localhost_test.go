package localhost_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/localhost"
)

func TestIsHost(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"localhost", true},
		{"localhost:8080", true},
		{"LocalHost:8080", true},
		{"127.0.0.1", true},
		{"127.0.0.1:8080", true},
		{"127.1.2.3:80", true},
		{"[::1]", true},
		{"[::1]:8080", true},
		{"", false},
		{"attacker.example", false},
		{"attacker.example:8080", false},
		{"localhost.attacker.example", false},
		{"127.0.0.1.attacker.example:8080", false},
		{"10.0.0.1:8080", false},
		{"[::2]:8080", false},
		{"0.0.0.0:8080", false},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			if got := localhost.IsHost(tt.host); got != tt.want {
				t.Errorf("IsHost(%q) = %v, want %v", tt.host, got, tt.want)
			}
		})
	}
}

func TestOnly(t *testing.T) {
	h := localhost.Only(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	for host, want := range map[string]int{"127.0.0.1:8080": http.StatusOK, "attacker.example": http.StatusForbidden} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: %d, want %d", host, rec.Code, want)
		}
	}
}
