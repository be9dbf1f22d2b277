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

func (sc *scanner) streetSuffixed(j int) bool { return sc.streetSuffixedToken(&sc.toks[j]) }

// streetSuffixedToken reports whether t is a street name written as one
// word: "Hauptstraße", "Keizersgracht".
func (sc *scanner) streetSuffixedToken(t *token) bool {
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
// a street (either order) followed by a postcode or a city after a comma,
// or after a word that says an address follows ("I live at", "address:"),
// the street alone. Written in small letters, it needs the postcode.
func (sc *scanner) address(i int) (int, bool) {
	n := len(sc.toks)
	e, lower := 0, false
	name := func(j int) bool {
		if bytes.IndexByte(sc.gap(j), ',') >= 0 {
			return false // the city comes after the comma
		}
		if sc.nameish(j) || sc.streetNameWord(j) {
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
		// The name and the street word, the last one within reach:
		// "17 St Marks Close", "42 Baker Street".
		names, last := 0, -1
		for ; j < n && j <= i+6; j++ {
			if sc.class(j)&wordStreet2 != 0 && names > 0 {
				last = j
				if !sc.nameWord(j+1) || bytes.IndexByte(sc.gap(j+1), ',') >= 0 {
					break
				}
			} else if !name(j) && !(j == i+1 && sc.sep(j) == ',' && sc.nameWord(j)) { // "Lot 32, Rizal Ave."
				break
			}
			names++
		}
		if last < 0 {
			return 0, false
		}
		e = last
	case sc.class(i)&(wordStreet|wordStreet2) != 0 || sc.germanStreet(i):
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
		if sc.class(i)&(wordStreet|wordStreet2) == 0 {
			lower = true // "Am Kirchberg 26" needs its postcode
		}
	case sc.streetSuffixed(i) && sc.houseNumber(i+1):
		e, lower = i+1, !isUpper(sc.s[sc.toks[i].a])
	default:
		return 0, false
	}
	if end, ok := sc.addressTail(e, lower); ok {
		return end, true
	}
	return e, !lower && sc.addressCue(i)
}

// unitBefore returns where an address starting at token i starts when a
// flat or unit comes before it: "Unit 4, 88 George Street", "Apt 5B 12
// Main St".
func (sc *scanner) unitBefore(i int) int {
	if i < 2 || !sc.houseNumber(i-1) || strings.ContainsAny(string(sc.gap(i-1)), ".") {
		return i
	}
	switch string(sc.lo[sc.toks[i-2].a:sc.toks[i-2].b]) {
	case "unit", "flat", "apt", "apartment", "suite", "ste", "piso", "depto", "dpto", "apto", "wohnung", "bloco", "lot":
		return i - 2
	}
	return i
}

// germanStreet reports whether token i is a German preposition that
// starts street names, "Am Kirchberg", "Im Tal", "An der Mühle", written
// with its capital.
func (sc *scanner) germanStreet(i int) bool {
	t := sc.toks[i]
	if t.n() > 3 || t.upper != 1 || !isUpper(sc.s[t.a]) {
		return false
	}
	if !germanPrefix(sc.lo[t.a]) {
		return false
	}
	switch string(sc.lo[t.a:t.b]) {
	case "am", "im", "an", "auf", "zum", "zur", "in":
		return i+1 < len(sc.toks) && sc.nameWord(i+1)
	}
	return false
}

// germanPrefix reports whether c, small, starts one of the prepositions of
// germanStreet.
func germanPrefix(c byte) bool { return c == 'a' || c == 'i' || c == 'z' }

// streetNameWord reports whether token j is a capitalized word that may be
// part of a street's name even though it is a keyword elsewhere: "4732
// Bank St".
func (sc *scanner) streetNameWord(j int) bool {
	if j >= len(sc.toks) {
		return false
	}
	t := sc.toks[j]
	if t.digits > 0 || t.lt || t.odd || t.skip || t.n() < 3 || t.upper != 1 || !isUpper(sc.s[t.a]) {
		return false
	}
	return sc.class(j)&(wordNameStop|wordMonth|wordNever|wordFiller|wordAddress|wordAbout) == 0 && sc.class(j)&(wordStreet2|armAny) != 0
}

// addressCue reports whether a word that says an address follows comes
// within four words before token i: "I live at", "my address is",
// "Adresse:", "ship to".
func (sc *scanner) addressCue(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4 && !sc.toks[j+1].brk; j-- {
		if sc.toks[j].cls&wordAddress != 0 {
			return true
		}
	}
	return false
}

// cuePrepositions may come between an address's cue and the address.
var cuePrepositions = map[string]bool{"to": true, "at": true, "in": true, "au": true, "en": true, "na": true, "em": true, "al": true, "a": true, "ist": true, "es": true, "sono": true, "est": true}

// scriptWord reports whether token i is a keyword folded from another
// script: 住所, 주소.
func (sc *scanner) scriptWord(i int) bool {
	a := sc.toks[i].a
	for _, at := range sc.f.script {
		if at == a {
			return true
		}
	}
	return false
}

// gapFolded reports whether the text between tokens i and j was folded
// from Chinese, Japanese or Korean: more than three bytes, nothing but
// spaces and punctuation.
func (sc *scanner) gapFolded(i, j int) bool {
	g := sc.s[sc.toks[i].b:sc.toks[j].a]
	for _, c := range g {
		switch c {
		case ' ', '~', ':', ',', '-': // 〒, ：, 、
		default:
			return false
		}
	}
	return j == i+1 && len(g) >= 3
}

// cueAddress reads an address that a word like "address" announces,
// written without a street word: "address: Flat 7B, Lakshmi Nivas, 14th
// Cross, Andheri West, Mumbai 400053". Token i is the cue; the address runs
// from the next word that is not a filler to a postcode within reach,
// with a house number before it. It returns the address's tokens.
func (sc *scanner) cueAddress(i int) (start, end int, ok bool) {
	toks := sc.toks
	start = i + 1
	for start < len(toks) && start <= i+3 && (toks[start].cls&(wordFiller|wordAddress) != 0 || cuePrepositions[string(sc.lo[toks[start].a:toks[start].b])]) {
		start++
	}
	if start < len(toks) && toks[start].num && toks[start].n() <= 5 && sc.scriptWord(i) && sc.gapFolded(i, start) {
		// An address in Chinese, Japanese or Korean, its names folded
		// away: "住所 東京都新宿区西新宿2-8-1", "주소: 서울 강남구 테헤란로 123".
		// The numbers of the address, the names between them folded away:
		// "〒060-0042 北海道札幌市中央区大通西5-4-29 サンハイツ303号室".
		end = start
		for j := start + 1; j < len(toks) && j <= start+8 && toks[j].num && toks[j].n() <= 5 && !toks[j].brk && (toks[j].join || sc.gapFolded(j-1, j)); j++ {
			end = j
		}
		return i, end, true
	}
	house, names, street, last := false, 0, false, -1
	for j := start; j < len(toks) && j <= start+16; j++ {
		t := toks[j]
		if t.brk && j > start && toks[j-1].n() > 1 || t.skip || t.cls&wordNever != 0 {
			break // a sentence ends, but not after an initial: "P.O. Box 789"
		}
		if sc.nameWord(j) || sc.streetNameWord(j) {
			names++
			last = j
			street = street || house && t.cls&(wordStreet|wordStreet2|wordArea) != 0
		}
		if house && names >= 2 && j > start+1 {
			if k, ok := sc.postcode(j); ok && (!t.num || t.n() >= 4) {
				return start, sc.cityAfter(k, false), true // "4909-143 Porto"
			}
			if t.num && t.n() == 6 {
				return start, sc.cityAfter(j, false), true // India: "Mumbai 400053"
			}
		}
		if t.digits > 0 && t.digits <= 4 && t.n() <= 5 {
			house = true
		} else if t.digits > 0 {
			return 0, 0, false
		}
	}
	// Without a postcode: a house number, then a street word and more
	// names, to the last of them: "Plot 15, Admiralty Way, Lekki, Lagos".
	if house && street && names >= 3 {
		return start, last, true
	}
	return 0, 0, false
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
			return sc.cityAfter(k, lower), true
		}
		if !lower && strings.Contains(string(sc.gap(j)), ",") && sc.nameWord(j) {
			end = j // the city
			continue
		}
		if end >= 0 && j == end+1 && !strings.ContainsAny(string(sc.gap(j)), ".") {
			if e := sc.cityAfter(end, false); e > end {
				end = e // the city goes on: "New York", "Rio de Janeiro"
				j = e
				continue
			}
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

// cityAfter returns the last token of the city's name that may follow a
// postcode at token k: "28013 Madrid", "01001-000 São Paulo", "03940
// Ciudad de México"; k when there is none.
func (sc *scanner) cityAfter(k int, lower bool) int {
	end := k
	for j := k + 1; j < len(sc.toks) && j <= k+4 && !strings.ContainsAny(string(sc.gap(j)), ".,") && !sc.breaksSentence(j); j++ {
		switch {
		case sc.nameWord(j) || lower && j == k+1 && sc.plainWord(j):
			end = j
		case sc.class(j)&wordConnector != 0 && end == j-1 && (j > k+1 || sc.nameWord(k)) && (sc.nameWord(j+1) || sc.monthName(j+1)):
		case sc.monthName(j) && sc.class(j-1)&wordConnector != 0 && end == j-2:
			end = j // "Rio de Janeiro"
		default:
			return end
		}
	}
	return end
}

// monthName reports whether token j is a month's name written with its
// capital, as in a city's name: "Rio de Janeiro".
func (sc *scanner) monthName(j int) bool {
	if j >= len(sc.toks) {
		return false
	}
	t := sc.toks[j]
	return t.cls&wordMonth != 0 && t.upper == 1 && t.n() > 3 && isUpper(sc.s[t.a])
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
			if p := sc.toks[j-1]; j > 0 && p.n() >= 2 && p.n() <= 3 && p.upper == p.letter && p.digits == 0 && !sc.breaksSentence(j) {
				return j, true // Australia: VIC 3065
			}
			if j > 0 && sc.nameWord(j-1) && !sc.breaksSentence(j) && !(j+1 < n && sc.toks[j+1].digits > 0) {
				return j, true // after the city: "Cape Town 8001"
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
	if sc.eircode(j) {
		return j + 1, true
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

// eircode reports whether tokens j and j+1 are an Irish Eircode: a
// routing key (a letter and two digits, or D6W) and four capitals and
// digits, "D09 W6X3".
func (sc *scanner) eircode(j int) bool {
	if j+1 >= len(sc.toks) || !sc.joined(j+1) {
		return false
	}
	t, u := sc.toks[j], sc.toks[j+1]
	w, v := sc.s[t.a:t.b], sc.s[u.a:u.b]
	if len(w) != 3 || len(v) != 4 || !isUpper(w[0]) || !(isDigit(w[1]) && (isDigit(w[2]) || w[2] == 'W')) {
		return false
	}
	for _, c := range v {
		if !isUpper(c) && !isDigit(c) {
			return false
		}
	}
	return u.digits >= 1 && u.letter >= 1
}
