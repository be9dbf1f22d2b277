package work

import (
	"sync"
	"time"
)

// Dedup remembers the ids of recent events so that a platform's retries,
// and any other repeat of an event, are answered once. Memory is bounded:
// ids are kept for ttl, and at most max of them. It is safe for concurrent use.
type Dedup struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu    sync.Mutex
	seen  map[string]time.Time
	order []entry // insertion order, oldest first, for expiry
	head  int
}

type entry struct {
	id string
	at time.Time
}

// NewDedup returns a Dedup keeping ids for ttl, at most max of them.
func NewDedup(ttl time.Duration, max int) *Dedup {
	return &Dedup{ttl: ttl, max: max, now: time.Now, seen: make(map[string]time.Time)}
}

// First reports whether id is seen for the first time, and remembers it.
func (d *Dedup) First(id string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	d.expire(now)
	if _, ok := d.seen[id]; ok {
		return false
	}
	if len(d.seen) >= d.max {
		d.evictOldest()
	}
	d.seen[id] = now
	d.order = append(d.order, entry{id: id, at: now})
	return true
}

// Forget removes id, so that a later delivery of it is answered: used when
// an event was refused.
func (d *Dedup) Forget(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.seen, id)
}

func (d *Dedup) expire(now time.Time) {
	for d.head < len(d.order) && now.Sub(d.order[d.head].at) >= d.ttl {
		d.drop(d.order[d.head])
		d.head++
	}
	d.compact()
}

func (d *Dedup) evictOldest() {
	for d.head < len(d.order) {
		e := d.order[d.head]
		d.head++
		if d.drop(e) {
			break
		}
	}
	d.compact()
}

// drop removes e's id if it still stands for e (it may have been forgotten
// and seen again since).
func (d *Dedup) drop(e entry) bool {
	if at, ok := d.seen[e.id]; ok && at.Equal(e.at) {
		delete(d.seen, e.id)
		return true
	}
	return false
}

// compact reclaims the expired front of order once it is half the slice.
func (d *Dedup) compact() {
	if d.head > 0 && d.head >= len(d.order)/2 {
		d.order = append(d.order[:0], d.order[d.head:]...)
		d.head = 0
	}
}
