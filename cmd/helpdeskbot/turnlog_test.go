package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

func TestTurnLogShowsTextOnlyAsConfigured(t *testing.T) {
	turn := bot.Turn{
		Message: bot.Message{Text: "passport X12345678 fails, call +1 555 123 4567", User: "U123", Adapter: "slack"},
		Reply:   bot.Reply{Outcome: bot.Answered, Intent: "government-id", Confidence: 0.61234},
		Latency: 3 * time.Microsecond,
	}
	tests := []struct {
		mode      string
		has, hasn []string
	}{
		{"off", []string{"intent=government-id", "outcome=answered", "confidence=0.612", "adapter=slack"}, []string{"text=", "X12345678", "U123"}},
		{"redacted", []string{"[passport number]", "[phone]"}, []string{"X12345678", "555", "U123"}},
		{"full", []string{"X12345678"}, []string{"U123"}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			var out strings.Builder
			l := newTurnLog(slog.New(slog.NewTextHandler(&out, nil)), LogConfig{MessageText: tt.mode, UserHashKey: "k"})
			l.ObserveTurn(context.Background(), turn)
			for _, s := range tt.has {
				if !strings.Contains(out.String(), s) {
					t.Errorf("log lacks %q: %s", s, out.String())
				}
			}
			for _, s := range tt.hasn {
				if strings.Contains(out.String(), s) {
					t.Errorf("log shows %q: %s", s, out.String())
				}
			}
		})
	}
	a := newTurnLog(slog.New(slog.DiscardHandler), LogConfig{UserHashKey: "k"})
	if a.hashUser("slack", "U1") != a.hashUser("slack", "U1") || a.hashUser("slack", "U1") == a.hashUser("discord", "U1") {
		t.Error("user hashes are not stable per platform")
	}
	if newTurnLog(slog.New(slog.DiscardHandler), LogConfig{}).hashUser("slack", "U1") == newTurnLog(slog.New(slog.DiscardHandler), LogConfig{}).hashUser("slack", "U1") {
		t.Error("without a key, two processes give the same hash")
	}
}
