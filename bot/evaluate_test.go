package bot_test

import (
	"context"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

func TestEvaluateVerdicts(t *testing.T) {
	ctx := context.Background()
	b := newBot(t, shippedIndex(t))
	clarify := b.Answer(ctx, bot.Message{Text: "verify linkedin account"})
	if clarify.Outcome != bot.Clarify || len(clarify.Choices) < 2 {
		t.Fatalf("\"verify linkedin account\" gave %s with %d choices; the test needs a message that asks to clarify", clarify.Outcome, len(clarify.Choices))
	}
	second := clarify.Choices[1].ID
	cases := []bot.Case{
		{Line: 2, Intent: "selfie", Message: "my selfie keeps failing"},
		{Line: 3, Intent: "nfc", Message: "my selfie keeps failing"},
		{Line: 4, Intent: clarify.Intent, Message: "verify linkedin account"},
		{Line: 5, Intent: second, Message: "verify linkedin account"},
		{Line: 6, Intent: "selfie", Message: "qqzx vvbnm"},
		{Line: 7, Intent: bot.OutOfScope, Message: "qqzx vvbnm"},
		{Line: 8, Intent: bot.OutOfScope, Message: "my selfie keeps failing"},
	}
	want := []struct {
		verdict bot.Verdict
		top     string
	}{
		{bot.AnsweredRight, "selfie"},
		{bot.WrongTopic, "selfie"},
		{bot.ClarifiedRight, clarify.Intent},
		{bot.WrongTopic, clarify.Intent},
		{bot.FellBack, ""},
		{bot.RejectedRight, ""},
		{bot.NotRejected, "selfie"},
	}
	rep := bot.Evaluate(ctx, b, cases)
	for i, res := range rep.Results {
		if res.Verdict != want[i].verdict || res.Top != want[i].top {
			t.Errorf("line %d (%s %q): verdict %s, top %q; want %s, %q", res.Line, res.Intent, res.Message, res.Verdict, res.Top, want[i].verdict, want[i].top)
		}
	}
	if rep.InScope != 5 || rep.AnsweredRight != 1 || rep.ClarifiedRight != 1 || rep.WrongTopic != 2 || rep.FellBack != 1 {
		t.Errorf("in scope %d: answered %d, clarified %d, wrong %d, fell back %d; want 5: 1, 1, 2, 1",
			rep.InScope, rep.AnsweredRight, rep.ClarifiedRight, rep.WrongTopic, rep.FellBack)
	}
	if rep.TopRight != 2 || rep.InScopeAccuracy() != 0.4 || rep.AnsweredRate() != 0.2 || rep.InScopeCorrect != 2 {
		t.Errorf("top right %d (accuracy %v), answered rate %v, correct %d; want 2 (0.4), 0.2, 2",
			rep.TopRight, rep.InScopeAccuracy(), rep.AnsweredRate(), rep.InScopeCorrect)
	}
	if rep.OutOfScope != 2 || rep.Rejected != 1 {
		t.Errorf("out of scope %d, rejected %d; want 2, 1", rep.OutOfScope, rep.Rejected)
	}
	if rep.Elapsed <= 0 || rep.MeanLatency() != rep.Elapsed/7 {
		t.Errorf("elapsed %v, mean %v", rep.Elapsed, rep.MeanLatency())
	}
}
