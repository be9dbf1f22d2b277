package slack_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// panicCounter counts recovered panics and nothing else.
type panicCounter struct {
	bot.MetricsSink
	n atomic.Int32
}

func (p *panicCounter) Panicked(string) { p.n.Add(1) }

// TestPanicInAWorkerIsLoggedAndCounted: a click whose handling panics is
// logged with its stack and counted; the next message is still answered.
func TestPanicInAWorkerIsLoggedAndCounted(t *testing.T) {
	panics := &panicCounter{MetricsSink: bot.NoMetrics}
	h := start(t, nil, slack.WithMetrics(panics))
	h.interaction(t, click(h, "feedback:up", "up:panic", map[string]any{"ts": "2000.1", "type": "message"}, false))
	testkit.WaitFor(t, "the panic to be counted", func() bool { return panics.n.Load() == 1 })
	if logs := h.logs.String(); !strings.Contains(logs, "feedback recorder panicked") || !strings.Contains(logs, "stack=") {
		t.Fatalf("the panic is not logged with its stack:\n%s", logs)
	}
	h.marker(t, 1)
}
