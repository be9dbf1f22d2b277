package redact

import "encoding/binary"

// wordTable is a set of words, each with its class, as an open-addressing
// table keyed by a word's first eight bytes and its length: a look-up
// reads the word in one load, hashes it and allocates nothing, and the
// table is small enough to stay in the fastest cache.
type wordTable struct {
	slots []wordSlot
	words []string // the word, to compare when it is longer than eight bytes
	shift uint
}

type wordSlot struct {
	first  uint64
	n, cls uint32 // n is 0 in an empty slot
}

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

func newWordTable(m map[string]uint32) wordTable {
	bits := uint(1)
	for 1<<bits < 2*len(m) {
		bits++
	}
	size := 1 << bits
	t := wordTable{slots: make([]wordSlot, size), words: make([]string, size), shift: 64 - bits}
	for w, c := range m {
		first := firstBytes([]byte(w), 0, len(w))
		i := wordHash(first, len(w), t.shift)
		for t.slots[i].n != 0 {
			i = (i + 1) & uint64(size-1)
		}
		t.slots[i] = wordSlot{first: first, n: uint32(len(w)), cls: c}
		t.words[i] = w
	}
	return t
}

// lookupAt returns the class of the lower-case word buf[a:a+n], or 0.
func (t *wordTable) lookupAt(buf []byte, a, n int) uint32 {
	if n > maxWord {
		return 0
	}
	first := firstBytes(buf, a, n)
	mask := uint64(len(t.slots) - 1)
	for i := wordHash(first, n, t.shift); ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.first == first && int(e.n) == n {
			if n <= 8 || t.words[i] == string(buf[a:a+n]) {
				return e.cls
			}
		} else if e.n == 0 {
			return 0
		}
	}
}
