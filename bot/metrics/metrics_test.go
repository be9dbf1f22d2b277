package metrics_test

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/metrics"
)

func TestMetricsExposition(t *testing.T) {
	m := metrics.New()
	m.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Adapter: "slack"}, Reply: bot.Reply{Outcome: bot.Answered, Intent: "selfie", Reason: bot.ReasonConfident}, Latency: 3 * time.Microsecond})
	m.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Adapter: "slack"}, Reply: bot.Reply{Outcome: bot.Fallback, Reason: bot.ReasonBelowClarify}})
	m.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Adapter: "discord"}, Reply: bot.Reply{Outcome: bot.Limited}})
	m.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Adapter: "discord"}, Reply: bot.Reply{Outcome: bot.Limited, Silent: true}})
	m.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Adapter: "http"}, Reply: bot.Reply{Outcome: bot.Answered, Intent: "okta", PastReview: true}})
	m.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Adapter: "slack"}, Reply: bot.Reply{Outcome: bot.Clarify, Intent: "selfie", Handoff: &bot.Handoff{Reason: bot.HandoffFallbacks, First: true}}})
	m.ObserveTurn(context.Background(), bot.Turn{Message: bot.Message{Adapter: "slack"}, Reply: bot.Reply{Outcome: bot.Answered, Handoff: &bot.Handoff{Reason: bot.HandoffAsked}}})
	m.Delivered("slack", "")
	m.Delivered("slack", "channel_not_found")
	m.Deduplicated("slack")
	m.Shed("discord")
	m.Panicked("discord")
	m.KnowledgeLoaded("abc", 17, false)
	m.KnowledgeLoaded("def", 18, true)
	m.ReloadFailed()
	m.StateFallback("claim")

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`helpdesk_messages_total{adapter="slack",intent="selfie",outcome="answered"} 1`,
		`helpdesk_messages_total{adapter="slack",intent="none",outcome="fallback"} 1`,
		`helpdesk_decisions_total{outcome="answered",reason="confident"} 1`,
		`helpdesk_decisions_total{outcome="fallback",reason="below the clarify threshold"} 1`,
		`helpdesk_answer_seconds_count 7`,
		`helpdesk_handoffs_total{adapter="slack",reason="fallbacks"} 1`,
		`helpdesk_answers_past_review_total{intent="okta"} 1`,
		`helpdesk_rate_limited_total{adapter="discord"} 1`,
		`helpdesk_replies_total{adapter="slack",code="",result="sent"} 1`,
		`helpdesk_replies_total{adapter="slack",code="channel_not_found",result="failed"} 1`,
		`helpdesk_events_deduplicated_total{adapter="slack"} 1`,
		`helpdesk_events_shed_total{adapter="discord"} 1`,
		`helpdesk_panics_total{adapter="discord"} 1`,
		`helpdesk_knowledge_info{intents="18",version="def"} 1`,
		`helpdesk_knowledge_reloads_total 1`,
		`helpdesk_knowledge_reloads_failed_total 1`,
		`helpdesk_state_fallbacks_total{op="claim"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(string(body), `reason="asked"`) {
		t.Error("a reminder of a handoff already made was counted as a handoff")
	}
	if strings.Contains(string(body), `version="abc"`) {
		t.Error("the replaced knowledge is still reported")
	}
}
