package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Adapter is POST /v1/ask as a bot.Adapter: it has nothing to run, and
// its endpoint answers at most Config.Concurrency requests at once.
type Adapter struct {
	bot      *bot.Bot
	cfg      Config
	metrics  bot.MetricsSink
	feedback bot.FeedbackRecorder
	log      *slog.Logger
}

// Option sets a dependency of the adapter.
type Option func(*Adapter)

// WithMetrics counts the requests refused while every slot is busy.
func WithMetrics(m bot.MetricsSink) Option {
	return func(a *Adapter) {
		if m != nil {
			a.metrics = m
		}
	}
}

// WithFeedback records the votes of POST /v1/feedback with rec, and logs
// to log the votes it could not record.
func WithFeedback(rec bot.FeedbackRecorder, log *slog.Logger) Option {
	return func(a *Adapter) { a.feedback, a.log = rec, log }
}

// New returns the /v1/ask adapter answering with b.
func New(b *bot.Bot, c Config, opts ...Option) *Adapter {
	a := &Adapter{bot: b, cfg: c, metrics: bot.NoMetrics}
	for _, o := range opts {
		o(a)
	}
	return a
}

// Name is "http", the adapter of the messages it answers.
func (a *Adapter) Name() string { return adapterName }

// adapterName is the Message.Adapter of /v1/ask's messages.
const adapterName = "http"

// Run waits for ctx to end: requests are served by serve's listener, which
// lets those in flight finish.
func (a *Adapter) Run(ctx context.Context) error {
	<-ctx.Done()
	return nil
}

// Mount registers /v1/ on mux.
func (a *Adapter) Mount(mux *http.ServeMux) { mux.Handle("/v1/", a.Handler()) }

// Handler serves POST /v1/ask, refusing with 503 at once what exceeds
// Config.Concurrency (when set).
func (a *Adapter) Handler() http.Handler {
	h := Handler(a.bot, a.cfg, a.feedback, a.log)
	if a.cfg.Concurrency <= 0 {
		return h
	}
	return bounded(h, a.cfg.Concurrency, func() { a.metrics.Shed(adapterName) })
}

// bounded serves at most n requests at once; the others get 503 at once,
// counted by shed, instead of waiting in an unbounded queue.
func bounded(h http.Handler, n int, shed func()) http.Handler {
	slots := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			h.ServeHTTP(w, r)
		default:
			shed()
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "busy: too many requests at once, try again")
		}
	})
}
