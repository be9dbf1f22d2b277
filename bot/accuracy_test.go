package bot_test

import (
	"context"
	"os"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// The accuracy bars of the shipped knowledge, so they never regress.
// dev.tsv is the labelled development set; chat.tsv holds messages written
// the way people write in chat (typos, slang, one word, long paragraphs and
// out-of-scope look-alikes).
func TestShippedKnowledgeAccuracy(t *testing.T) {
	tests := []struct {
		file               string
		inScope, rejection float64
	}{
		{"../testdata/eval/dev.tsv", 0.95, 0.90},
		{"../testdata/eval/chat.tsv", 0.90, 0.90},
	}
	b := newBot(t, shippedIndex(t))
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cases, err := bot.ReadCases(f, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			rep := bot.Evaluate(context.Background(), b, cases)
			t.Logf("in-scope %.1f%% (%d/%d; answered right %d, clarified right first %d), out-of-scope rejected %.1f%% (%d/%d)",
				100*rep.InScopeAccuracy(), rep.TopRight, rep.InScope, rep.AnsweredRight, rep.ClarifiedRight,
				100*rep.RejectionRate(), rep.Rejected, rep.OutOfScope)
			if rep.InScopeAccuracy() < tt.inScope || rep.RejectionRate() < tt.rejection {
				for _, w := range rep.Wrong() {
					t.Logf("line %d: expected %s, got %s (%s %.2f): %s", w.Line, w.Intent, w.Got, w.Outcome, w.Confidence, w.Message)
				}
				t.Fatalf("below the bar: in-scope %.3f (want %.2f), rejection %.3f (want %.2f)",
					rep.InScopeAccuracy(), tt.inScope, rep.RejectionRate(), tt.rejection)
			}
		})
	}
}

// TestShippedExamplesMatchTheirIntent checks that every example in the
// shipped knowledge is answered by its own intent.
func TestShippedExamplesMatchTheirIntent(t *testing.T) {
	ix := shippedIndex(t)
	b := newBot(t, ix)
	for _, in := range ix.Knowledge().Intents {
		for _, ex := range in.Examples {
			r := b.Answer(context.Background(), bot.Message{Text: ex})
			if r.Intent != in.ID || r.Outcome == bot.Fallback {
				t.Errorf("%s: example %q got %s %q (%.2f)", in.File, ex, r.Outcome, r.Intent, r.Confidence)
			}
		}
	}
}
