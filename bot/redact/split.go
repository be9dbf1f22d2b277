package redact

// digitRun returns the last token of the run of all-digit tokens joined to
// token i, and the digits, at most max of them; ok is false when i is not
// all digits or the run is longer.
func (sc *scanner) digitRun(i int, buf []byte, max int) (end int, digits []byte, ok bool) {
	if i >= len(sc.toks) || !sc.toks[i].num || sc.toks[i].skip {
		return 0, buf, false
	}
	end = i
	for {
		t := sc.toks[end]
		if len(buf)+t.n() > max {
			return 0, buf, false
		}
		buf = append(buf, sc.s[t.a:t.b]...)
		if end+1 >= len(sc.toks) || !sc.joined(end+1) || !sc.toks[end+1].num || sc.toks[end+1].skip {
			return end, buf, true
		}
		end++
	}
}

// split finds a number written in two parts with a few words between
// them, "4111 1111 and then 1111 1111": when the two parts together pass
// a card's check, or an SSN's, Aadhaar's or CPF's with its keyword near,
// it returns the ends of the two parts.
func (sc *scanner) split(i int) (end1, start2, end2 int, kind Kind, ok bool) {
	if i > 0 && sc.joined(i) && sc.toks[i-1].digits > 0 {
		return 0, 0, 0, "", false // not the start of a number
	}
	var buf [24]byte
	e1, d, ok := sc.digitRun(i, buf[:0], 19)
	if !ok || len(d) < 4 || sc.phoneLed(i) || sc.amountNear(i, e1) {
		return 0, 0, 0, "", false
	}
	first := len(d)
	words := 0
	for j := e1 + 1; j < len(sc.toks) && words <= 4; j++ {
		if sc.breaksSentence(j) || sc.toks[j].skip {
			break
		}
		t := sc.toks[j]
		if !t.num {
			if t.digits > 0 || sc.class(j)&wordNever != 0 {
				break
			}
			words++
			continue
		}
		e2, d, ok := sc.digitRun(j, d[:first], 19)
		if !ok || len(d)-first < 4 || sc.amountNear(j, e2) {
			break
		}
		switch {
		case cardNumber(d):
			return e1, j, e2, Card, true
		case len(d) == 9 || len(d) == 11 || len(d) == 12:
			arms, never := sc.context(i, e2)
			switch {
			case never:
			case arms&(armSSN|armID) != 0 && ssn(d):
				return e1, j, e2, SSN, true
			case arms&(armAadhaar|armID) != 0 && aadhaar(d):
				return e1, j, e2, Aadhaar, true
			case arms&(armCPF|armID) != 0 && cpf(d):
				return e1, j, e2, CPF, true
			}
		}
		break
	}
	return 0, 0, 0, "", false
}

// amountNear reports whether tokens i..k are written like an amount or
// a decimal: a currency sign or a comma or dot right against them.
func (sc *scanner) amountNear(i, k int) bool {
	if a := sc.toks[i].a; a > 0 {
		switch sc.s[a-1] {
		case ',', '.', '$', '~', '#':
			return true
		}
	}
	if b := int(sc.toks[k].b); b < len(sc.s) {
		switch sc.s[b] {
		case ',', '.', '%':
			return b+1 < len(sc.s) && isDigit(sc.s[b+1]) || sc.s[b] == '%'
		}
	}
	return false
}
