package reload

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// Gate is one more check of a new version, run after the others pass:
// the problems it returns refuse the version as lint errors do, and the
// last good knowledge keeps answering.
type Gate func(ctx context.Context, current *bot.Bot, next *intents.Index) []string

// ChangeWindow is the period whose recorded questions the change gate
// reads.
const ChangeWindow = 7 * 24 * time.Hour

// gateTopMoves is how many of the largest moves a refusal names.
const gateTopMoves = 3

// ChangeGate refuses a version that changes the outcome or topic of more
// than maxShare of the recorded questions that the knowledge in use
// answers. questions returns the recorded questions since a time, already
// redacted (see impact.QuestionsOf); now tells the time. A version is
// never refused for changing nothing, nor when no question was answered;
// it is refused when the questions cannot be read, since the gate cannot
// tell what it would change.
func ChangeGate(maxShare float64, window time.Duration, questions func(ctx context.Context, since time.Time) ([]string, error), now func() time.Time) Gate {
	return func(ctx context.Context, current *bot.Bot, next *intents.Index) []string {
		qs, err := questions(ctx, now().Add(-window))
		if err != nil {
			return []string{fmt.Sprintf("reload.max_changed_share: cannot read the recorded questions: %v", err)}
		}
		r := impact.Compare(ctx, current, current.Trial(next), qs)
		if r.Answered == 0 || r.AnsweredShare() <= maxShare {
			return nil
		}
		return []string{fmt.Sprintf("reload.max_changed_share: the new version changes %d of the %d questions answered in the last %s (%.1f%%), more than %.1f%%; %s",
			r.ChangedAnswered, r.Answered, windowText(window), 100*r.AnsweredShare(), 100*maxShare, topMoves(impact.Summarize(r, 0)))}
	}
}

// topMoves names the largest moves of answered questions: "glare ->
// government-id 12, okta -> fallback 3".
func topMoves(s impact.Summary) string {
	var parts []string
	for _, m := range s.Moves {
		if m.Old.Kind != impact.Answered {
			continue
		}
		to := m.New.String()
		if m.New.HasTopic() && m.New.Kind == impact.Answered {
			to = m.New.Topic
		}
		parts = append(parts, fmt.Sprintf("%s -> %s %d", m.Old.Topic, to, m.Count))
		if len(parts) == gateTopMoves {
			break
		}
	}
	return "most moved: " + strings.Join(parts, ", ")
}

// windowText writes a window in days when it is whole days.
func windowText(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return d.String()
}
