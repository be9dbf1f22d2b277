package bot

import (
	"container/heap"
	"container/list"
	"context"
	"slices"
	"sync"
	"time"
)

// MemoryConversations is a ConversationStore in memory, for one process.
// It holds at most a fixed number of conversations, dropping the least
// recently used one to make room, and drops expired ones as time goes by
// without scanning them all: a min-heap orders them by expiry, so each
// operation costs O(log n). It is safe for concurrent use.
type MemoryConversations struct {
	mu      sync.Mutex
	max     int
	now     func() time.Time
	entries map[string]*memEntry
	lru     *list.List // of *memEntry, most recently used first
	expiry  expiryHeap
}

type memEntry struct {
	key     string
	state   ConversationState
	expires time.Time
	elem    *list.Element
	at      int // position in the heap
}

// NewMemoryConversations returns a store of at most max conversations
// (at least 1), telling time by now (time.Now when nil).
func NewMemoryConversations(max int, now func() time.Time) *MemoryConversations {
	if max < 1 {
		max = 1
	}
	if now == nil {
		now = time.Now
	}
	return &MemoryConversations{max: max, now: now, entries: map[string]*memEntry{}, lru: list.New()}
}

// Get returns the state under key, unless it has expired.
func (m *MemoryConversations) Get(_ context.Context, key string) (ConversationState, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire()
	e, ok := m.entries[key]
	if !ok {
		return ConversationState{}, false, nil
	}
	m.lru.MoveToFront(e.elem)
	return cloneState(e.state), true, nil
}

// Put stores s under key for ttl.
func (m *MemoryConversations) Put(_ context.Context, key string, s ConversationState, ttl time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire()
	expires := m.now().Add(ttl)
	if e, ok := m.entries[key]; ok {
		e.state, e.expires = cloneState(s), expires
		heap.Fix(&m.expiry, e.at)
		m.lru.MoveToFront(e.elem)
		return nil
	}
	for len(m.entries) >= m.max {
		m.remove(m.lru.Back().Value.(*memEntry))
	}
	e := &memEntry{key: key, state: cloneState(s), expires: expires}
	e.elem = m.lru.PushFront(e)
	heap.Push(&m.expiry, e)
	m.entries[key] = e
	return nil
}

// Delete forgets the state under key.
func (m *MemoryConversations) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.entries[key]; ok {
		m.remove(e)
	}
	return nil
}

// Len returns the number of conversations held, expired ones not yet
// dropped included.
func (m *MemoryConversations) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// Sweep drops the expired conversations and returns how many it dropped.
// Get and Put do it too, so calling it only frees memory sooner.
func (m *MemoryConversations) Sweep(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.expire(), nil
}

// String names the store in logs.
func (m *MemoryConversations) String() string { return "memory" }

// expire drops the conversations whose time has come, soonest first, and
// returns how many it dropped.
func (m *MemoryConversations) expire() int64 {
	now := m.now()
	var n int64
	for len(m.expiry) > 0 && !now.Before(m.expiry[0].expires) {
		m.remove(m.expiry[0])
		n++
	}
	return n
}

func (m *MemoryConversations) remove(e *memEntry) {
	heap.Remove(&m.expiry, e.at)
	m.lru.Remove(e.elem)
	delete(m.entries, e.key)
}

// cloneState copies the slices of a state, so that no caller shares them
// with the store.
func cloneState(s ConversationState) ConversationState {
	s.Topics = slices.Clone(s.Topics)
	s.Runners = slices.Clone(s.Runners)
	s.Offered = slices.Clone(s.Offered)
	return s
}

// expiryHeap orders entries by expiry, soonest first.
type expiryHeap []*memEntry

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(i, j int) bool { return h[i].expires.Before(h[j].expires) }
func (h expiryHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].at, h[j].at = i, j
}
func (h *expiryHeap) Push(x any) {
	e := x.(*memEntry)
	e.at = len(*h)
	*h = append(*h, e)
}
func (h *expiryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return e
}
