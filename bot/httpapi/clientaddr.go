package httpapi

import (
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the address a request came from, as a rate-limit key. The
// peer is the client unless it is a trusted proxy; then X-Forwarded-For is
// read from the right (each proxy appends the address it saw), skipping
// trusted proxies, and the first untrusted hop is the client: what a
// client writes further left is never believed. An IPv6 client counts as
// its /64, since one host can hold a whole /64.
func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr // not ip:port: nothing to trust, a key all the same
	}
	client := peer.Addr().Unmap()
	if !isTrusted(client, trusted) {
		return key(client)
	}
	hops := r.Header.Values("X-Forwarded-For")
	for i := len(hops) - 1; i >= 0; i-- {
		parts := strings.Split(hops[i], ",")
		for j := len(parts) - 1; j >= 0; j-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(parts[j]))
			if err != nil {
				// A trusted proxy writes addresses; this one did not come from
				// one, so the last trusted hop is all we know.
				return key(client)
			}
			client = hop.Unmap()
			if !isTrusted(client, trusted) {
				return key(client)
			}
		}
	}
	return key(client)
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func key(a netip.Addr) string {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}
