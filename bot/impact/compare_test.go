package impact_test

import (
	"context"
	"slices"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
)

func TestCompareFixtures(t *testing.T) {
	ctx := context.Background()
	old := version(t, base)
	questions := messages(cases(t, base))
	tests := []struct {
		name string
		edit string
		// changed are the questions that must change, and only they.
		changed []string
		check   func(t *testing.T, r impact.Result, s impact.Summary)
	}{
		{name: "an edit that breaks nothing", edit: harmless, check: func(t *testing.T, r impact.Result, s impact.Summary) {
			if r.Questions != len(questions) || r.Answered != len(questions) {
				t.Errorf("compared %d questions, %d answered by the old version; want %d of each", r.Questions, r.Answered, len(questions))
			}
		}},
		{name: "examples moved between topics", edit: moved,
			changed: []string{"glare on my driving license", "my picture is too dark"},
			check: func(t *testing.T, r impact.Result, s impact.Summary) {
				want := impact.Move{Old: impact.Outcome{Kind: impact.Answered, Topic: "glare"}, New: impact.Outcome{Kind: impact.Answered, Topic: "government-id"},
					Class: impact.Moved, Count: 2, Sample: []string{"glare on my driving license", "my picture is too dark"}}
				if len(s.Moves) != 1 || !equalMove(s.Moves[0], want) {
					t.Errorf("moves %+v, want only %+v", s.Moves, want)
				}
				if s.Moved != 2 || s.NewlyAnswered+s.NewlyFallingBack+s.OutcomeChanged != 0 {
					t.Errorf("summary %+v, want 2 moved and nothing else", s)
				}
				wantTopics := []impact.TopicChange{{Topic: "glare", MovedOut: 2}, {Topic: "government-id", MovedIn: 2}}
				if !slices.Equal(s.Topics, wantTopics) {
					t.Errorf("topics %+v, want %+v", s.Topics, wantTopics)
				}
			}},
		{name: "an edit that changes half the answers", edit: half,
			changed: messages(cases(t, base), "glare", "microsoft-entra", "okta"),
			check: func(t *testing.T, r impact.Result, s impact.Summary) {
				if got := r.ChangedShare(); got != 0.5 {
					t.Errorf("changed share %.3f, want 0.5", got)
				}
				if got := r.AnsweredShare(); got != 0.5 {
					t.Errorf("changed share of the answered questions %.3f, want 0.5", got)
				}
				if s.NewlyFallingBack == 0 || s.Moved+s.NewlyFallingBack != 9 {
					t.Errorf("summary %+v: want the 9 questions of the removed topics moved or falling back", s)
				}
				for _, tc := range s.Topics {
					if tc.Topic == "okta" && tc.MovedOut+tc.NewlyFallingBack != 3 {
						t.Errorf("okta %+v: its 3 questions should all have left it", tc)
					}
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := impact.Compare(ctx, old.Bot, version(t, tt.edit).Bot, questions)
			var got []string
			for _, c := range r.Changes {
				got = append(got, c.Question)
				if c.Old == c.New {
					t.Errorf("%q is listed as changed with the same outcome %v", c.Question, c.Old)
				}
			}
			if !slices.Equal(got, tt.changed) {
				t.Errorf("changed questions %q, want %q", got, tt.changed)
			}
			if r.Changed != len(tt.changed) {
				t.Errorf("Changed = %d, want %d", r.Changed, len(tt.changed))
			}
			tt.check(t, r, impact.Summarize(r, 5))
		})
	}
}

func equalMove(a, b impact.Move) bool {
	return a.Old == b.Old && a.New == b.New && a.Class == b.Class && a.Count == b.Count && slices.Equal(a.Sample, b.Sample)
}

func TestCompareCountsRepeatsOnce(t *testing.T) {
	old, new := version(t, base), version(t, moved)
	qs := []string{"my picture is too dark", "thanks a lot", "my picture is too dark", "my picture is too dark"}
	r := impact.Compare(context.Background(), old.Bot, new.Bot, qs)
	if r.Questions != 4 || r.Distinct != 2 || r.Changed != 3 || r.ChangedAnswered != 3 || r.Answered != 4 {
		t.Errorf("result %+v: want 4 questions, 2 distinct, the 3 repeats changed", r)
	}
	if len(r.Changes) != 1 || r.Changes[0].Count != 3 {
		t.Errorf("changes %+v, want one change asked 3 times", r.Changes)
	}
}

// TestCompareRecordsNothing shows that comparing never counts as turns: a
// bot that reports its turns to analytics reports none while compared.
func TestCompareRecordsNothing(t *testing.T) {
	observed := 0
	count := bot.WithObserver(bot.ObserverFunc(func(context.Context, bot.Turn) { observed++ }))
	v := version(t, base)
	live, err := bot.New(v.Bot.Index(), bot.DefaultThresholds(), count)
	if err != nil {
		t.Fatal(err)
	}
	impact.Compare(context.Background(), live, live, []string{"thanks a lot", "stuck on the selfie step", "okta redirected me"})
	impact.Examples(context.Background(), impact.Version{Knowledge: v.Knowledge, Bot: live}, impact.Version{Knowledge: v.Knowledge, Bot: live})
	impact.CompareTests(context.Background(), live, live, cases(t, base))
	if observed != 0 {
		t.Errorf("comparing told the observer of %d turns", observed)
	}
}

func TestCompareStopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v := version(t, base)
	if r := impact.Compare(ctx, v.Bot, v.Bot, []string{"thanks a lot"}); r.Questions != 0 {
		t.Errorf("a canceled comparison compared %d questions", r.Questions)
	}
}
