package redact

import "encoding/binary"

// tokenize reads the tokens of the folded text: first the words alone
// (words), then the gap before each, its class and whether a rule may
// start with it.
func (sc *scanner) tokenize() {
	sc.words()
	sc.markEmails()
	s, lo, toks := sc.s, sc.lo[:len(sc.s)], sc.toks
	prevCls := uint32(0)
	nsig := 0
	first8, metas, disp := wordIndex.arrays()
	for k := range toks {
		t := &toks[k]
		a, b := int(t.a), int(t.b)
		if k > 0 {
			if prev := int(toks[k-1].b); a == prev+1 {
				c := s[prev]
				g := gapByte[c]
				t.brk, t.join = g&gBreak != 0, g&gJoin != 0
				if g&gSpace == 0 {
					t.sep = c
				}
			} else {
				t.readGap(s[prev:a], prevCls)
			}
		}
		if t.email {
			prevCls = 0
			continue
		}
		// Most words start no rule: run2 skips them. A word starts one if
		// it is a month, a street or address word, a German preposition
		// or document number, or (seen when the next token has digits) a
		// short word in capitals or a street name written as one word.
		if t.digits == 0 {
			if !t.lt && !t.odd {
				c := uint32(0)
				if n := b - a; n <= maxWord {
					// wordIndex.lookupAt, written out.
					first, last := uint64(0), uint64(0)
					if a+8 <= len(lo) {
						first = binary.LittleEndian.Uint64(lo[a:]) & lowBytes[min(n, 8)]
					} else {
						first = firstBytes(lo, a, n)
					}
					if n > 8 {
						last = binary.LittleEndian.Uint64(lo[b-8:])
					}
					h := wordHash(first, last, n)
					sl := (h ^ uint64(disp[h>>(64-wordDispBits)])) * slotMul >> (64 - wordSlotBits)
					if m := metas[sl]; first8[sl] == first && int(m>>classBits) == n {
						c = m & classMask
						if n > 8 && wordIndex.words[sl] != string(lo[a:b]) {
							c = 0 // another word in its slot
						}
					}
				}
				if c == 0 && b-a >= 6 && compoundLast[lo[b-1]] {
					c = compound(lo, a, b-a)
				}
				t.cls = c
				t.start = c&(wordMonth|wordStreet|wordStreet2|wordAddress) != 0 ||
					t.upper == 9 && sc.capitals9Token(t) || t.upper == 1 && b-a <= 3 && germanPrefix(lo[a])
			} else {
				t.start = t.lt
			}
		} else {
			if t.digits >= 6 {
				t.run = uint8(min(longestDigits(s[a:b]), 255))
			}
			if t.letter > 0 {
				t.skip = sc.codeLike(t)
			}
			t.start = true
			if k > 0 {
				if p := &toks[k-1]; !p.start && p.digits == 0 && (p.letter <= 3 && p.upper == p.letter || sc.streetSuffixedToken(p)) {
					p.start = true
				}
			}
		}
		prevCls = t.cls
		if t.cls&significant != 0 {
			nsig++
		}
		if b-a == 12 && t.digits < 12 && a > 0 && s[a-1] == '-' {
			sc.uuid(k)
		}
	}
	sc.nsig = nsig
}

// words reads the words of the folded text into sc.toks, each with where
// it starts and ends and its counts of digits and letters.
func (sc *scanner) words() {
	s := sc.s
	toks := sc.toks[:0]
	for i := 0; i < len(s); {
		acc := byteInfo[s[i]]
		if acc == 0 {
			i++
			continue
		}
		a := i
		for i++; i < len(s); i++ {
			v := byteInfo[s[i]]
			if v == 0 {
				break
			}
			acc += v
		}
		if len(toks) == cap(toks) {
			toks = append(toks, token{})[:len(toks)]
		}
		toks = toks[:len(toks)+1]
		t := &toks[len(toks)-1]
		n := i - a
		digits, upper, lower, lt, odd := int(acc&countMask), int(acc>>12&countMask), int(acc>>24&countMask), int(acc>>36&countMask), int(acc>>48&countMask)
		if n > countMask {
			digits, upper, lower, lt, odd = countBytes(s[a:i])
			digits, upper, lower = min(digits, maxCount), min(upper, maxCount), min(lower, maxCount)
		}
		*t = token{}
		t.a, t.b = int32(a), int32(i)
		t.digits, t.upper, t.lower, t.letter = int16(digits), int16(upper), int16(lower), int16(min(upper+lower, maxCount))
		t.num, t.lt, t.odd, t.sep = digits == n, lt > 0, odd > 0, ' '
	}
	sc.toks = toks
}

// readGap reads g, the gap before t of more than one byte, after a word of
// class prevCls.
func (t *token) readGap(g []byte, prevCls uint32) {
	t.brk, t.para = endsSentence(g, prevCls)
	t.join, t.sep = gapJoins(g), gapSep(g)
}

// markEmails marks the tokens inside the e-mail addresses, found first:
// no rule reads them, and they name nothing ("passport@example.com").
func (sc *scanner) markEmails() {
	toks, k := sc.toks, 0
	for _, e := range sc.out {
		for k < len(toks) && int(toks[k].b) <= e.Start {
			k++
		}
		for ; k < len(toks) && int(toks[k].a) < e.End; k++ {
			toks[k].skip, toks[k].email = true, true
		}
	}
}

// uuid marks tokens last-4 to last when they are a UUID.
func (sc *scanner) uuid(last int) {
	n := last + 1
	if n < 5 {
		return
	}
	for j, want := range [5]int{8, 4, 4, 4, 12} {
		t := sc.toks[n-5+j]
		if t.n() != want || (j > 0 && sc.s[t.a-1] != '-') {
			return
		}
		for _, c := range sc.lo[t.a:t.b] {
			if !isDigit(c) && (c < 'a' || c > 'f') {
				return
			}
		}
	}
	for j := n - 5; j < n; j++ {
		sc.toks[j].skip = true
	}
}
