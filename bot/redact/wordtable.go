package redact

import "encoding/binary"

// wordTable is a set of words, each with its class, as an open-addressing
// table keyed by a word's first eight bytes and its length: a look-up
// reads the word in one load, hashes it, reads one slot (rarely two) and
// allocates nothing, and the table is small enough to stay in the fastest
// cache.
type wordTable struct {
	slots []wordSlot
	long  []string // the words longer than eight bytes, to compare in full
	shift uint
}

// wordSlot is one word of a wordTable, or an empty slot (meta 0).
type wordSlot struct {
	first uint64 // the word's first eight bytes
	meta  uint32 // its length (top five bits) and class
	long  uint32 // where it is in long when it is longer than eight bytes
}

// classBits is where a slot's class ends and its length begins.
const classBits = 27

// classMask keeps a slot's class.
const classMask = 1<<classBits - 1

// lowBytes[n] keeps the first n bytes of a little-endian word.
var lowBytes = [9]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff, ^uint64(0)}

// firstBytes returns the first eight bytes of buf[a:a+n], 0 < n, read
// little-endian and padded with zeros.
func firstBytes(buf []byte, a, n int) (first uint64) {
	if a+8 <= len(buf) {
		return binary.LittleEndian.Uint64(buf[a:]) & lowBytes[min(n, 8)]
	}
	for j := min(n, 8) - 1; j >= 0; j-- {
		first = first<<8 | uint64(buf[a+j])
	}
	return first
}

func wordHash(first uint64, n int, shift uint) uint64 {
	return (first ^ uint64(n)<<59) * 0x9E3779B97F4A7C15 >> shift
}

// newWordTable returns m as a table at most a quarter full, so that most
// look-ups read one slot.
func newWordTable(m map[string]uint32) wordTable {
	bits := uint(1)
	for 1<<bits < 4*len(m) {
		bits++
	}
	size := 1 << bits
	t := wordTable{slots: make([]wordSlot, size), shift: 64 - bits}
	for w, c := range m {
		if len(w) > maxWord || c>>classBits != 0 || c == 0 {
			panic("redact: word too long or class too large or empty: " + w)
		}
		first := firstBytes([]byte(w), 0, len(w))
		i := wordHash(first, len(w), t.shift)
		for t.slots[i].meta != 0 {
			i = (i + 1) & uint64(size-1)
		}
		sl := wordSlot{first: first, meta: uint32(len(w))<<classBits | c}
		if len(w) > 8 {
			sl.long = uint32(len(t.long))
			t.long = append(t.long, w)
		}
		t.slots[i] = sl
	}
	return t
}

// lookupAt returns the class of the lower-case word buf[a:a+n], or 0.
func (t *wordTable) lookupAt(buf []byte, a, n int) uint32 {
	if n > maxWord {
		return 0
	}
	return t.class(buf, a, n, firstBytes(buf, a, n))
}

// class returns the class of the lower-case word buf[a:a+n], n at most
// maxWord, whose first eight bytes are first; or 0.
func (t *wordTable) class(buf []byte, a, n int, first uint64) uint32 {
	slots := t.slots
	mask := uint64(len(slots) - 1)
	for i := wordHash(first, n, t.shift); ; i = (i + 1) & mask {
		sl := &slots[i&mask]
		if sl.first == first && int(sl.meta>>classBits) == n {
			if n <= 8 || t.long[sl.long] == string(buf[a:a+n]) {
				return sl.meta & classMask
			}
		} else if sl.meta == 0 {
			return 0
		}
	}
}
