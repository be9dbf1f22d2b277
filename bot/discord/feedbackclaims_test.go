package discord_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
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

func (v *votes) count() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.got)
}

// TestFeedbackClickReplayedToTwoReplicasIsRecordedOnce: two endpoints
// share one claims store, as two replicas behind a load balancer; a click
// replayed to both is one vote, and each is acknowledged.
func TestFeedbackClickReplayedToTwoReplicasIsRecordedOnce(t *testing.T) {
	shared := bot.NewMemoryClaims(time.Hour, 100, nil)
	rec := &votes{}
	httpOnly := func(c *discord.Config) { c.HTTPOnly = true }
	replicas := []*harness{
		startWith(t, testkit.NewBot(t, knowledge.FS), rec, httpOnly, discord.WithClaims(shared)),
		startWith(t, testkit.NewBot(t, knowledge.FS), rec, httpOnly, discord.WithClaims(shared)),
	}
	vote := func(id string) map[string]any {
		return interaction(id, 3, map[string]any{"custom_id": "feedback:up:selfie", "component_type": 2}, map[string]any{"id": "M1", "channel_id": "C1"})
	}
	for _, h := range append(replicas, replicas[0]) {
		out := decode(t, h.post(t, vote("I-replayed"), h.key))
		if data, _ := out["data"].(map[string]any); data["content"] != "Thanks for your feedback!" {
			t.Fatalf("response %v", out)
		}
	}
	decode(t, replicas[1].post(t, vote("I-other"), replicas[1].key))
	if n := rec.count(); n != 2 {
		t.Fatalf("%d votes recorded, want 2 (the replayed click once, the other once)", n)
	}
}
