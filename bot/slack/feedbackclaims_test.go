package slack_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// votes is a bot.FeedbackRecorder that keeps what it is given.
type votes struct {
	mu  sync.Mutex
	got []bot.Feedback
}

func (v *votes) RecordFeedback(_ context.Context, f bot.Feedback) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.got = append(v.got, f)
	return nil
}

func (v *votes) recorded() []bot.Feedback {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]bot.Feedback(nil), v.got...)
}

// TestFeedbackClickReplayedToTwoReplicasIsRecordedOnce: two adapters share
// one claims store, as two replicas; a click delivered to both, and again
// to the first, is one vote, and another click is another.
func TestFeedbackClickReplayedToTwoReplicasIsRecordedOnce(t *testing.T) {
	shared := bot.NewMemoryClaims(time.Hour, 100, nil)
	rec := &votes{}
	a := startWith(t, testkit.NewBot(t, nil), rec, nil, slack.WithClaims(shared))
	b := startWith(t, testkit.NewBot(t, nil), rec, nil, slack.WithClaims(shared))
	payload := click(a, "feedback:down", "down:selfie", map[string]any{"ts": "2000.1", "type": "message"}, false)
	a.interaction(t, payload)
	b.interaction(t, payload)
	a.interaction(t, payload)
	other := click(b, "feedback:up", "up:selfie", map[string]any{"ts": "2000.1", "type": "message"}, false)
	b.interaction(t, other)
	a.stop() // every click queued is handled once both have stopped
	b.stop()
	got := rec.recorded()
	if len(got) != 2 {
		t.Fatalf("%d votes recorded, want 2 (the replayed click once, the other once): %+v", len(got), got)
	}
	if got[0].Helpful == got[1].Helpful {
		t.Fatalf("votes %+v: want one 👎 and one 👍", got)
	}
}
