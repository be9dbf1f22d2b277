// Package deps holds what the chat adapters depend on besides their
// configuration, with the defaults they share; each adapter's exported
// options set them.
package deps

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/retry"
)

// Deps are an adapter's dependencies.
type Deps struct {
	HTTPClient *http.Client
	Dialer     *websocket.Dialer // nil: the SDK's default
	Metrics    bot.MetricsSink
	Drain      time.Duration
	RetryDelay func(failures int) time.Duration
	Now        func() time.Time
	// Claims decides which process answers an event.
	Claims bot.Claims
	// Leases, when set, decide which process holds a gateway session,
	// each lease lasting LeaseTTL; nil: this process always holds it.
	Leases   bot.Leases
	LeaseTTL time.Duration
}

// Claims kept in memory by default: for the platforms' retry horizon, at
// most this many.
const claimsSize = 100_000

// New applies set over the defaults: an HTTP client with a 10 s timeout
// that keeps one idle connection per worker, no metrics, a 10 s drain, the
// retry package's delays, time.Now and claims in memory.
func New(workers int, set []func(*Deps)) Deps {
	var d Deps
	for _, s := range set {
		s(&d)
	}
	if d.HTTPClient == nil {
		// One idle connection per worker, so that busy workers reuse their
		// connections to the platform instead of opening new ones.
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = workers
		d.HTTPClient = &http.Client{Timeout: 10 * time.Second, Transport: t}
	}
	if d.Metrics == nil {
		d.Metrics = bot.NoMetrics
	}
	if d.Drain <= 0 {
		d.Drain = 10 * time.Second
	}
	if d.RetryDelay == nil {
		d.RetryDelay = retry.Default
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Claims == nil {
		d.Claims = bot.NewMemoryClaims(bot.DefaultClaimRetention, claimsSize, d.Now)
	}
	return d
}
