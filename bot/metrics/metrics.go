// Package metrics exposes the bot's work as Prometheus metrics: turns by
// adapter, outcome and intent, decisions by outcome and reason, handoffs to
// a person, match latency, deliveries, de-duplicated and
// shed events, recovered panics, knowledge reloads and the loaded knowledge,
// and the calls to the shared state store that fell back to memory.
package metrics

import (
	"context"
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Metrics collects the metrics of one process. It implements bot.Observer
// and bot.MetricsSink; it is safe for concurrent use.
type Metrics struct {
	registry      *prometheus.Registry
	messages      *prometheus.CounterVec
	decisions     *prometheus.CounterVec
	latency       prometheus.Histogram
	replies       *prometheus.CounterVec
	deduplicated  *prometheus.CounterVec
	shed          *prometheus.CounterVec
	panics        *prometheus.CounterVec
	limited       *prometheus.CounterVec
	pastReview    *prometheus.CounterVec
	handoffs      *prometheus.CounterVec
	recordsLost   prometheus.Counter
	reloads       prometheus.Counter
	reloadsFailed prometheus.Counter
	knowledge     *prometheus.GaugeVec
	fallbacks     *prometheus.CounterVec
}

// New returns metrics registered in their own registry, with the Go runtime
// and process collectors.
func New() *Metrics {
	r := prometheus.NewRegistry()
	m := &Metrics{
		registry: r,
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_messages_total", Help: "Turns answered, by adapter, outcome and intent.",
		}, []string{"adapter", "outcome", "intent"}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_decisions_total", Help: "Turns by outcome and the reason the bot gave it (confident, too close to call, below the clarify threshold, ...).",
		}, []string{"outcome", "reason"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "helpdesk_answer_seconds", Help: "Time to match a message and build its reply.",
			Buckets: []float64{1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 1e-3, 1e-2},
		}),
		replies: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_replies_total", Help: "Replies delivered to chat platforms, by adapter, result and error code.",
		}, []string{"adapter", "result", "code"}),
		deduplicated: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_events_deduplicated_total", Help: "Events dropped because they were answered already.",
		}, []string{"adapter"}),
		shed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_events_shed_total", Help: "Events refused because every worker was busy.",
		}, []string{"adapter"}),
		panics: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_panics_total", Help: "Panics recovered in adapters' event handlers and workers, by adapter.",
		}, []string{"adapter"}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_rate_limited_total", Help: "People who went over the rate limit (one count per notice).",
		}, []string{"adapter"}),
		pastReview: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_answers_past_review_total", Help: "Answers served after their review_by day, by intent.",
		}, []string{"intent"}),
		handoffs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_handoffs_total", Help: "People called into a conversation (once per conversation), by adapter and reason (asked, chosen, fallbacks).",
		}, []string{"adapter", "reason"}),
		recordsLost: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "helpdesk_analytics_dropped_total", Help: "Turns and feedback not recorded because the write queue was full.",
		}),
		reloads: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "helpdesk_knowledge_reloads_total", Help: "Knowledge reloads that took effect.",
		}),
		reloadsFailed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "helpdesk_knowledge_reloads_failed_total", Help: "Knowledge reloads refused (errors or a failed regression gate).",
		}),
		knowledge: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "helpdesk_knowledge_info", Help: "The knowledge in use: its version (content hash) and number of intents.",
		}, []string{"version", "intents"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "helpdesk_state_fallbacks_total", Help: "Calls to the shared state store that failed and used this process's memory instead, by operation (claim, done, release, get, put, delete).",
		}, []string{"op"}),
	}
	r.MustRegister(m.messages, m.decisions, m.latency, m.replies, m.deduplicated, m.shed, m.panics, m.limited, m.pastReview, m.handoffs, m.recordsLost, m.reloads, m.reloadsFailed, m.knowledge, m.fallbacks,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// ObserveTurn counts a turn and its latency.
func (m *Metrics) ObserveTurn(_ context.Context, t bot.Turn) {
	adapter := t.Message.Adapter
	if adapter == "" {
		adapter = "unknown"
	}
	intent := t.Reply.Label()
	if t.Reply.PastReview {
		m.pastReview.WithLabelValues(t.Reply.Intent).Inc()
	}
	if h := t.Reply.Handoff; h != nil && h.First {
		m.handoffs.WithLabelValues(adapter, string(h.Reason)).Inc()
	}
	if t.Reply.Outcome == bot.Limited && !t.Reply.Silent {
		m.limited.WithLabelValues(adapter).Inc()
	}
	m.messages.WithLabelValues(adapter, string(t.Reply.Outcome), intent).Inc()
	if t.Reply.Reason != "" {
		m.decisions.WithLabelValues(string(t.Reply.Outcome), string(t.Reply.Reason)).Inc()
	}
	m.latency.Observe(t.Latency.Seconds())
}

// Delivered counts a reply sent or failed.
func (m *Metrics) Delivered(adapter, code string) {
	result := "sent"
	if code != "" {
		result = "failed"
	}
	m.replies.WithLabelValues(adapter, result, code).Inc()
}

// Deduplicated counts an event answered already.
func (m *Metrics) Deduplicated(adapter string) { m.deduplicated.WithLabelValues(adapter).Inc() }

// Shed counts an event refused under load.
func (m *Metrics) Shed(adapter string) { m.shed.WithLabelValues(adapter).Inc() }

// Panicked counts a panic recovered in an adapter.
func (m *Metrics) Panicked(adapter string) { m.panics.WithLabelValues(adapter).Inc() }

// KnowledgeLoaded records the knowledge now in use; reload says whether it
// replaced an earlier one.
func (m *Metrics) KnowledgeLoaded(version string, intents int, reload bool) {
	m.knowledge.Reset()
	m.knowledge.WithLabelValues(version, strconv.Itoa(intents)).Set(1)
	if reload {
		m.reloads.Inc()
	}
}

// RecordDropped counts a turn or feedback not recorded under load.
func (m *Metrics) RecordDropped() { m.recordsLost.Inc() }

// StateFallback counts a call to the shared state store that failed, by
// operation.
func (m *Metrics) StateFallback(op string) { m.fallbacks.WithLabelValues(op).Inc() }

// ReloadFailed counts a reload that was refused.
func (m *Metrics) ReloadFailed() { m.reloadsFailed.Inc() }
