package bot

import (
	"context"
	"sync"
	"time"
)

// MemoryClaims is Claims in memory, for one process: the default of the
// chat adapters. It keeps each claim for its retention and at most a fixed
// number of them, dropping the oldest to make room. Claims are kept in the
// order they were taken, so dropping the old ones looks only at the front
// of that order, never at every claim. It is safe for concurrent use.
type MemoryClaims struct {
	retention time.Duration
	max       int
	now       func() time.Time

	mu     sync.Mutex
	claims map[string]memClaim
	order  []claimRef // oldest first, from head; refs to replaced claims are stale
	head   int
	seq    uint64
}

// memClaim is one claim: taken at claimed (the seq-th claim taken), held
// until expires unless done.
type memClaim struct {
	seq     uint64
	claimed time.Time
	expires time.Time
	done    bool
}

// claimRef is the place of a claim in the order claims were taken.
type claimRef struct {
	key string
	seq uint64
}

var _ Claims = (*MemoryClaims)(nil)

// NewMemoryClaims returns claims kept for retention (DefaultClaimRetention
// when not positive), at most max of them (at least 1), telling time by
// now (time.Now when nil).
func NewMemoryClaims(retention time.Duration, max int, now func() time.Time) *MemoryClaims {
	if retention <= 0 {
		retention = DefaultClaimRetention
	}
	if max < 1 {
		max = 1
	}
	if now == nil {
		now = time.Now
	}
	return &MemoryClaims{retention: retention, max: max, now: now, claims: map[string]memClaim{}}
}

// Claim takes key for lease unless it is done or held by a lease that has
// not run out.
func (m *MemoryClaims) Claim(_ context.Context, key string, lease time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	m.expire(now)
	if c, ok := m.claims[key]; ok && (c.done || now.Before(c.expires)) {
		return false, nil
	} else if !ok && len(m.claims) >= m.max {
		m.evictOldest()
	}
	m.seq++
	m.claims[key] = memClaim{seq: m.seq, claimed: now, expires: now.Add(lease)}
	m.order = append(m.order, claimRef{key: key, seq: m.seq})
	m.tidy()
	return true, nil
}

// Done marks key answered; a key not claimed is left alone.
func (m *MemoryClaims) Done(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if c, ok := m.claims[key]; ok {
		c.done = true
		m.claims[key] = c
	}
	return nil
}

// Release forgets key's claim unless it is done.
func (m *MemoryClaims) Release(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if c, ok := m.claims[key]; ok && !c.done {
		delete(m.claims, key)
	}
	return nil
}

// Sweep deletes the claims older than the retention and returns how many
// it deleted. Claim does it too, so calling it only frees memory sooner.
func (m *MemoryClaims) Sweep(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.expire(m.now()), nil
}

// Len returns the number of claims held.
func (m *MemoryClaims) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.claims)
}

// String names the store in logs.
func (m *MemoryClaims) String() string { return "memory" }

// expire drops the claims taken a retention or more before now, oldest
// first, and returns how many it dropped.
func (m *MemoryClaims) expire(now time.Time) int64 {
	var n int64
	for m.head < len(m.order) {
		ref := m.order[m.head]
		c, live := m.claims[ref.key]
		if live && c.seq == ref.seq {
			if now.Sub(c.claimed) < m.retention {
				break
			}
			delete(m.claims, ref.key)
			n++
		}
		m.head++
	}
	m.tidy()
	return n
}

// evictOldest drops the oldest claim still held.
func (m *MemoryClaims) evictOldest() {
	for m.head < len(m.order) {
		ref := m.order[m.head]
		m.head++
		if c, ok := m.claims[ref.key]; ok && c.seq == ref.seq {
			delete(m.claims, ref.key)
			return
		}
	}
}

// tidy keeps the order short: it reclaims the dropped front once it is
// half the slice, and drops the stale refs (to released or taken-over
// claims) once they outnumber the claims held. Both cost time in
// proportion to the refs they remove.
func (m *MemoryClaims) tidy() {
	if m.head > 0 && m.head >= len(m.order)/2 {
		m.order = append(m.order[:0], m.order[m.head:]...)
		m.head = 0
	}
	if len(m.order)-m.head > 2*len(m.claims)+64 {
		live := m.order[:0]
		for _, ref := range m.order[m.head:] {
			if c, ok := m.claims[ref.key]; ok && c.seq == ref.seq {
				live = append(live, ref)
			}
		}
		clear(m.order[len(live):])
		m.order, m.head = live, 0
	}
}
