package slack

import (
	"context"
	"sync"
)

// pool runs jobs on a fixed number of workers from a bounded queue. Submit
// never blocks: a full queue refuses the job, so the caller can tell Slack.
// A job that panics is reported to onPanic; the worker goes on.
type pool struct {
	jobs    chan func(context.Context)
	onPanic func(v any)

	mu     sync.RWMutex
	closed bool
	wg     sync.WaitGroup
}

func newPool(queue int, onPanic func(v any)) *pool {
	return &pool{jobs: make(chan func(context.Context), queue), onPanic: onPanic}
}

// submit queues job and reports whether it was taken.
func (p *pool) submit(job func(context.Context)) bool {
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

// start runs workers until stop; jobs get ctx.
func (p *pool) start(ctx context.Context, workers int) {
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

// stop refuses new jobs and waits for the queued ones to finish.
func (p *pool) stop() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.jobs)
	}
	p.mu.Unlock()
	p.wg.Wait()
}

func (p *pool) do(ctx context.Context, job func(context.Context)) {
	defer func() {
		if v := recover(); v != nil {
			p.onPanic(v)
		}
	}()
	job(ctx)
}
