package bot_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// fakeClock is a clock that moves only when told to.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestMemoryConversations(t *testing.T) {
	ctx := context.Background()
	state := func(last string) bot.ConversationState {
		return bot.ConversationState{Last: last, Topics: []string{last}, Offered: []bot.Choice{{ID: last, Title: last}}}
	}
	t.Run("put then get", func(t *testing.T) {
		m := bot.NewMemoryConversations(10, newFakeClock().Now)
		if err := m.Put(ctx, "k", state("selfie"), time.Minute); err != nil {
			t.Fatal(err)
		}
		got, ok, err := m.Get(ctx, "k")
		if err != nil || !ok || got.Last != "selfie" || len(got.Offered) != 1 {
			t.Fatalf("Get = %+v, %v, %v", got, ok, err)
		}
		if _, ok, _ := m.Get(ctx, "other"); ok {
			t.Fatal("an unknown key has a state")
		}
	})
	t.Run("the caller's slices are not shared", func(t *testing.T) {
		m := bot.NewMemoryConversations(10, newFakeClock().Now)
		s := state("selfie")
		_ = m.Put(ctx, "k", s, time.Minute)
		s.Topics[0] = "changed"
		got, _, _ := m.Get(ctx, "k")
		got.Offered[0].ID = "changed too"
		again, _, _ := m.Get(ctx, "k")
		if again.Topics[0] != "selfie" || again.Offered[0].ID != "selfie" {
			t.Fatalf("state changed through a caller's slice: %+v", again)
		}
	})
	t.Run("expires after its ttl", func(t *testing.T) {
		clock := newFakeClock()
		m := bot.NewMemoryConversations(10, clock.Now)
		_ = m.Put(ctx, "short", state("a"), time.Minute)
		_ = m.Put(ctx, "long", state("b"), time.Hour)
		clock.Advance(59 * time.Second)
		if _, ok, _ := m.Get(ctx, "short"); !ok {
			t.Fatal("expired before its ttl")
		}
		clock.Advance(time.Second)
		if _, ok, _ := m.Get(ctx, "short"); ok {
			t.Fatal("still there after its ttl")
		}
		if _, ok, _ := m.Get(ctx, "long"); !ok {
			t.Fatal("the longer one expired too")
		}
		if n := m.Len(); n != 1 {
			t.Fatalf("Len = %d after expiry, want 1: expired entries must be dropped", n)
		}
	})
	t.Run("a put renews the ttl", func(t *testing.T) {
		clock := newFakeClock()
		m := bot.NewMemoryConversations(10, clock.Now)
		_ = m.Put(ctx, "k", state("a"), time.Minute)
		clock.Advance(50 * time.Second)
		_ = m.Put(ctx, "k", state("b"), time.Minute)
		clock.Advance(50 * time.Second)
		if got, ok, _ := m.Get(ctx, "k"); !ok || got.Last != "b" {
			t.Fatalf("Get = %+v, %v; want the renewed state", got, ok)
		}
	})
	t.Run("bounded: the least recently used goes", func(t *testing.T) {
		m := bot.NewMemoryConversations(3, newFakeClock().Now)
		for _, k := range []string{"a", "b", "c"} {
			_ = m.Put(ctx, k, state(k), time.Hour)
		}
		_, _, _ = m.Get(ctx, "a") // a is now more recent than b
		_ = m.Put(ctx, "d", state("d"), time.Hour)
		if m.Len() != 3 {
			t.Fatalf("Len = %d, want 3", m.Len())
		}
		if _, ok, _ := m.Get(ctx, "b"); ok {
			t.Error("b, the least recently used, is still there")
		}
		for _, k := range []string{"a", "c", "d"} {
			if _, ok, _ := m.Get(ctx, k); !ok {
				t.Errorf("%s was dropped", k)
			}
		}
	})
	t.Run("delete", func(t *testing.T) {
		m := bot.NewMemoryConversations(3, newFakeClock().Now)
		_ = m.Put(ctx, "k", state("a"), time.Hour)
		_ = m.Delete(ctx, "k")
		_ = m.Delete(ctx, "never there")
		if _, ok, _ := m.Get(ctx, "k"); ok || m.Len() != 0 {
			t.Fatal("deleted state still there")
		}
	})
}

func TestMemoryConversationsConcurrentUse(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	m := bot.NewMemoryConversations(50, clock.Now)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				k := fmt.Sprintf("k%d", (g*500+i)%120)
				_ = m.Put(ctx, k, bot.ConversationState{Turns: i}, time.Duration(i%7+1)*time.Second)
				_, _, _ = m.Get(ctx, k)
				if i%50 == 0 {
					clock.Advance(time.Second)
					_ = m.Delete(ctx, k)
				}
			}
		}()
	}
	wg.Wait()
	if n := m.Len(); n > 50 {
		t.Fatalf("Len = %d, above the bound of 50", n)
	}
}

// BenchmarkMemoryConversationsPut measures a put into a full store whose
// entries expire at different times: the cost must not grow with the
// number of entries (no scan).
func BenchmarkMemoryConversationsPut(b *testing.B) {
	for _, size := range []int{1_000, 100_000} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			ctx := context.Background()
			clock := newFakeClock()
			m := bot.NewMemoryConversations(size, clock.Now)
			for i := range size {
				_ = m.Put(ctx, fmt.Sprint(i), bot.ConversationState{}, time.Duration(i)*time.Millisecond+time.Hour)
			}
			keys := make([]string, 1024)
			for i := range keys {
				keys[i] = fmt.Sprint("new", i)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_ = m.Put(ctx, keys[i%len(keys)], bot.ConversationState{}, time.Hour)
			}
		})
	}
}
