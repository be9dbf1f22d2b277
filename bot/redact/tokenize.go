package redact

import "encoding/binary"

// tokenize reads the tokens of the folded text in one walk: each word with
// where it starts and ends and its counts of digits and letters, the gap
// before it, whether it is inside an e-mail address (found first), its
// class and whether a rule may start with it.
func (sc *scanner) tokenize() {
	s, lo := sc.s, sc.lo[:len(sc.s)]
	toks := sc.toks[:0]
	emails, e := sc.out, 0 // only e-mail addresses are found yet
	prevCls, prevB := uint32(0), 0
	nsig := 0
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
		b := i
		if len(toks) == cap(toks) {
			toks = append(toks, token{})[:len(toks)]
		}
		k := len(toks)
		toks = toks[:k+1]
		t := &toks[k]
		n := b - a
		digits, upper, lower, lt, odd := int(acc&countMask), int(acc>>12&countMask), int(acc>>24&countMask), int(acc>>36&countMask), int(acc>>48&countMask)
		if n > countMask {
			digits, upper, lower, lt, odd = countBytes(s[a:b])
			digits, upper, lower = min(digits, maxCount), min(upper, maxCount), min(lower, maxCount)
		}
		*t = token{}
		t.a, t.b = int32(a), int32(b)
		t.digits, t.upper, t.lower, t.letter = int16(digits), int16(upper), int16(lower), int16(min(upper+lower, maxCount))
		t.num, t.lt, t.odd, t.sep = digits == n, lt > 0, odd > 0, ' '
		if k > 0 {
			if a == prevB+1 {
				c := s[prevB]
				g := gapByte[c]
				t.brk, t.join = g&gBreak != 0, g&gJoin != 0
				if g&gSpace == 0 {
					t.sep = c
				}
			} else {
				t.readGap(s[prevB:a], prevCls)
			}
		}
		prevB = b
		// The tokens inside an e-mail address: no rule reads them, and
		// they name nothing ("passport@example.com").
		for e < len(emails) && emails[e].End <= a {
			e++
		}
		if e < len(emails) && emails[e].Start < b {
			t.skip, t.email = true, true
			prevCls = 0
			continue
		}
		// Most words start no rule: run2 skips them. A word starts one if
		// it is a month, a street or address word, a German preposition
		// or document number, or (seen when the next token has digits) a
		// short word in capitals or a street name written as one word.
		if digits == 0 {
			if lt == 0 && odd == 0 {
				c := uint32(0)
				if n <= maxWord {
					first := uint64(0)
					if a+8 <= len(lo) {
						first = binary.LittleEndian.Uint64(lo[a:]) & lowBytes[min(n, 8)]
					} else {
						first = firstBytes(lo, a, n)
					}
					c = wordIndex.class(lo, a, n, first)
				}
				if c == 0 && n >= 6 && compoundLast[lo[b-1]] {
					c = compound(lo, a, n)
				}
				t.cls = c
				t.start = c&(wordMonth|wordStreet|wordStreet2|wordAddress) != 0 ||
					upper == 9 && sc.capitals9Token(t) || upper == 1 && n <= 3 && germanPrefix(lo[a])
				prevCls = c
				if c&significant != 0 {
					nsig++
				}
			} else {
				t.start = lt > 0
				prevCls = 0
			}
		} else {
			if digits >= 6 {
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
			prevCls = 0
		}
		if n == 12 && digits < 12 && a > 0 && s[a-1] == '-' {
			sc.toks = toks
			sc.uuid(k)
		}
	}
	sc.toks = toks
	sc.nsig = nsig
}

// readGap reads g, the gap before t of more than one byte, after a word of
// class prevCls.
func (t *token) readGap(g []byte, prevCls uint32) {
	t.brk, t.para = endsSentence(g, prevCls)
	t.join, t.sep = gapJoins(g), gapSep(g)
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
