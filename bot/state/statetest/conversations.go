package statetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// ConversationStore is a bot.ConversationStore under test. Sweep deletes
// the expired conversations and returns how many it deleted.
type ConversationStore interface {
	bot.ConversationStore
	Sweep(ctx context.Context) (int64, error)
}

// NewConversations returns a fresh, empty store that tells time by now.
type NewConversations func(t *testing.T, now func() time.Time) ConversationStore

// RunConversations runs the conversation store conformance suite on the
// stores newStore makes.
func RunConversations(t *testing.T, newStore NewConversations) {
	ctx := context.Background()
	fresh := func(t *testing.T) (ConversationStore, *Clock) {
		clock := NewClock()
		return newStore(t, clock.Now), clock
	}
	t.Run("put then get keeps every field", func(t *testing.T) {
		s, clock := fresh(t)
		want := fullState(clock.Now())
		must(t, s.Put(ctx, "slack:T1:C1:1000.1", want, time.Minute))
		got, ok, err := s.Get(ctx, "slack:T1:C1:1000.1")
		if err != nil || !ok {
			t.Fatalf("Get = %v, %v", ok, err)
		}
		if !got.HandoffAt.Equal(want.HandoffAt) {
			t.Fatalf("HandoffAt = %v, want %v", got.HandoffAt, want.HandoffAt)
		}
		got.HandoffAt, want.HandoffAt = time.Time{}, time.Time{}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Get = %+v\nwant  %+v", got, want)
		}
	})
	t.Run("an unknown key has no state", func(t *testing.T) {
		s, _ := fresh(t)
		if _, ok, err := s.Get(ctx, "nobody"); ok || err != nil {
			t.Fatalf("Get = %v, %v", ok, err)
		}
	})
	t.Run("expires after its ttl", func(t *testing.T) {
		s, clock := fresh(t)
		must(t, s.Put(ctx, "short", bot.ConversationState{Last: "a"}, time.Minute))
		must(t, s.Put(ctx, "long", bot.ConversationState{Last: "b"}, time.Hour))
		clock.Advance(59 * time.Second)
		if _, ok, _ := s.Get(ctx, "short"); !ok {
			t.Fatal("expired before its ttl")
		}
		clock.Advance(time.Second)
		if _, ok, _ := s.Get(ctx, "short"); ok {
			t.Fatal("still there after its ttl")
		}
		if _, ok, _ := s.Get(ctx, "long"); !ok {
			t.Fatal("the longer one expired too")
		}
	})
	t.Run("a put replaces the state and renews the ttl", func(t *testing.T) {
		s, clock := fresh(t)
		must(t, s.Put(ctx, "k", bot.ConversationState{Last: "a", Topics: []string{"a"}}, time.Minute))
		clock.Advance(50 * time.Second)
		must(t, s.Put(ctx, "k", bot.ConversationState{Last: "b"}, time.Minute))
		clock.Advance(50 * time.Second)
		got, ok, err := s.Get(ctx, "k")
		if err != nil || !ok || got.Last != "b" || len(got.Topics) != 0 {
			t.Fatalf("Get = %+v, %v, %v; want the renewed state", got, ok, err)
		}
	})
	t.Run("delete", func(t *testing.T) {
		s, _ := fresh(t)
		must(t, s.Put(ctx, "k", bot.ConversationState{Last: "a"}, time.Hour))
		must(t, s.Delete(ctx, "k"))
		must(t, s.Delete(ctx, "never there"))
		if _, ok, err := s.Get(ctx, "k"); ok || err != nil {
			t.Fatalf("deleted state: Get = %v, %v", ok, err)
		}
	})
	t.Run("the caller's slices are not shared", func(t *testing.T) {
		s, clock := fresh(t)
		st := fullState(clock.Now())
		must(t, s.Put(ctx, "k", st, time.Minute))
		st.Topics[0] = "changed"
		got, _, _ := s.Get(ctx, "k")
		got.Offered[0].ID = "changed too"
		again, _, _ := s.Get(ctx, "k")
		if again.Topics[0] != "selfie" || again.Offered[0].ID != "selfie-retry" {
			t.Fatalf("state changed through a caller's slice: %+v", again)
		}
	})
	t.Run("sweep deletes the expired conversations", func(t *testing.T) {
		s, clock := fresh(t)
		must(t, s.Put(ctx, "gone1", bot.ConversationState{}, time.Minute))
		must(t, s.Put(ctx, "gone2", bot.ConversationState{}, 2*time.Minute))
		must(t, s.Put(ctx, "kept", bot.ConversationState{Last: "kept"}, time.Hour))
		clock.Advance(2 * time.Minute)
		n, err := s.Sweep(ctx)
		if err != nil || n != 2 {
			t.Fatalf("Sweep = %d, %v; want 2", n, err)
		}
		if got, ok, _ := s.Get(ctx, "kept"); !ok || got.Last != "kept" {
			t.Fatal("Sweep deleted a conversation that had not expired")
		}
	})
}

// fullState is a state with every field set.
func fullState(now time.Time) bot.ConversationState {
	return bot.ConversationState{
		Topics:    []string{"selfie", "glare"},
		Last:      "glare",
		Runners:   []string{"lighting", "camera"},
		Offered:   []bot.Choice{{ID: "selfie-retry", Title: "Retry the selfie"}, {ID: "nfc", Title: "NFC chip"}},
		Fallbacks: 1,
		Turns:     3,
		HandedOff: true,
		HandoffAt: now.Add(-time.Minute),
		Language:  "pt-BR",
	}
}
