package redact

import "encoding/binary"

// wordTable is a set of words, each with its class, as an open-addressing
// table keyed by a word's first eight bytes and its length: a look-up
// reads the word in one load, hashes it and allocates nothing, and the
// table is small enough to stay in the fastest cache.
type wordTable struct {
	first []uint64 // the words' first eight bytes
	meta  []uint32 // their length (top five bits) and class; 0 for an empty slot
	words []string // the word, to compare when it is longer than eight bytes
	shift uint
}

// classBits is where a slot's class ends and its length begins.
const classBits = 27

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
	t := wordTable{first: make([]uint64, size), meta: make([]uint32, size), words: make([]string, size), shift: 64 - bits}
	for w, c := range m {
		if len(w) > maxWord || c>>classBits != 0 {
			panic("redact: word too long or class too large: " + w)
		}
		first := firstBytes([]byte(w), 0, len(w))
		i := wordHash(first, len(w), t.shift)
		for t.meta[i] != 0 {
			i = (i + 1) & uint64(size-1)
		}
		t.first[i], t.meta[i], t.words[i] = first, uint32(len(w))<<classBits|c, w
	}
	return t
}

// lookupAt returns the class of the lower-case word buf[a:a+n], or 0.
func (t *wordTable) lookupAt(buf []byte, a, n int) uint32 {
	if n > maxWord {
		return 0
	}
	first := firstBytes(buf, a, n)
	mask := uint64(len(t.meta) - 1)
	for i := wordHash(first, n, t.shift); ; i = (i + 1) & mask {
		m := t.meta[i]
		if int(m>>classBits) == n && t.first[i] == first {
			if n <= 8 || t.words[i] == string(buf[a:a+n]) {
				return m & (1<<classBits - 1)
			}
		} else if m == 0 {
			return 0
		}
	}
}
