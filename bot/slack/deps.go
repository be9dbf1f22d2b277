package slack

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/retry"
)

// Option gives the adapter one of its dependencies, beside the plain
// values of its Config.
type Option func(*deps)

// deps are the adapter's dependencies.
type deps struct {
	httpClient *http.Client
	dialer     *websocket.Dialer
	metrics    bot.MetricsSink
	drain      time.Duration
	retryDelay func(failures int) time.Duration
	now        func() time.Time
}

// WithHTTPClient makes the Web API and response URL calls with c; without
// it, a client with a 10 s timeout that keeps a connection per worker.
func WithHTTPClient(c *http.Client) Option { return func(d *deps) { d.httpClient = c } }

// WithWebsocketDialer dials the Socket Mode connection with dialer;
// without it, gorilla's default.
func WithWebsocketDialer(dialer *websocket.Dialer) Option {
	return func(d *deps) { d.dialer = dialer }
}

// WithMetrics counts deliveries, repeats, shed events and panics in m.
func WithMetrics(m bot.MetricsSink) Option { return func(d *deps) { d.metrics = m } }

// WithDrainTimeout bounds how long Run waits, once asked to stop, for the
// answers already queued; without it (or when not positive), 10 seconds.
func WithDrainTimeout(timeout time.Duration) Option { return func(d *deps) { d.drain = timeout } }

// WithRetryDelay is how long Run waits, after the given number of failures
// in a row to reach Slack, before trying again; without it, from 1 s,
// doubling to 2 minutes, with jitter.
func WithRetryDelay(delay func(failures int) time.Duration) Option {
	return func(d *deps) { d.retryDelay = delay }
}

// WithClock is the clock of the adapter's log rate limits; without it,
// time.Now.
func WithClock(now func() time.Time) Option { return func(d *deps) { d.now = now } }

// newDeps applies opts over the defaults; workers sizes the default HTTP
// client's idle connections.
func newDeps(workers int, opts []Option) deps {
	var d deps
	for _, o := range opts {
		o(&d)
	}
	if d.httpClient == nil {
		// One idle connection per worker, so that busy workers reuse their
		// connections to Slack instead of opening new ones.
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = workers
		d.httpClient = &http.Client{Timeout: 10 * time.Second, Transport: t}
	}
	if d.metrics == nil {
		d.metrics = bot.NoMetrics
	}
	if d.drain <= 0 {
		d.drain = 10 * time.Second
	}
	if d.retryDelay == nil {
		d.retryDelay = retry.Default
	}
	if d.now == nil {
		d.now = time.Now
	}
	return d
}
