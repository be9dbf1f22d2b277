package work_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/work"
)

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
