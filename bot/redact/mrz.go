package redact

// mrzLine reports whether token i may be part of a machine-readable zone:
// capitals (or small letters), digits and the filler '<', with "<<" in it.
func (sc *scanner) mrzLine(i int) bool {
	t := sc.toks[i]
	if !t.lt || t.odd || t.n() < 10 || t.n() > 50 {
		return false
	}
	w := sc.s[t.a:t.b]
	for j := 1; j < len(w); j++ {
		if w[j] == '<' && w[j-1] == '<' {
			return true
		}
	}
	return false
}

// mrz reads the machine-readable zone starting at token i: one to three
// lines of it. A part counts when it is long enough to be a whole line, or
// when its check digits hold.
func (sc *scanner) mrz(i int) (int, bool) {
	if !sc.mrzLine(i) {
		return 0, false
	}
	k := i
	for k+1 < len(sc.toks) && k < i+2 && sc.mrzLine(k+1) && len(sc.gap(k+1)) <= 3 {
		k++
	}
	var line [50]byte
	for j := i; j <= k; j++ {
		t := sc.toks[j]
		if t.n() >= 28 {
			return k, true
		}
		w := line[:0]
		for _, c := range sc.s[t.a:t.b] {
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			w = append(w, c)
		}
		if mrzChecked(w) >= 1 && t.digits >= 6 {
			return k, true
		}
	}
	return 0, false
}
