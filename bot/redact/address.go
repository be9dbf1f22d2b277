package redact

import (
	"bytes"
	"strings"
)

// houseNumber reports whether token j is a house number: "12", "221B".
func (sc *scanner) houseNumber(j int) bool {
	if j >= len(sc.toks) {
		return false
	}
	t := sc.toks[j]
	return t.digits >= 1 && t.digits <= 5 && t.letter <= 1 && !t.lt && !t.odd && !t.skip && isDigit(sc.s[t.a])
}

// nameish reports whether token j may be part of a street or city name.
func (sc *scanner) nameish(j int) bool {
	if j >= len(sc.toks) {
		return false
	}
	if sc.nameWord(j) || sc.class(j)&wordConnector != 0 {
		return true
	}
	t := sc.toks[j]
	if t.digits == 0 && t.letter >= 3 && t.upper == t.letter && !t.skip && sc.class(j)&(wordNever|wordFiller) == 0 {
		return true // MAIN STREET
	}
	_, ordinal := sc.dayToken(j) // "5th Avenue"
	return ordinal && t.letter > 0
}

func (sc *scanner) streetSuffixed(j int) bool {
	t := sc.toks[j]
	if t.digits > 0 || t.n() < 5 || t.lt || t.odd {
		return false
	}
	w := sc.lo[t.a:t.b]
	last := w[len(w)-1]
	if last < 'a' || last > 'z' {
		return false
	}
	for _, s := range streetSuffixesByLast[last-'a'] {
		if len(w) > len(s)+2 && string(w[len(w)-len(s):]) == s {
			return true
		}
	}
	return false
}

// plainWord reports whether token j is a word written in small letters
// that may be part of a street or city name: "main st springfield".
func (sc *scanner) plainWord(j int) bool {
	if j >= len(sc.toks) {
		return false
	}
	t := sc.toks[j]
	return t.digits == 0 && t.letter >= 2 && !t.lt && !t.odd && !t.skip &&
		sc.class(j)&(wordNever|wordFiller|armAny|armBirth|wordMonth|wordAbout|wordNameStop) == 0
}

// address reads a street address starting at token i: a house number and
// a street (either order) followed by a postcode or a city after a comma.
// Written in small letters, it needs the postcode.
func (sc *scanner) address(i int) (int, bool) {
	n := len(sc.toks)
	e, lower := 0, false
	name := func(j int) bool {
		if bytes.IndexByte(sc.gap(j), ',') >= 0 {
			return false // the city comes after the comma
		}
		if sc.nameish(j) {
			return true
		}
		if sc.plainWord(j) {
			lower = true
			return true
		}
		return false
	}
	switch {
	case sc.houseNumber(i):
		if !sc.streetAhead(i) {
			return 0, false
		}
		j := i + 1
		if j < n && sc.class(j)&wordStreet != 0 {
			e = j
			for e+1 < n && e+1 <= j+4 && !sc.houseNumber(e+1) && name(e+1) {
				e++
			}
			if e == j {
				return 0, false
			}
			break
		}
		names := 0
		for j < n && j <= i+5 && sc.class(j)&wordStreet2 == 0 && name(j) {
			names++
			j++
		}
		if names == 0 || j >= n || sc.class(j)&wordStreet2 == 0 {
			return 0, false
		}
		e = j
	case sc.class(i)&(wordStreet|wordStreet2) != 0:
		j := i + 1
		names := 0
		for j < n && j <= i+5 && !sc.houseNumber(j) && name(j) {
			names++
			j++
		}
		if j < n && sc.class(j)&wordQualified != 0 {
			j++
		}
		if names == 0 || !sc.houseNumber(j) {
			return 0, false
		}
		e = j
	case sc.streetSuffixed(i) && sc.houseNumber(i+1):
		e, lower = i+1, !isUpper(sc.s[sc.toks[i].a])
	default:
		return 0, false
	}
	return sc.addressTail(e, lower)
}

// streetAhead reports whether a street word that can follow a house
// number at token i comes soon enough: "rue" right after it, "street" two
// to six words on.
func (sc *scanner) streetAhead(i int) bool {
	toks := sc.toks
	if i+1 < len(toks) && toks[i+1].cls&wordStreet != 0 {
		return true
	}
	for j := i + 2; j < len(toks) && j <= i+6; j++ {
		if toks[j].cls&wordStreet2 != 0 {
			return true
		}
	}
	return false
}

// addressTail finds the postcode or city that ends an address whose street
// ends at token e; only a postcode when lower.
func (sc *scanner) addressTail(e int, lower bool) (int, bool) {
	n := len(sc.toks)
	end := -1
	for j := e + 1; j < n && j <= e+8; j++ {
		if sc.breaksSentence(j) {
			break
		}
		if k, ok := sc.postcode(j); ok {
			end = k
			if (sc.nameWord(k+1) || lower && sc.plainWord(k+1)) && !strings.ContainsAny(string(sc.gap(k+1)), ".") {
				end = k + 1 // "28013 Madrid"
			}
			return end, true
		}
		if !lower && strings.Contains(string(sc.gap(j)), ",") && sc.nameWord(j) {
			end = j // the city
			continue
		}
		t := sc.toks[j]
		state := t.n() == 2 && (t.upper == 2 || lower && t.lower == 2)
		if !sc.nameish(j) && !(lower && sc.plainWord(j)) && !state && !(t.digits > 0 && t.digits <= 4 && t.n() <= 5) && sc.class(j)&wordFiller == 0 {
			switch sc.word(j) {
			case "apt", "apartment", "flat", "suite", "unit", "piso", "puerta", "etage", "bloco", "apto", "interno", "scala":
			default:
				return end, end >= 0
			}
		}
	}
	return end, end >= 0
}

// postcode reads a postal code at token j and returns its last token.
func (sc *scanner) postcode(j int) (int, bool) {
	t := sc.toks[j]
	n := len(sc.toks)
	w := sc.s[t.a:t.b]
	next := func(k int) (token, bool) {
		if j+k >= n || !sc.joined(j+k) {
			return token{}, false
		}
		return sc.toks[j+k], true
	}
	if t.numeric() {
		nt, ok := next(1)
		switch t.n() {
		case 5:
			if ok && sc.sep(j+1) == '-' && nt.numeric() && (nt.n() == 4 || nt.n() == 3) {
				return j + 1, true // ZIP+4, Brazil
			}
			return j, true
		case 4:
			if ok && sc.sep(j+1) == '-' && nt.digits == 3 && nt.n() == 3 {
				return j + 1, true // Portugal
			}
			if ok && nt.n() == 2 && nt.upper == 2 {
				return j + 1, true // the Netherlands
			}
			return j, sc.nameWord(j + 1)
		case 3:
			if ok && nt.n() == 2 && nt.digits == 2 {
				return j + 1, true // Sweden
			}
		}
		return 0, false
	}
	if t.upper != t.letter || t.n() < 2 || t.n() > 4 || !isUpper(w[0]) {
		return 0, false
	}
	nt, ok := next(1)
	if !ok || nt.n() != 3 {
		return 0, false
	}
	v := sc.s[nt.a:nt.b]
	if isDigit(v[0]) && isUpper(v[1]) && isUpper(v[2]) && (isDigit(w[len(w)-1]) || isDigit(w[len(w)-2])) {
		return j + 1, true // UK: SW1A 1AA
	}
	if t.n() == 3 && isDigit(w[1]) && isUpper(w[2]) && isDigit(v[0]) && isUpper(v[1]) && isDigit(v[2]) {
		return j + 1, true // Canada: K1A 0B1
	}
	return 0, false
}
