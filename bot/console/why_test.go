package console_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/console"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// fakeMatcher is a bot.Matcher whose matches are whatever MatchFunc says.
type fakeMatcher struct {
	MatchFunc func(text string) bot.Match
}

func (f fakeMatcher) Match(text string) bot.Match { return f.MatchFunc(text) }

// TestTryExplainsTheBotsReason: the question page shows the reason the bot
// gave, in words, with the out-of-scope score and the words it read, all
// from the reply.
func TestTryExplainsTheBotsReason(t *testing.T) {
	k := &bot.Knowledge{Version: "v-fake", Guidance: "Ask them.", Fallback: "Sorry.",
		Topics: []bot.Topic{{ID: "alpha", Title: "Alpha", Answer: "Answer alpha."}, {ID: "beta", Title: "Beta", Answer: "Answer beta."}}}
	tests := []struct {
		name  string
		match bot.Match
		want  []string
	}{
		{
			name:  "confident",
			match: bot.Match{Candidates: []bot.Candidate{{Intent: "alpha", Confidence: 0.9, Among: 0.9}}, Terms: []string{"alph"}, Unknown: []string{"zork"}},
			want:  []string{"alpha was the clear best match", `id="reason">confident<`, "<code>alph</code>", "<code>zork</code>"},
		},
		{
			name:  "out of scope closer",
			match: bot.Match{Candidates: []bot.Candidate{{Intent: "alpha", Confidence: 0.3, Among: 0.3}}, OutOfScope: 0.8},
			want:  []string{"closest to the out-of-scope examples", `id="reason">out-of-scope examples closer<`, `id="out-of-scope">0.80<`},
		},
		{
			name:  "no candidates",
			match: bot.Match{Unknown: []string{"zork"}},
			want:  []string{"no word of the message is used by any topic", `id="reason">no topic matched<`},
		},
		{
			name:  "unsure lone candidate suggested",
			match: bot.Match{Candidates: []bot.Candidate{{Intent: "beta", Confidence: 0.37, Among: 0.37}}},
			want:  []string{"not sure of beta, so it is only suggested first", `id="reason">unsure lone candidate suggested<`},
		},
		{
			name:  "unsure with runners-up",
			match: bot.Match{Candidates: []bot.Candidate{{Intent: "alpha", Confidence: 0.45, Among: 0.45}, {Intent: "beta", Confidence: 0.2, Among: 0.65}}},
			want:  []string{"not sure of alpha, so it is offered with the runners-up", `id="reason">unsure, offered with runners-up<`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			m := fakeMatcher{MatchFunc: func(string) bot.Match { calls++; return tt.match }}
			b, err := bot.NewFrom(m, k, bot.DefaultThresholds())
			if err != nil {
				t.Fatal(err)
			}
			code, body := get(t, console.Handler(console.Sources{Bot: b, SlackPreview: slack.Preview, DiscordPreview: discord.Preview}, ""), "/console/?q="+url.QueryEscape("some question"))
			if code != 200 {
				t.Fatalf("status %d", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			if calls != 1 {
				t.Errorf("the question was matched %d times, want once", calls)
			}
		})
	}
}
