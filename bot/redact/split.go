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

// split finds a number written in two parts with words between them:
// "4111 1111 and then 1111 1111", "my ssn is 859 47 ... sorry hit enter
// too early ... 6100", "iban part 1: DE59 1002 0500 part 2: 2691 5956 41".
// The two parts together must pass a card's or an IBAN's check, or an
// SSN's, SIN's, Aadhaar's or CPF's with its keyword before the first part
// or earlier in the message. Up to splitReach words may come between them,
// across sentences but not paragraphs, and no order, ticket or error word
// right before the second. It returns the ends of the two parts.
func (sc *scanner) split(i int) (end1, start2, end2 int, kind Kind, ok bool) {
	toks := sc.toks
	if i > 0 && toks[i].join && toks[i-1].digits > 0 {
		return 0, 0, 0, "", false // not the start of a number
	}
	var buf [40]byte
	var d []byte
	e1, prefixed := i, false
	if sc.ibanPrefix(i) {
		// The country and check digits, then groups of digits.
		t := toks[i]
		d = append(buf[:0], upperCase[sc.s[t.a]], upperCase[sc.s[t.a+1]], sc.s[t.a+2], sc.s[t.a+3])
		// Groups of digits, or of a bank's capitals: "GB75 LOYD 4654".
		for j := i + 1; j < len(toks) && j <= i+8 && toks[j].join && !toks[j].skip; j++ {
			t := toks[j]
			if !(t.num || t.digits == 0 && t.upper == t.letter && t.n() == 4) || len(d)+t.n() > 30 {
				break
			}
			for _, c := range sc.s[t.a:t.b] {
				d = append(d, upperCase[c])
			}
			e1 = j
		}
		prefixed = true
	} else {
		if !sc.numberAhead(i) {
			return 0, 0, 0, "", false
		}
		var ok bool
		if e1, d, ok = sc.digitRun(i, buf[:0], 19); !ok || len(d) < 3 || sc.phoneLed(i) || sc.amountNear(i, e1) {
			return 0, 0, 0, "", false
		}
	}
	first := len(d)
	sentence := true // no sentence ends between the parts
	for j := e1 + 1; j < len(toks) && j <= e1+splitReach+1; j++ {
		t := toks[j]
		if t.para || t.skip {
			break
		}
		sentence = sentence && !t.brk
		if !t.num {
			if t.digits > 0 {
				break // another number or code
			}
			continue
		}
		if t.n() == 1 && !(j+1 < len(toks) && toks[j+1].join && toks[j+1].num) {
			continue // "part 2:"
		}
		e2, kind, ok := sc.secondPart(i, e1, j, d[:first], prefixed, sentence)
		if ok {
			return e1, j, e2, kind, true
		}
		if t.n() > 1 {
			break
		}
		// "and last 4 7761": the one digit was a count.
	}
	return 0, 0, 0, "", false
}

// numberAhead reports whether a token of digits comes where split looks
// for the second part of a number whose first part starts at token i, an
// all-digit token: within splitReach words after the digits joined to it
// (19 at most), before a paragraph ends, an e-mail address or another
// number or code.
func (sc *scanner) numberAhead(i int) bool {
	toks := sc.toks
	e, n := i, toks[i].n()
	for e+1 < len(toks) && toks[e+1].join && toks[e+1].num && !toks[e+1].skip {
		e++
		n += toks[e].n()
	}
	if n > 19 {
		return false // longer than the first part split reads (see digitRun)
	}
	for j := e + 1; j < len(toks) && j <= e+splitReach+1; j++ {
		t := &toks[j]
		if t.para || t.skip || t.digits > 0 && !t.num {
			return false
		}
		if t.num {
			return true
		}
	}
	return false
}

// ssnStart reports whether tokens i..e are the start of an SSN written
// like one: three digits, a dash and two digits.
func (sc *scanner) ssnStart(i, e int) bool {
	return e == i+1 && sc.toks[i].n() == 3 && sc.toks[e].n() == 2 && sc.s[sc.toks[i].b] == '-' && sc.toks[e].a == sc.toks[i].b+1
}

// plausibleYear reports whether the four digits d are a year from 1900 to
// 2099.
func plausibleYear(d []byte) bool {
	y := num(d)
	return len(d) == 4 && y >= 1900 && y <= 2099
}

// secondPart reads the second part of a number in two parts from token j
// on, d holding the digits of the first part, tokens i..e1.
func (sc *scanner) secondPart(i, e1, j int, d []byte, prefixed, sentence bool) (int, Kind, bool) {
	toks := sc.toks
	first := len(d)
	e2, d, ok := sc.digitRun(j, d, 34)
	if !ok || len(d)-first < 2 || sc.amountNear(j, e2) || sc.neverBefore(j, e1) {
		return 0, "", false
	}
	if prefixed {
		return e2, IBAN, iban(d)
	}
	if cardNumber(d) && first >= 4 && len(d)-first >= 4 && (sentence || sc.armedFor(i, e2)&armCard != 0) {
		return e2, Card, true
	}
	switch len(d) {
	case 9, 11, 12:
		arms := sc.armedFor(i, e2)
		switch {
		case arms&armSIN != 0 && sin(d):
			return e2, SIN, true
		case arms&(armSSN|armID) != 0 && ssn(d) && (first == 3 || first == 5):
			return e2, SSN, true
		case arms == 0 && len(d) == 9 && ssn(d) && sc.ssnStart(i, e1) && e2 == j && toks[j].n() == 4 && !plausibleYear(d[5:]):
			// "761-33 — wait the discord filter ate the rest?? it ends
			// in 4305": the start is written as only an SSN's.
			return e2, SSN, true
		case arms&(armAadhaar|armID) != 0 && aadhaar(d), arms&armAadhaar != 0 && len(d) == 12:
			return e2, Aadhaar, true
		case arms&(armCPF|armID) != 0 && cpf(d), arms&armCPF != 0 && len(d) == 11:
			return e2, CPF, true
		}
	}
	return 0, "", false
}

// splitReach is how many words split reads between the parts of a number.
const splitReach = 12

// ibanPrefix reports whether token i is the start of an IBAN: a country's
// two letters and two check digits, "DE59".
func (sc *scanner) ibanPrefix(i int) bool {
	t := sc.toks[i]
	if t.n() != 4 || t.digits != 2 || t.letter != 2 || t.mixed() {
		return false
	}
	w := sc.s[t.a:t.b]
	if !isDigit(w[2]) || !isDigit(w[3]) {
		return false
	}
	return ibanLengths[string([]byte{upperCase[w[0]], upperCase[w[1]]})] > 0
}

// mixed reports whether the token has both small and capital letters.
func (t token) mixed() bool { return t.upper > 0 && t.lower > 0 }

// armedFor returns the kinds armed for a number in two parts starting at
// token i and ending at token k: by a keyword near the first part, or
// earlier in the message, unless an order, ticket or error word is nearer.
func (sc *scanner) armedFor(i, k int) uint32 {
	arms, never, tight := sc.before(i)
	if never {
		return 0
	}
	if arms |= tight; arms != 0 {
		return arms
	}
	return sc.far(i, k)
}

// neverBefore reports whether an order, ticket or error word comes right
// before token j (fillers aside) and after token e, in the same clause and
// with no keyword between: "order 4000 0000 0000 0002", not "for
// reference my SSN is", nor "the check step, it's 702-51-9643".
func (sc *scanner) neverBefore(j, e int) bool { return sc.neverWithin(j, e, 2) }

// neverWithin is neverBefore with at most words words between.
func (sc *scanner) neverWithin(j, e, words int) bool {
	n := 0
	for m := j - 1; m > e && m >= j-4 && n < words && !sc.toks[m+1].brk && sc.toks[m+1].sep != ','; m-- {
		c := sc.toks[m].cls
		if c&wordNever != 0 {
			return true
		}
		if c&wordClause != 0 {
			return false
		}
		if c&armAny != 0 {
			return false
		}
		if c&wordFiller == 0 {
			n++
		}
	}
	return false
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
