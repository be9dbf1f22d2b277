package metrics

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/localhost"
)

// GuardedHandler serves the metrics to requests with token as
// "Authorization: Bearer <token>" (compared in constant time). With no
// token, it answers only requests for localhost (Host localhost, 127.0.0.1
// or [::1]), so that no web page can read them by DNS rebinding.
func (m *Metrics) GuardedHandler(token string) http.Handler {
	h := m.Handler()
	if token == "" {
		return localhost.Only(h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(given), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="helpdeskbot metrics"`)
			http.Error(w, "missing or wrong bearer token", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}
