package impact

import (
	"strings"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// DefaultRecent is how many of the newest recorded questions of a period
// are compared: enough for a week of a busy help desk's distinct
// questions, bounded so that a check stays within seconds.
const DefaultRecent = 20000

// QuestionsOf returns the texts of the recorded turns that were decisions
// on what a person wrote (answered, clarify, fallback; not a topic picked
// from a button), each redacted again with bot/redact: stores keep the
// text masked already, and whatever comes out of here may be shown.
func QuestionsOf(turns []analytics.Turn) []string {
	out := make([]string, 0, len(turns))
	for _, t := range turns {
		switch bot.Outcome(t.Outcome) {
		case bot.Answered, bot.Clarify, bot.Fallback:
		default:
			continue
		}
		if strings.HasPrefix(t.Text, "[topic ") || strings.TrimSpace(t.Text) == "" {
			continue
		}
		out = append(out, redact.Text(t.Text))
	}
	return out
}
