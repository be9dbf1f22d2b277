package httpapi_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
)

// askJSON posts req to h and decodes the response, failing on any status
// but 200.
func askJSON(t *testing.T, h http.Handler, req httpapi.Request) httpapi.Response {
	t.Helper()
	body, _ := json.Marshal(req)
	rec := ask(h, string(body), "")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp httpapi.Response
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	return resp
}

// TestAskRemembersTheConversation: with a conversation id, a number picks
// a choice the previous response offered, and a choice id picks one;
// without it, each message stands alone.
func TestAskRemembersTheConversation(t *testing.T) {
	conversational := bot.WithConversations(bot.NewMemoryConversations(100, nil), 0)
	tests := []struct {
		name   string
		second func(first httpapi.Response) httpapi.Request
	}{
		{"a number", func(httpapi.Response) httpapi.Request {
			return httpapi.Request{Message: "1", User: "web-1", Conversation: "c-1"}
		}},
		{"a choice id", func(first httpapi.Response) httpapi.Request {
			return httpapi.Request{User: "web-1", Conversation: "c-1", Choice: first.Related[0].ID}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := handlerWith(t, httpapi.Config{}, conversational)
			first := askJSON(t, h, httpapi.Request{Message: "stuck on selfie", User: "web-1", Conversation: "c-1"})
			if first.Outcome != bot.Answered || len(first.Related) == 0 {
				t.Fatalf("first reply: %s %s with related %v", first.Outcome, first.Intent, first.Related)
			}
			got := askJSON(t, h, tt.second(first))
			if got.Outcome != bot.Answered || got.Intent != first.Related[0].ID {
				t.Errorf("picking the first related topic answered %s %q, want %q", got.Outcome, got.Intent, first.Related[0].ID)
			}
		})
	}
	t.Run("without a conversation", func(t *testing.T) {
		h := handlerWith(t, httpapi.Config{}, conversational)
		askJSON(t, h, httpapi.Request{Message: "stuck on selfie", User: "web-1"})
		if got := askJSON(t, h, httpapi.Request{Message: "1", User: "web-1"}); got.Outcome == bot.Answered {
			t.Errorf("a lone %q picked %q from a message that stood alone", "1", got.Intent)
		}
	})
}

// TestAskHandsOff: with Config.Handoff the response asks the caller to call
// a person, once as the first; without it, the text says nobody can be
// called and no handoff is asked.
func TestAskHandsOff(t *testing.T) {
	conversational := bot.WithConversations(bot.NewMemoryConversations(100, nil), 0)
	t.Run("configured", func(t *testing.T) {
		h := handlerWith(t, httpapi.Config{Handoff: true}, conversational, bot.WithHandoffQuiet(0))
		var firsts int
		for range 2 {
			resp := askJSON(t, h, httpapi.Request{Message: "can i talk to a real person", User: "web-1", Conversation: "c-2"})
			if resp.Handoff == nil {
				t.Fatalf("no handoff in %s %s: %q", resp.Outcome, resp.Intent, resp.Text)
			}
			if resp.Handoff.Reason != bot.HandoffAsked {
				t.Errorf("handoff reason %q", resp.Handoff.Reason)
			}
			if resp.Handoff.First {
				firsts++
			}
		}
		if firsts != 1 {
			t.Errorf("%d of 2 handoffs said first, want 1", firsts)
		}
	})
	t.Run("not configured", func(t *testing.T) {
		h := handlerWith(t, httpapi.Config{}, conversational)
		resp := askJSON(t, h, httpapi.Request{Message: "can i talk to a real person", User: "web-1", Conversation: "c-3"})
		if resp.Handoff != nil {
			t.Errorf("handoff %+v without a handoff configured", resp.Handoff)
		}
		if !strings.Contains(resp.Text, "can't call a person") {
			t.Errorf("the text does not say nobody can be called: %q", resp.Text)
		}
	})
}

// TestAskRefusesLongConversationIDs: an id longer than 200 bytes is a bad
// request, not a key kept in memory.
func TestAskRefusesLongConversationIDs(t *testing.T) {
	body, _ := json.Marshal(httpapi.Request{Message: "selfie", Conversation: strings.Repeat("x", 201)})
	rec := ask(handler(t, ""), string(body), "")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"error"`) {
		t.Errorf("status %d: %s", rec.Code, rec.Body)
	}
}
