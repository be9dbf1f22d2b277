package bot

// RefsHeld is the length of the order of claims, stale refs included: for
// tests that check it stays bounded.
func (m *MemoryClaims) RefsHeld() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.order) - m.head
}
