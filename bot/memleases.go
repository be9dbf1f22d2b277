package bot

import (
	"context"
	"sync"
	"time"
)

// MemoryLeases is Leases in memory: the holders of one process share
// them. It is safe for concurrent use.
type MemoryLeases struct {
	now func() time.Time

	mu     sync.Mutex
	leases map[string]memLease
}

// memLease is a lease held by holder until expires.
type memLease struct {
	holder  string
	expires time.Time
}

var _ Leases = (*MemoryLeases)(nil)

// NewMemoryLeases returns leases telling time by now (time.Now when nil).
func NewMemoryLeases(now func() time.Time) *MemoryLeases {
	if now == nil {
		now = time.Now
	}
	return &MemoryLeases{now: now, leases: map[string]memLease{}}
}

// Acquire takes or renews name for holder unless another holds it.
func (m *MemoryLeases) Acquire(_ context.Context, name, holder string, ttl time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if l, ok := m.leases[name]; ok && l.holder != holder && now.Before(l.expires) {
		return false, nil
	}
	m.leases[name] = memLease{holder: holder, expires: now.Add(ttl)}
	return true, nil
}

// Release frees name if holder holds it.
func (m *MemoryLeases) Release(_ context.Context, name, holder string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if l, ok := m.leases[name]; ok && l.holder == holder {
		delete(m.leases, name)
	}
	return nil
}

// String names the store in logs.
func (m *MemoryLeases) String() string { return "memory" }
