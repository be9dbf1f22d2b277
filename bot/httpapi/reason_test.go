package httpapi_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
)

// fakeMatcher is a bot.Matcher whose matches are whatever MatchFunc says.
type fakeMatcher struct {
	MatchFunc func(text string) bot.Match
}

func (f fakeMatcher) Match(text string) bot.Match { return f.MatchFunc(text) }

// TestAskCarriesTheDecision: the response says why the bot answered as it
// did and how close the message was to out of scope, as the bot decided.
func TestAskCarriesTheDecision(t *testing.T) {
	k := &bot.Knowledge{Version: "v1", Guidance: "Ask them.", Fallback: "Sorry.", OutOfScope: "Not here.",
		Topics: []bot.Topic{{ID: "a", Title: "A", Answer: "Answer A."}}}
	tests := []struct {
		name   string
		match  bot.Match
		intent string
		reason string
		oos    float64
	}{
		{"confident", bot.Match{Candidates: []bot.Candidate{{Intent: "a", Confidence: 0.9, Among: 0.9}}, OutOfScope: 0.05}, "a", "confident", 0.05},
		{"out of scope", bot.Match{Candidates: []bot.Candidate{{Intent: "a", Confidence: 0.3, Among: 0.3}}, OutOfScope: 0.7}, "none", "out-of-scope examples closer", 0.7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := bot.NewFrom(fakeMatcher{MatchFunc: func(string) bot.Match { return tt.match }}, k, bot.DefaultThresholds())
			if err != nil {
				t.Fatal(err)
			}
			rec := ask(httpapi.Handler(b, httpapi.Config{}, nil, nil), `{"message":"hello"}`, "")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var resp map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if resp["intent"] != tt.intent || resp["reason"] != tt.reason || resp["out_of_scope"] != tt.oos {
				t.Fatalf("intent %v, reason %v, out_of_scope %v; want %v, %v, %v", resp["intent"], resp["reason"], resp["out_of_scope"], tt.intent, tt.reason, tt.oos)
			}
			cands, _ := resp["candidates"].([]any)
			if len(cands) != 1 || cands[0].(map[string]any)["among"] != tt.match.Candidates[0].Among {
				t.Errorf("candidates %v", resp["candidates"])
			}
		})
	}
}
