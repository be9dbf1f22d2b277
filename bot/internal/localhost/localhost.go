// Package localhost guards the endpoints that, without a token, trust the
// loopback interface instead: a browser page on another site can reach
// 127.0.0.1 by DNS rebinding (its own name resolving to 127.0.0.1), but its
// requests then carry its own name in the Host header.
package localhost

import (
	"net"
	"net/http"
	"strings"
)

// IsHost reports whether host, a Host header, names the loopback
// interface: localhost or a loopback address (127.0.0.1, [::1]), with or
// without a port.
func IsHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Only serves h to requests whose Host names the loopback interface; the
// others get 403.
func Only(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !IsHost(r.Host) {
			Refuse(w)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Refuse answers a request whose Host is not the loopback interface.
func Refuse(w http.ResponseWriter) {
	http.Error(w, "without api_token this endpoint answers only to localhost, 127.0.0.1 or [::1]", http.StatusForbidden)
}
