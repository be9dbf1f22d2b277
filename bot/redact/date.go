package redact

import "bytes"

// date reads a date starting at token i: 27/11/1985, 1985-11-27,
// 27.11.85, "27 November 1985", "November 27th, 1985", "27 de noviembre de
// 1985", "27. November 1985". birth says it is a date of birth: a birth
// word is near it, or it follows what looks like a full name and is a
// plausible birth year.
func (sc *scanner) date(i int) (end int, ok, birth bool) {
	if !sc.mayBeDate(i) {
		return 0, false, false
	}
	k, year, ok := sc.numericDate(i)
	if !ok {
		k, year, ok = sc.writtenDate(i)
	}
	if !ok {
		if k, ok = sc.monthYear(i); ok {
			arms, _ := sc.context(i, k)
			return k, true, arms&armBirth != 0
		}
		return 0, false, false
	}
	arms, never, tight := sc.before(i)
	if arms == 0 && !never {
		arms, _ = sc.after(k)
	}
	if year == 1900 || sc.otherDate(i) {
		return k, true, false // "issued 12/03/2015", or a default: "01/01/1900"
	}
	if a := int(sc.toks[i].a); (arms|tight)&armBirth != 0 || bytes.Contains(bytes.ToLower(sc.s[max(0, a-12):a]), []byte("d.o.b")) {
		return k, true, true // "dob 12/03/1985", "b. 16-Oct-1977"
	}
	if year >= 100 && (year < 1900 || year > 2015) {
		return k, true, false
	}
	// A plausible birth date after a full name, or with a birth word
	// earlier in the message: "they have my birth date wrong. Bruno
	// Lindqvist should be 11/07/1988".
	return k, true, sc.nameBefore(i) || year > 1900 && year <= 2008 && sc.far(i, k)&armBirth != 0
}

// otherDate reports whether a word saying what else a date is comes
// within three words before token i: "issued 12/03/2015", "valid until".
func (sc *scanner) otherDate(i int) bool {
	for j := i - 1; j >= 0 && j >= i-3 && !sc.toks[j+1].brk; j-- {
		if sc.toks[j].cls&wordDateOther != 0 {
			return true
		}
	}
	return false
}

// mayBeDate reports whether a date may start at token i: it is a month,
// or a '/', '.' or '-' alone follows it, or a month one or two words on.
func (sc *scanner) mayBeDate(i int) bool {
	toks := sc.toks
	if toks[i].cls&wordMonth != 0 {
		return true
	}
	if i+1 >= len(toks) {
		return false
	}
	if next := toks[i+1]; next.cls&wordMonth != 0 || next.a == toks[i].b+1 && (next.sep == '/' || next.sep == '.' || next.sep == '-') {
		return true
	}
	return i+2 < len(toks) && toks[i+2].cls&wordMonth != 0
}

// monthYear reads a month and year: 02/2027, 2027-02.
func (sc *scanner) monthYear(i int) (int, bool) {
	if i+1 >= len(sc.toks) {
		return 0, false
	}
	g := sc.gap(i + 1)
	if len(g) != 1 || (g[0] != '/' && g[0] != '.' && g[0] != '-') {
		return 0, false
	}
	if m, ok := sc.digitsToken(i, 1, 2); ok {
		y, ok := sc.digitsToken(i+1, 4, 4)
		return i + 1, ok && m >= 1 && m <= 12 && y >= 1900 && y <= 2099
	}
	y, ok1 := sc.digitsToken(i, 4, 4)
	m, ok2 := sc.digitsToken(i+1, 1, 2)
	return i + 1, ok1 && ok2 && len(sc.toks[i+1:]) > 0 && sc.toks[i+1].n() == 2 && m >= 1 && m <= 12 && y >= 1900 && y <= 2099
}

func (sc *scanner) digitsToken(i, minLen, maxLen int) (int, bool) {
	if i >= len(sc.toks) {
		return 0, false
	}
	t := sc.toks[i]
	if !t.numeric() || t.n() < minLen || t.n() > maxLen || t.skip {
		return 0, false
	}
	return num(sc.s[t.a:t.b]), true
}

func (sc *scanner) numericDate(i int) (int, int, bool) {
	if i+2 >= len(sc.toks) {
		return 0, 0, false
	}
	g1, g2 := sc.gap(i+1), sc.gap(i+2)
	if len(g1) != 1 || len(g2) != 1 || g1[0] != g2[0] || (g1[0] != '/' && g1[0] != '.' && g1[0] != '-') {
		return 0, 0, false
	}
	if y, ok := sc.digitsToken(i, 4, 4); ok {
		m, ok1 := sc.digitsToken(i+1, 1, 2)
		d, ok2 := sc.digitsToken(i+2, 1, 2)
		if ok1 && ok2 && y >= 1900 && y <= 2099 && validDate(y, 0, m, d) {
			return i + 2, y, true
		}
		return 0, 0, false
	}
	a, ok1 := sc.digitsToken(i, 1, 2)
	b, ok2 := sc.digitsToken(i+1, 1, 2)
	y, ok3 := sc.digitsToken(i+2, 2, 4)
	if !ok1 || !ok2 || !ok3 || sc.toks[i+2].n() == 3 {
		return 0, 0, false
	}
	full := y
	if sc.toks[i+2].n() == 2 {
		full = 0
	} else if y < 1900 || y > 2099 {
		return 0, 0, false
	}
	if validDate(full, y%100, b, a) || validDate(full, y%100, a, b) {
		if full == 0 {
			return i + 2, y, true // a two-digit year: a plausible birth year
		}
		return i + 2, full, true
	}
	return 0, 0, false
}

// dayToken reads a day of the month: "27", "27th", "1st", "1er", "1o".
func (sc *scanner) dayToken(i int) (int, bool) {
	if i >= len(sc.toks) {
		return 0, false
	}
	t := sc.toks[i]
	w := sc.lo[t.a:t.b]
	n := 0
	for n < len(w) && isDigit(w[n]) {
		n++
	}
	if n == 0 || n > 2 {
		return 0, false
	}
	switch string(w[n:]) {
	case "", "st", "nd", "rd", "th", "er", "o", "a", "e":
	default:
		return 0, false
	}
	d := num(w[:n])
	return d, d >= 1 && d <= 31
}

func (sc *scanner) monthToken(i int) int {
	if i >= len(sc.toks) || sc.class(i)&wordMonth == 0 {
		return 0
	}
	return months[sc.word(i)]
}

// skipConnector steps over "of", "de", "del" at token j.
func (sc *scanner) skipConnector(j int) int {
	if j < len(sc.toks) {
		switch sc.word(j) {
		case "of", "de", "del", "di", "do", "the":
			return j + 1
		}
	}
	return j
}

func (sc *scanner) writtenDate(i int) (int, int, bool) {
	if d, ok := sc.dayToken(i); ok {
		j := sc.skipConnector(i + 1)
		if m := sc.monthToken(j); m > 0 {
			j = sc.skipConnector(j + 1)
			if y, ok := sc.digitsToken(j, 4, 4); ok && y >= 1900 && y <= 2099 && validDate(y, 0, m, d) && j-i <= 4 {
				return j, y, true
			}
		}
		return 0, 0, false
	}
	if m := sc.monthToken(i); m > 0 {
		if d, ok := sc.dayToken(i + 1); ok {
			j := sc.skipConnector(i + 2)
			if y, ok := sc.digitsToken(j, 4, 4); ok && y >= 1900 && y <= 2099 && validDate(y, 0, m, d) {
				return j, y, true
			}
		}
	}
	return 0, 0, false
}

// nameWord reports whether token j looks like part of a name: a capital,
// then small letters.
func (sc *scanner) nameWord(j int) bool {
	if j < 0 || j >= len(sc.toks) {
		return false
	}
	t := sc.toks[j]
	if t.digits > 0 || t.lt || t.n() < 2 || t.skip {
		return false
	}
	w := sc.s[t.a:t.b]
	if !isUpper(w[0]) || t.upper != 1 {
		return false
	}
	return sc.class(j)&(wordNameStop|wordMonth|armAny|armBirth|wordNever|wordFiller) == 0
}

// nameBefore reports whether two name words come right before token i.
func (sc *scanner) nameBefore(i int) bool {
	if i < 2 || !sc.nameWord(i-1) {
		return false
	}
	j, g := i-2, sc.gap(i-1)
	if t := sc.toks[j]; j > 0 && t.n() == 1 && t.upper == 1 && len(g) == 2 && g[0] == '.' && g[1] == ' ' {
		j, g = j-1, sc.gap(j) // a middle initial: "Sneha P. Kulkarni"
	}
	if len(g) != 1 || g[0] != ' ' {
		return false
	}
	if j > 0 && !sc.nameWord(j) && int(sc.toks[j].letter) == sc.toks[j].n() && sc.sep(j) == '-' && sc.toks[j].a == sc.toks[j-1].b+1 {
		j-- // the first name's end: "Min-jun Kim"
	}
	if !sc.nameWord(j) {
		return false
	}
	g = sc.gap(i)
	return len(g) >= 1 && len(g) <= 3 && !sc.breaksSentence(i)
}
