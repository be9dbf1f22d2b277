package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// fakeChannelAdapter is a bot.ChannelAdapter whose unseen channels are
// whatever UnseenFunc says.
type fakeChannelAdapter struct {
	name       string
	UnseenFunc func() []string
}

func (f fakeChannelAdapter) Name() string                  { return f.name }
func (f fakeChannelAdapter) Run(ctx context.Context) error { <-ctx.Done(); return nil }
func (f fakeChannelAdapter) UnseenChannels() []string      { return f.UnseenFunc() }

// TestReadyNamesUnseenChannels: /readyz stays 200 and names, after
// "ready", the configured channels each adapter found it cannot see.
func TestReadyNamesUnseenChannels(t *testing.T) {
	tests := []struct {
		name     string
		adapters []bot.Adapter
		want     string
	}{
		{name: "none unseen", want: "ready\n", adapters: []bot.Adapter{
			fakeChannelAdapter{name: "slack", UnseenFunc: func() []string { return nil }},
		}},
		{name: "both platforms", want: "ready\nchannels the bot cannot see: slack:CGONE, discord:20, discord:40\n", adapters: []bot.Adapter{
			fakeChannelAdapter{name: "slack", UnseenFunc: func() []string { return []string{"CGONE"} }},
			fakeChannelAdapter{name: "discord", UnseenFunc: func() []string { return []string{"20", "40"} }},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &server{adapters: tt.adapters}
			rec := httptest.NewRecorder()
			s.serveReady(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			if rec.Code != http.StatusOK || rec.Body.String() != tt.want {
				t.Fatalf("/readyz: %d %q, want 200 %q", rec.Code, rec.Body.String(), tt.want)
			}
		})
	}
}
