// Package work holds what the chat adapters share for answering after they
// acknowledge: a bounded pool of workers.
package work

import (
	"context"
	"sync"
	"time"
)

// Pool runs jobs on a fixed number of workers from a bounded queue. Submit
// never blocks: a full queue refuses the job, so the caller can tell the
// platform to deliver again later. A job that panics is reported to onPanic;
// the worker goes on.
type Pool struct {
	jobs    chan func(context.Context)
	onPanic func(v any)
	cancel  context.CancelFunc

	mu     sync.RWMutex
	closed bool
	wg     sync.WaitGroup
}

// NewPool returns a pool queueing at most queue jobs.
func NewPool(queue int, onPanic func(v any)) *Pool {
	return &Pool{jobs: make(chan func(context.Context), queue), onPanic: onPanic}
}

// Submit queues job and reports whether it was taken.
func (p *Pool) Submit(job func(context.Context)) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return false
	}
	select {
	case p.jobs <- job:
		return true
	default:
		return false
	}
}

// Start runs workers until Stop. Jobs get a context with ctx's values that
// outlives ctx, so that jobs queued before shutdown can still finish; Stop
// cancels it when its deadline passes.
func (p *Pool) Start(ctx context.Context, workers int) {
	ctx, p.cancel = context.WithCancel(context.WithoutCancel(ctx))
	for range workers {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				p.do(ctx, job)
			}
		}()
	}
}

// Stop refuses new jobs and waits for the queued ones to finish, for at
// most within; then it cancels the jobs' context and waits for them to
// return.
func (p *Pool) Stop(within time.Duration) {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.jobs)
	}
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		p.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(within):
		if p.cancel != nil {
			p.cancel()
		}
		<-done
	}
	if p.cancel != nil {
		p.cancel()
	}
}

func (p *Pool) do(ctx context.Context, job func(context.Context)) {
	defer func() {
		if v := recover(); v != nil {
			p.onPanic(v)
		}
	}()
	job(ctx)
}
