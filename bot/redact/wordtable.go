package redact

import (
	"encoding/binary"
	"math/bits"
	"sort"
)

// wordTable is a set of words, each with its class, as a perfect hash
// table keyed by a word's length and its first and last eight bytes: a
// look-up reads the word in two loads, hashes it, reads the displacement
// of its bucket and then its one slot, without a loop, and allocates
// nothing. It is small enough to stay in the fastest cache.
type wordTable struct {
	first []uint64 // the words' first eight bytes
	meta  []uint32 // their length (top five bits) and class; 0 for an empty slot
	words []string // the word, to compare when it is longer than eight bytes
	// disp has each bucket's displacement: a word of hash h in bucket b
	// is in the slot (h ^ disp[b]) hashes to.
	disp  []uint16
	dbits uint // log2 of len(disp)
	sbits uint // log2 of len(first)
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

// lastBytes returns the last eight bytes of buf[a:a+n] when n is more
// than eight, or 0.
func lastBytes(buf []byte, a, n int) uint64 {
	if n <= 8 {
		return 0
	}
	return binary.LittleEndian.Uint64(buf[a+n-8:])
}

// wordHash hashes a word of n bytes with its first and last eight bytes.
func wordHash(first, last uint64, n int) uint64 {
	return (first ^ uint64(n)<<59 ^ bits.RotateLeft64(last, 29)) * 0x9E3779B97F4A7C15
}

// slotOf returns the slot of the word of hash h.
func (t *wordTable) slotOf(h uint64) uint64 {
	d := t.disp[h>>((64-t.dbits)&63)]
	return (h ^ uint64(d)) * slotMul >> ((64 - t.sbits) & 63)
}

// slotMul mixes a word's hash with its bucket's displacement.
const slotMul = 0xBF58476D1CE4E5B9

// wordSlotBits and wordDispBits are the sizes of wordIndex: 1<<wordSlotBits
// slots, 1<<wordDispBits buckets. The table holds up to four fifths as
// many words as slots.
const (
	wordSlotBits = 11
	wordDispBits = wordSlotBits - 2
)

// arrays returns wordIndex's slots and displacements as arrays of their
// size, to be indexed without bounds checks.
func (t *wordTable) arrays() (*[1 << wordSlotBits]uint64, *[1 << wordSlotBits]uint32, *[1 << wordDispBits]uint16) {
	return (*[1 << wordSlotBits]uint64)(t.first), (*[1 << wordSlotBits]uint32)(t.meta), (*[1 << wordDispBits]uint16)(t.disp)
}

// newWordTable returns m as a table of 1<<sbits slots, at most four
// fifths full: its words are put in buckets by their hash, the fullest
// bucket first, each moved by the first displacement that puts all its
// words in empty slots.
func newWordTable(m map[string]uint32, sbits uint) wordTable {
	if len(m) > 4<<sbits/5 {
		panic("redact: too many words for the table's size")
	}
	dbits := sbits - 2
	size := 1 << sbits
	t := wordTable{first: make([]uint64, size), meta: make([]uint32, size), words: make([]string, size), disp: make([]uint16, 1<<dbits), dbits: dbits, sbits: sbits}
	type key struct {
		w           string
		first, last uint64
		h           uint64
	}
	buckets := make([][]key, 1<<dbits)
	seen := map[[3]uint64]string{}
	for w, c := range m {
		if len(w) > maxWord || len(w) == 0 || c>>classBits != 0 || c == 0 {
			panic("redact: word too long or empty or class out of range: " + w)
		}
		b := []byte(w)
		k := key{w: w, first: firstBytes(b, 0, len(b)), last: lastBytes(b, 0, len(b))}
		id := [3]uint64{k.first, k.last, uint64(len(w))}
		if other, ok := seen[id]; ok {
			panic("redact: words " + w + " and " + other + " share their first and last eight bytes")
		}
		seen[id] = w
		k.h = wordHash(k.first, k.last, len(w))
		buckets[k.h>>(64-dbits)] = append(buckets[k.h>>(64-dbits)], k)
	}
	order := make([]int, len(buckets))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return len(buckets[order[i]]) > len(buckets[order[j]]) })
	for _, bi := range order {
		ks := buckets[bi]
		if len(ks) == 0 {
			break
		}
		placed := false
		for d := 0; d < 1<<16 && !placed; d++ {
			t.disp[bi] = uint16(d)
			placed = true
			for j, k := range ks {
				s := t.slotOf(k.h)
				if t.meta[s] != 0 {
					placed = false
				}
				for _, o := range ks[:j] {
					if t.slotOf(o.h) == s {
						placed = false
					}
				}
			}
		}
		if !placed {
			panic("redact: no displacement places the words of a bucket")
		}
		for _, k := range ks {
			s := t.slotOf(k.h)
			t.first[s], t.meta[s], t.words[s] = k.first, uint32(len(k.w))<<classBits|m[k.w], k.w
		}
	}
	return t
}

// lookupAt returns the class of the lower-case word buf[a:a+n], or 0.
func (t *wordTable) lookupAt(buf []byte, a, n int) uint32 {
	if n > maxWord {
		return 0
	}
	first := firstBytes(buf, a, n)
	s := t.slotOf(wordHash(first, lastBytes(buf, a, n), n))
	if m := t.meta[s]; t.first[s] == first && int(m>>classBits) == n && (n <= 8 || t.words[s] == string(buf[a:a+n])) {
		return m & classMask
	}
	return 0
}
