package discord

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/internal/deps"
)

// Option gives the adapter one of its dependencies, beside the plain
// values of its Config.
type Option func(*deps.Deps)

// WithHTTPClient makes the REST calls with c; without
// it, a client with a 10 s timeout that keeps a connection per worker.
func WithHTTPClient(c *http.Client) Option { return func(d *deps.Deps) { d.HTTPClient = c } }

// WithWebsocketDialer dials the gateway with dialer;
// without it, discordgo's default.
func WithWebsocketDialer(dialer *websocket.Dialer) Option {
	return func(d *deps.Deps) { d.Dialer = dialer }
}

// WithMetrics counts deliveries, repeats, shed events and panics in m.
func WithMetrics(m bot.MetricsSink) Option { return func(d *deps.Deps) { d.Metrics = m } }

// WithDrainTimeout bounds how long Run waits, once asked to stop, for the
// answers already queued; without it (or when not positive), 10 seconds.
func WithDrainTimeout(timeout time.Duration) Option { return func(d *deps.Deps) { d.Drain = timeout } }

// WithRetryDelay is how long Run waits, after the given number of failures
// in a row to reach Discord, before trying again; without it, from 1 s,
// doubling to 2 minutes, with jitter.
func WithRetryDelay(delay func(failures int) time.Duration) Option {
	return func(d *deps.Deps) { d.RetryDelay = delay }
}

// WithClock is the clock that signed timestamps and log rate limits are
// checked against; without it, time.Now.
func WithClock(now func() time.Time) Option { return func(d *deps.Deps) { d.Now = now } }

// WithClaims decides with c which process answers an event, so that
// several replicas sharing c answer each event once; without it, claims in
// this process's memory.
func WithClaims(c bot.Claims) Option { return func(d *deps.Deps) { d.Claims = c } }

// DefaultGatewayLease is how long a replica's hold on the gateway lasts
// unless renewed: it renews every third of it, and a replica standing by
// tries as often, so that it takes over within 8 s of the holder's death.
const DefaultGatewayLease = 6 * time.Second

// WithGatewayLease holds the gateway session only while this process
// holds its lease in l, renewed every third of ttl
// (DefaultGatewayLease when not positive): of several replicas sharing l,
// one connects to the gateway and the others stand by, taking over when
// its holder stops (at once) or dies (once its lease runs out). Without
// it, the process always connects.
func WithGatewayLease(l bot.Leases, ttl time.Duration) Option {
	return func(d *deps.Deps) {
		if ttl <= 0 {
			ttl = DefaultGatewayLease
		}
		d.Leases, d.LeaseTTL = l, ttl
	}
}

// newDeps applies opts over the shared defaults.
func newDeps(workers int, opts []Option) deps.Deps {
	set := make([]func(*deps.Deps), len(opts))
	for i, o := range opts {
		set[i] = o
	}
	return deps.New(workers, set)
}
