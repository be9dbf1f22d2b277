package discord

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// rebase sends discordgo's REST requests, which it builds against Discord's
// address, to another base URL (a rate-limit proxy, or a test's fake). It
// changes nothing global: each session gets its own client.
type rebase struct {
	from string // discordgo's API base
	to   *url.URL
	next http.RoundTripper
}

func (t rebase) RoundTrip(r *http.Request) (*http.Response, error) {
	if rest, ok := strings.CutPrefix(r.URL.String(), t.from); ok {
		target, err := t.to.Parse(rest)
		if err != nil {
			return nil, err
		}
		r = r.Clone(r.Context())
		r.URL = target
		r.Host = target.Host
	}
	return t.next.RoundTrip(r)
}

// restClient is the HTTP client of a session: base, sending REST calls to
// apiURL.
func restClient(base *http.Client, apiURL string) *http.Client {
	if apiURL == discordgo.EndpointAPI {
		return base
	}
	to, _ := url.Parse(apiURL) // validated
	next := base.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c := *base
	c.Transport = rebase{from: discordgo.EndpointAPI, to: to, next: next}
	return &c
}
