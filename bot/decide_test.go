package bot_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// fakeMatcher is a bot.Matcher whose matches are whatever MatchFunc says.
type fakeMatcher struct {
	MatchFunc func(text string) bot.Match
}

func (f fakeMatcher) Match(text string) bot.Match { return f.MatchFunc(text) }

// fakeKnowledge has three topics, a fallback with one suggested topic and an
// out-of-scope text, each text unlike the others.
func fakeKnowledge() *bot.Knowledge {
	return &bot.Knowledge{
		Version:        "v-fake",
		Guidance:       "Ask the organization.",
		Fallback:       "Sorry, I don't know.",
		Clarify:        "Which one?",
		OutOfScope:     "I only help with verification.",
		FallbackTopics: []string{"c"},
		Topics: []bot.Topic{
			{ID: "a", Title: "Topic A", Answer: "Answer A.", Contact: "Write to A.", Related: []string{"b", "gone"}},
			{ID: "b", Title: "Topic B", Answer: "Answer B."},
			{ID: "c", Title: "Topic C", Answer: "Answer C."},
		},
	}
}

func cand(id string, confidence, among float64) bot.Candidate {
	return bot.Candidate{Intent: id, Confidence: confidence, Among: among, Example: "an example of " + id}
}

// TestDecideBranches drives every rule of the decision with a fake matcher
// under the default thresholds (answer 0.5, clarify 0.35, margin 0.6) and
// checks the outcome and the reason the reply carries.
func TestDecideBranches(t *testing.T) {
	tests := []struct {
		name    string
		match   bot.Match
		outcome bot.Outcome
		reason  bot.Reason
		intent  string
		body    string
		choices []string
	}{
		{
			name:    "out-of-scope examples closer than the best topic",
			match:   bot.Match{Candidates: []bot.Candidate{cand("a", 0.6, 0.6)}, OutOfScope: 0.6},
			outcome: bot.Fallback, reason: bot.ReasonOutOfScope, body: "I only help with verification.", choices: []string{"c"},
		},
		{
			name:    "out of scope with no topic at all",
			match:   bot.Match{OutOfScope: 0.2},
			outcome: bot.Fallback, reason: bot.ReasonOutOfScope, body: "I only help with verification.", choices: []string{"c"},
		},
		{
			name:    "no candidates",
			match:   bot.Match{Unknown: []string{"zzz"}},
			outcome: bot.Fallback, reason: bot.ReasonNoCandidates, body: "Sorry, I don't know.", choices: []string{"c"},
		},
		{
			name:    "two topics too close to call",
			match:   bot.Match{Candidates: []bot.Candidate{cand("a", 0.5, 0.5), cand("b", 0.4, 0.9), cand("c", 0.05, 0.95)}},
			outcome: bot.Clarify, reason: bot.ReasonTooClose, intent: "a", body: "Which one?", choices: []string{"a", "b"},
		},
		{
			name:    "close topics that together are still unlikely",
			match:   bot.Match{Candidates: []bot.Candidate{cand("a", 0.3, 0.3), cand("b", 0.25, 0.3)}},
			outcome: bot.Fallback, reason: bot.ReasonBelowClarify, body: "Sorry, I don't know.", choices: []string{"c"},
		},
		{
			name:    "best topic below the clarify threshold",
			match:   bot.Match{Candidates: []bot.Candidate{cand("a", 0.2, 0.2)}},
			outcome: bot.Fallback, reason: bot.ReasonBelowClarify, body: "Sorry, I don't know.", choices: []string{"c"},
		},
		{
			name:    "unsure and nearly as close to out of scope",
			match:   bot.Match{Candidates: []bot.Candidate{cand("a", 0.45, 0.45)}, OutOfScope: 0.35},
			outcome: bot.Fallback, reason: bot.ReasonUnsureNearOutOfScope, body: "Sorry, I don't know.", choices: []string{"c"},
		},
		{
			name:    "confident",
			match:   bot.Match{Candidates: []bot.Candidate{cand("a", 0.9, 0.9), cand("b", 0.05, 0.95)}, OutOfScope: 0.1},
			outcome: bot.Answered, reason: bot.ReasonConfident, intent: "a", body: "Answer A.",
		},
		{
			name:    "unsure, offered with a half-plausible runner-up",
			match:   bot.Match{Candidates: []bot.Candidate{cand("a", 0.45, 0.45), cand("b", 0.2, 0.65)}},
			outcome: bot.Clarify, reason: bot.ReasonUnsureRunnersUp, intent: "a", body: "Which one?", choices: []string{"a", "b"},
		},
		{
			name:    "unsure lone candidate under the answer threshold is not answered",
			match:   bot.Match{Candidates: []bot.Candidate{cand("b", 0.48, 0.48), cand("a", 0.1, 0.58)}},
			outcome: bot.Fallback, reason: bot.ReasonUnsureLoneSuggested, body: "Sorry, I don't know.", choices: []string{"b", "c"},
		},
		{
			name:    "unsure lone candidate only suggested",
			match:   bot.Match{Candidates: []bot.Candidate{cand("b", 0.37, 0.37)}},
			outcome: bot.Fallback, reason: bot.ReasonUnsureLoneSuggested, body: "Sorry, I don't know.", choices: []string{"b", "c"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asked string
			m := fakeMatcher{MatchFunc: func(text string) bot.Match { asked = text; return tt.match }}
			b, err := bot.NewFrom(m, fakeKnowledge(), bot.DefaultThresholds())
			if err != nil {
				t.Fatal(err)
			}
			r := b.Answer(context.Background(), bot.Message{Text: "the message"})
			if asked != "the message" {
				t.Errorf("matcher asked %q", asked)
			}
			if r.Outcome != tt.outcome || r.Reason != tt.reason || r.Intent != tt.intent {
				t.Fatalf("got %s (%s) %q, want %s (%s) %q", r.Outcome, r.Reason, r.Intent, tt.outcome, tt.reason, tt.intent)
			}
			if r.Body != tt.body {
				t.Errorf("body %q, want %q", r.Body, tt.body)
			}
			var choices []string
			for _, c := range r.Choices {
				choices = append(choices, c.ID)
			}
			if !slices.Equal(choices, tt.choices) {
				t.Errorf("choices %v, want %v", choices, tt.choices)
			}
			// The evidence is carried on the reply as the matcher gave it.
			if !slices.Equal(r.Candidates, tt.match.Candidates) || r.OutOfScope != tt.match.OutOfScope || !slices.Equal(r.Unknown, tt.match.Unknown) {
				t.Errorf("evidence %+v / %v / %v, want %+v / %v / %v", r.Candidates, r.OutOfScope, r.Unknown, tt.match.Candidates, tt.match.OutOfScope, tt.match.Unknown)
			}
			if r.KnowledgeVersion != "v-fake" || !strings.HasSuffix(r.Text(), "Ask the organization.") {
				t.Errorf("version %q, text %q", r.KnowledgeVersion, r.Text())
			}
			want := tt.intent
			if tt.outcome == bot.Fallback {
				want = bot.OutOfScope
			}
			if r.Label() != want {
				t.Errorf("label %q, want %q", r.Label(), want)
			}
		})
	}
}

// TestDecideAnswerCarriesTheTopic: an answer from a fake matcher has its
// topic's title, contact line and the related topics the knowledge has.
func TestDecideAnswerCarriesTheTopic(t *testing.T) {
	m := fakeMatcher{MatchFunc: func(string) bot.Match {
		return bot.Match{Candidates: []bot.Candidate{cand("a", 0.9, 0.9)}}
	}}
	b, err := bot.NewFrom(m, fakeKnowledge(), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	r := b.Answer(context.Background(), bot.Message{Text: "a"})
	if r.Title != "Topic A" || r.Contact != "Write to A." || len(r.Related) != 1 || r.Related[0] != (bot.Choice{ID: "b", Title: "Topic B"}) {
		t.Fatalf("answer %+v", r)
	}
}

// TestReasonsBesideMatching: the outcomes that are not decided on a match
// carry their own reasons.
func TestReasonsBesideMatching(t *testing.T) {
	confident := func(string) bot.Match { return bot.Match{Candidates: []bot.Candidate{cand("a", 0.9, 0.9)}} }
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		match   func(string) bot.Match
		opts    []bot.Option
		answer  func(b *bot.Bot) bot.Reply
		outcome bot.Outcome
		reason  bot.Reason
	}{
		{
			name: "topic picked", match: confident,
			answer:  func(b *bot.Bot) bot.Reply { return b.AnswerIntent(context.Background(), "b") },
			outcome: bot.Answered, reason: bot.ReasonPicked,
		},
		{
			name: "unknown topic picked", match: confident,
			answer:  func(b *bot.Bot) bot.Reply { return b.AnswerIntent(context.Background(), "nope") },
			outcome: bot.Fallback, reason: bot.ReasonUnknownTopic,
		},
		{
			name: "personal data in public", match: confident,
			answer: func(b *bot.Bot) bot.Reply {
				return b.Answer(context.Background(), bot.Message{Text: "here it is", Public: true, Images: 1})
			},
			outcome: bot.Guarded, reason: bot.ReasonPersonalData,
		},
		{
			name: "rate limited", match: confident, opts: []bot.Option{bot.WithRateLimit(1, 1)},
			answer: func(b *bot.Bot) bot.Reply {
				b.Answer(context.Background(), bot.Message{Text: "a", User: "u"})
				return b.Answer(context.Background(), bot.Message{Text: "a", User: "u"})
			},
			outcome: bot.Limited, reason: bot.ReasonRateLimited,
		},
		{
			name: "canceled", match: confident,
			answer:  func(b *bot.Bot) bot.Reply { return b.Answer(canceled, bot.Message{Text: "a"}) },
			outcome: bot.Failed, reason: bot.ReasonCanceled,
		},
		{
			name: "matcher panics", match: func(string) bot.Match { panic("broken matcher") },
			answer:  func(b *bot.Bot) bot.Reply { return b.Answer(context.Background(), bot.Message{Text: "a"}) },
			outcome: bot.Failed, reason: bot.ReasonInternalError,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := bot.NewFrom(fakeMatcher{MatchFunc: tt.match}, fakeKnowledge(), bot.DefaultThresholds(), tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			r := tt.answer(b)
			if r.Outcome != tt.outcome || r.Reason != tt.reason {
				t.Fatalf("got %s (%s), want %s (%s)", r.Outcome, r.Reason, tt.outcome, tt.reason)
			}
			if tt.reason.String() == "" {
				t.Error("reason has no words")
			}
		})
	}
}

func TestNewFromNeedsMatcherAndKnowledge(t *testing.T) {
	m := fakeMatcher{MatchFunc: func(string) bot.Match { return bot.Match{} }}
	if _, err := bot.NewFrom(nil, fakeKnowledge(), bot.DefaultThresholds()); !errors.Is(err, bot.ErrNoKnowledge) {
		t.Errorf("no matcher: %v", err)
	}
	if _, err := bot.NewFrom(m, nil, bot.DefaultThresholds()); !errors.Is(err, bot.ErrNoKnowledge) {
		t.Errorf("no knowledge: %v", err)
	}
	b, err := bot.NewFrom(m, fakeKnowledge(), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	if b.Index() != nil {
		t.Error("a bot made from a matcher has an index")
	}
}

// TestQuietAnswersAlikeAndTellsNoOne: a quiet bot answers as its bot does,
// from the same matcher and knowledge, without observers or rate limits.
func TestQuietAnswersAlikeAndTellsNoOne(t *testing.T) {
	observed := 0
	m := fakeMatcher{MatchFunc: func(string) bot.Match { return bot.Match{Candidates: []bot.Candidate{cand("a", 0.9, 0.9)}} }}
	b, err := bot.NewFrom(m, fakeKnowledge(), bot.DefaultThresholds(), bot.WithRateLimit(1, 1),
		bot.WithObserver(bot.ObserverFunc(func(context.Context, bot.Turn) { observed++ })))
	if err != nil {
		t.Fatal(err)
	}
	q := b.Quiet()
	if q.Knowledge() != b.Knowledge() {
		t.Error("the quiet bot has other knowledge")
	}
	for range 3 {
		if r := q.Answer(context.Background(), bot.Message{Text: "a", User: "u"}); r.Outcome != bot.Answered || r.Reason != bot.ReasonConfident {
			t.Fatalf("quiet answer %s (%s)", r.Outcome, r.Reason)
		}
	}
	if observed != 0 {
		t.Errorf("%d turns observed", observed)
	}
	var zero bot.Bot
	if zero.Index() != nil || zero.Matcher() != nil || zero.Knowledge() != nil {
		t.Error("a bot without knowledge reports some")
	}
}
