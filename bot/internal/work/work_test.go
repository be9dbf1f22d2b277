package work_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/work"
)

// TestDedupRemembersForTTLWithinBounds runs in a bubble: its sleep moves
// the fake clock past the ttl at once.
func TestDedupRemembersForTTLWithinBounds(t *testing.T) {
	synctest.Test(t, testDedupRemembersForTTLWithinBounds)
}

func testDedupRemembersForTTLWithinBounds(t *testing.T) {
	d := work.NewDedup(50*time.Millisecond, 3)
	if !d.First("a") || d.First("a") {
		t.Fatal("a repeat was not caught")
	}
	d.First("b")
	d.First("c")
	d.First("d") // evicts the oldest, a
	if !d.First("a") {
		t.Error("memory is not bounded: a was kept past max")
	}
	time.Sleep(60 * time.Millisecond)
	if !d.First("d") {
		t.Error("d was kept past its ttl")
	}
	d.Forget("d")
	if !d.First("d") {
		t.Error("a forgotten id is still remembered")
	}
}

func TestDedupConcurrentFirstIsOnce(t *testing.T) {
	d := work.NewDedup(time.Minute, 10_000)
	var firsts atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				if d.First(fmt.Sprint(i)) {
					firsts.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if firsts.Load() != 1000 {
		t.Fatalf("%d first sightings of 1000 ids", firsts.Load())
	}
}

func TestPoolBoundsAndRecovers(t *testing.T) {
	var panics atomic.Int64
	p := work.NewPool(2, func(any) { panics.Add(1) })
	block := make(chan struct{})
	done := make(chan struct{}, 4)
	p.Start(context.Background(), 1)
	taken := make(chan struct{})
	if !p.Submit(func(context.Context) { close(taken); <-block; done <- struct{}{} }) {
		t.Fatal("first job refused")
	}
	select {
	case <-taken: // the worker holds it; the queue is empty
	case <-time.After(5 * time.Second):
		t.Fatal("the worker did not take the first job")
	}
	p.Submit(func(context.Context) { panic("boom") })
	p.Submit(func(context.Context) { done <- struct{}{} })
	if p.Submit(func(context.Context) {}) {
		t.Fatal("a job beyond the queue was taken")
	}
	close(block)
	for range 2 {
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("jobs did not run")
		}
	}
	p.Stop(time.Second)
	if panics.Load() != 1 {
		t.Fatalf("%d panics reported", panics.Load())
	}
	if p.Submit(func(context.Context) {}) {
		t.Fatal("a stopped pool took a job")
	}
}

func TestPoolStopCancelsJobsPastTheDeadline(t *testing.T) {
	p := work.NewPool(1, func(any) {})
	p.Start(context.Background(), 1)
	canceled := make(chan struct{})
	p.Submit(func(ctx context.Context) {
		<-ctx.Done()
		close(canceled)
	})
	start := time.Now()
	p.Stop(50 * time.Millisecond)
	select {
	case <-canceled:
	default:
		t.Fatal("Stop returned before the job saw its context canceled")
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 5*time.Second {
		t.Fatalf("Stop took %v", d)
	}
}
