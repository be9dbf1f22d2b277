package impact_test

import (
	"slices"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
)

func answered(topic string) impact.Outcome {
	return impact.Outcome{Kind: impact.Answered, Topic: topic}
}
func clarify(topic string) impact.Outcome { return impact.Outcome{Kind: impact.Clarify, Topic: topic} }

var (
	fallback   = impact.Outcome{Kind: impact.Fallback}
	outOfScope = impact.Outcome{Kind: impact.OutOfScope}
)

func TestSummarize(t *testing.T) {
	r := impact.Result{Changes: []impact.Change{
		{Question: "a1", Count: 1, Old: answered("a"), New: answered("b")},
		{Question: "a2", Count: 4, Old: answered("a"), New: answered("b")},
		{Question: "f1", Count: 2, Old: fallback, New: answered("c")},
		{Question: "c1", Count: 1, Old: answered("c"), New: outOfScope},
		{Question: "c2", Count: 1, Old: clarify("c"), New: answered("c")},
		{Question: "o1", Count: 3, Old: fallback, New: outOfScope},
		{Question: "a3", Count: 1, Old: answered("a"), New: answered("b")},
		{Question: "a4", Count: 1, Old: answered("a"), New: answered("b")},
	}}
	s := impact.Summarize(r, 3)
	if s.Moved != 7 || s.NewlyAnswered != 2 || s.NewlyFallingBack != 1 || s.OutcomeChanged != 4 {
		t.Errorf("classes: moved %d, newly answered %d, newly falling back %d, outcome changed %d; want 7, 2, 1, 4",
			s.Moved, s.NewlyAnswered, s.NewlyFallingBack, s.OutcomeChanged)
	}
	var moves []string
	for _, m := range s.Moves {
		moves = append(moves, m.Old.String()+" -> "+m.New.String())
	}
	wantMoves := []string{"answered a -> answered b", "fallback -> out of scope", "fallback -> answered c", "answered c -> out of scope", "clarify c -> answered c"}
	if !slices.Equal(moves, wantMoves) {
		t.Errorf("moves %q, want %q", moves, wantMoves)
	}
	if m := s.Moves[0]; m.Count != 7 || !slices.Equal(m.Sample, []string{"a2", "a1", "a3"}) || m.Class != impact.Moved {
		t.Errorf("first move %+v: want 7 questions, a sample of the most asked first, class moved", m)
	}
	wantTopics := []impact.TopicChange{
		{Topic: "a", MovedOut: 7}, {Topic: "b", MovedIn: 7}, {Topic: "c", NewlyAnswered: 2, NewlyFallingBack: 1, OutcomeChanged: 1},
	}
	if !slices.Equal(s.Topics, wantTopics) {
		t.Errorf("topics %+v, want %+v", s.Topics, wantTopics)
	}
	var sample []string
	for _, c := range s.Sample {
		sample = append(sample, c.Question)
	}
	if want := []string{"a2", "o1", "f1"}; !slices.Equal(sample, want) {
		t.Errorf("sample %q, want the 3 most asked %q", sample, want)
	}
}

func TestSummarizeNothing(t *testing.T) {
	s := impact.Summarize(impact.Result{}, 10)
	if s.Moves == nil || s.Topics == nil || s.Sample == nil || len(s.Moves)+len(s.Topics)+len(s.Sample) != 0 {
		t.Errorf("summary of no change %+v: want empty, non-nil lists (JSON [] rather than null)", s)
	}
}

func TestOutcomeOf(t *testing.T) {
	tests := []struct {
		name  string
		reply bot.Reply
		want  impact.Outcome
		text  string
	}{
		{"answered", bot.Reply{Outcome: bot.Answered, Intent: "selfie"}, answered("selfie"), "answered selfie"},
		{"clarify", bot.Reply{Outcome: bot.Clarify, Intent: "nfc"}, clarify("nfc"), "clarify nfc"},
		{"fallback", bot.Reply{Outcome: bot.Fallback, Reason: bot.ReasonBelowClarify}, fallback, "fallback"},
		{"fallback suggesting a topic", bot.Reply{Outcome: bot.Fallback, Reason: bot.ReasonUnsureLoneSuggested}, fallback, "fallback"},
		{"out of scope", bot.Reply{Outcome: bot.Fallback, Reason: bot.ReasonOutOfScope}, outOfScope, "out of scope"},
		{"guarded", bot.Reply{Outcome: bot.Guarded}, impact.Outcome{Kind: "guarded"}, "guarded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := impact.OutcomeOf(tt.reply)
			if got != tt.want || got.String() != tt.text {
				t.Errorf("OutcomeOf = %+v (%q), want %+v (%q)", got, got.String(), tt.want, tt.text)
			}
		})
	}
}

func TestQuestionsOf(t *testing.T) {
	turns := []analytics.Turn{
		{Outcome: "answered", Text: "selfie fails"},
		{Outcome: "answered", Text: "[topic selfie]"},
		{Outcome: "guarded", Text: "my passport is [passport number]"},
		{Outcome: "limited", Text: "again"},
		{Outcome: "clarify", Text: "card 4111 1111 1111 1111 declined"},
		{Outcome: "fallback", Text: "   "},
		{Outcome: "fallback", Text: "weather today"},
	}
	got := impact.QuestionsOf(turns)
	want := []string{"selfie fails", "card [card number] declined", "weather today"}
	if !slices.Equal(got, want) {
		t.Errorf("QuestionsOf = %q, want %q", got, want)
	}
}
