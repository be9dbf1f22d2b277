package redact

import (
	"bytes"
	"strings"
)

// token is a run of letters, digits, '<' and '_' in the folded text.
type token struct {
	a, b int32 // s[a:b]
	// The counts of digits, letters, capitals and small letters, and the
	// longest run of digits, stop at maxCount.
	digits, letter, upper, lower, run int16
	cls                               uint32 // the class of the word, if it is one
	lt, odd                           bool   // holds '<'; holds '_' or a letter of another script
	brk                               bool   // the gap before it ends a sentence
	skip                              bool   // inside an e-mail address or a never-personal shape
	email                             bool   // inside an e-mail address
	num                               bool   // all digits
	// prev and next are how many tokens back and on the nearest keyword
	// is, or 0 when none is within reach.
	prev, next uint8
}

// maxCount is where the counts of a token stop.
const maxCount = 1<<15 - 1

// significant are the classes context looks for.
const significant = armAny | armBirth | wordNever | wordQualified | wordAbout

// reach is how far prev and next look.
const reach = 12

// link fills prev and next.
func (sc *scanner) link() {
	last := -1
	for i := range sc.toks {
		t := &sc.toks[i]
		t.prev = 0
		if last >= 0 && i-last <= reach {
			t.prev = uint8(i - last)
		}
		if t.cls&significant != 0 {
			last = i
		}
	}
	last = -1
	for i := len(sc.toks) - 1; i >= 0; i-- {
		t := &sc.toks[i]
		t.next = 0
		if last >= 0 && last-i <= reach {
			t.next = uint8(last - i)
		}
		if t.cls&significant != 0 {
			last = i
		}
	}
}

// counted returns the number of words that are not fillers among tokens
// a..b-1.
func (sc *scanner) counted(a, b int) int {
	n := 0
	for j := a; j < b; j++ {
		if sc.toks[j].cls&wordFiller == 0 {
			n++
		}
	}
	return n
}

func (t token) n() int { return int(t.b - t.a) }

// scanner finds personal data in one folded text, left to right, in time
// linear in its length: every rule looks at a bounded number of tokens
// around the one it starts from.
type scanner struct {
	f     folded
	s, lo []byte
	toks  []token
	out   []Finding // in folded offsets until the end
	// merged holds the findings when e-mail addresses, found first, are
	// merged with the rest.
	merged []Finding
}

// Classes of bytes in the folded text.
const (
	cWord byte = 1 << iota
	cDigit
	cUpper
	cLower
	cLt
	cOdd
)

var byteClass = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = cWord | cDigit
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cWord | cUpper
		t[c+'a'-'A'] = cWord | cLower
	}
	t['<'] = cWord | cLt
	t['_'] = cWord | cOdd
	t[otherLetter] = cWord | cOdd
	return t
}()

func isWordByte(c byte) bool { return byteClass[c]&cWord != 0 }

// byteCounts packs what a byte of each class adds to a token's counts of
// digits, capitals and small letters, 21 bits each.
var byteCounts = func() (t [64]uint64) {
	for c := range t {
		if byte(c)&cDigit != 0 {
			t[c] += 1
		}
		if byte(c)&cUpper != 0 {
			t[c] += 1 << 21
		}
		if byte(c)&cLower != 0 {
			t[c] += 1 << 42
		}
	}
	return t
}()

// countMask is one packed count; a token longer than it is counted again.
const countMask = 1<<21 - 1

// countBytes counts the digits, capitals and small letters of w.
func countBytes(w []byte) (digits, upper, lower int) {
	for _, b := range w {
		c := byteClass[b]
		switch {
		case c&cDigit != 0:
			digits++
		case c&cUpper != 0:
			upper++
		case c&cLower != 0:
			lower++
		}
	}
	return digits, upper, lower
}

// longestDigits returns the longest run of digits in w.
func longestDigits(w []byte) int {
	run, longest := 0, 0
	for _, b := range w {
		if isDigit(b) {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

func (sc *scanner) tokenize() {
	s := sc.s
	sc.toks = sc.toks[:0]
	for i := 0; i < len(s); {
		if byteClass[s[i]]&cWord == 0 {
			i++
			continue
		}
		t := token{a: int32(i)}
		var acc uint64
		seen := byte(0)
		for ; i < len(s); i++ {
			c := byteClass[s[i]]
			if c&cWord == 0 {
				break
			}
			sc.lo[i] = s[i] | (c&cUpper)<<3 // 'A' | 0x20 is 'a'
			acc += byteCounts[c&(cDigit|cUpper|cLower)]
			seen |= c
		}
		n := i - int(t.a)
		digits, upper, lower := int(acc&countMask), int(acc>>21&countMask), int(acc>>42&countMask)
		if n > countMask {
			digits, upper, lower = countBytes(s[t.a:i])
		}
		t.digits, t.upper, t.lower = int16(min(digits, maxCount)), int16(min(upper, maxCount)), int16(min(lower, maxCount))
		t.letter = int16(min(upper+lower, maxCount))
		if digits >= 6 {
			t.run = int16(min(longestDigits(s[t.a:i]), maxCount))
		}
		t.num = digits == n
		t.lt, t.odd = seen&cLt != 0, seen&cOdd != 0
		t.b = int32(i)
		if t.digits == 0 && !t.lt && !t.odd && t.n() <= maxWord && maybeWord(sc.lo[t.a:t.b]) {
			t.cls = wordIndex.lookup(sc.lo[t.a:t.b])
		}
		if n := len(sc.toks); n > 0 {
			if g := s[sc.toks[n-1].b:t.a]; len(g) == 1 {
				t.brk = g[0] == '?' || g[0] == '!' || g[0] == ';'
			} else {
				t.brk = endsSentence(g, sc.toks[n-1].cls)
			}
		}
		if t.digits > 0 && t.letter > 0 {
			t.skip = sc.codeLike(&t)
		}
		sc.toks = append(sc.toks, t)
		if t.n() == 12 && t.digits < 12 && t.a > 0 && s[t.a-1] == '-' {
			sc.uuid()
		}
	}
}

// word returns token i in lower case.
func (sc *scanner) word(i int) string {
	t := sc.toks[i]
	return string(sc.lo[t.a:t.b])
}

// class returns the class of token i's word.
func (sc *scanner) class(i int) uint32 { return sc.toks[i].cls }

// gap returns what lies between tokens i-1 and i.
func (sc *scanner) gap(i int) []byte {
	if i <= 0 || i >= len(sc.toks) {
		return nil
	}
	return sc.s[sc.toks[i-1].b:sc.toks[i].a]
}

// joined reports whether tokens i-1 and i are parts of one number: only
// spaces, dots, dashes, slashes and at most one line break between them.
func (sc *scanner) joined(i int) bool {
	g := sc.gap(i)
	if len(g) == 0 || len(g) > 3 {
		return false
	}
	breaks := 0
	for _, c := range g {
		switch c {
		case ' ', '.', '-', '/', '\t', '\r':
		case '\n':
			breaks++
		default:
			return false
		}
	}
	return breaks <= 1
}

// sep returns the separator between tokens i-1 and i: its first
// non-space byte, or ' '.
func (sc *scanner) sep(i int) byte {
	for _, c := range sc.gap(i) {
		if c != ' ' && c != '\t' && c != '\r' {
			return c
		}
	}
	return ' '
}

// breaksSentence reports whether the gap before token i ends a sentence or
// a question, which keywords do not reach across.
func (sc *scanner) breaksSentence(i int) bool {
	return i > 0 && i < len(sc.toks) && sc.toks[i].brk
}

// brokenBetween reports whether a sentence ends between tokens k and j.
func (sc *scanner) brokenBetween(k, j int) bool {
	for m := k + 1; m <= j; m++ {
		if sc.toks[m].brk {
			return true
		}
	}
	return false
}

// paragraphBetween reports whether an empty line comes between tokens j
// and i.
func (sc *scanner) paragraphBetween(j, i int) bool {
	return bytes.Contains(sc.s[sc.toks[j].b:sc.toks[i].a], []byte("\n\n"))
}

// endsSentence reports whether gap, after a word of class prev, ends a
// sentence.
func endsSentence(g []byte, prev uint32) bool {
	dot := false
	for j, c := range g {
		switch {
		case c == '?' || c == '!' || c == ';':
			return true
		case c == '\n' && j > 0 && g[j-1] == '\n':
			return true
		case c == '.' && j+1 < len(g) && (g[j+1] == ' ' || g[j+1] == '\n'):
			dot = true
		}
	}
	// "passport no. X123" is not the end of a sentence.
	return dot && prev&wordFiller == 0
}

// context returns what the words near tokens i..k say: the kinds they arm,
// or never when an order, ticket or error word is nearer than any keyword.
func (sc *scanner) context(i, k int) (arms uint32, never bool) {
	if arms, never = sc.before(i); arms != 0 || never {
		return arms, never
	}
	return sc.after(k)
}

// before looks at up to four words before token i (not counting words like
// "my", "number", "is"), within the paragraph: "My licence won't scan. The
// number is 123 456 789" is still about the licence.
func (sc *scanner) before(i int) (arms uint32, never bool) {
	for j := i - int(sc.toks[i].prev); j < i; {
		if j < i-9 || sc.counted(j+1, i) >= 4 || sc.paragraphBetween(j, i) {
			break
		}
		c := sc.class(j)
		if c&wordQualified != 0 && j > 0 && sc.class(j-1)&wordNever != 0 {
			c = wordNever
		}
		if c&wordNever != 0 {
			return arms, arms == 0
		}
		arms |= c & (armAny | armBirth)
		if sc.toks[j].prev == 0 {
			break
		}
		j -= int(sc.toks[j].prev)
	}
	return arms, false
}

// after looks at up to three words after token k: "X1234567 is my
// passport number".
func (sc *scanner) after(k int) (arms uint32, never bool) {
	for j := k + int(sc.toks[k].next); j > k; {
		if j > k+7 || sc.brokenBetween(k, j) || sc.counted(k+1, j) >= 3 {
			break
		}
		c := sc.class(j)
		if c&wordAbout != 0 {
			break
		}
		if c&wordNever != 0 && c&wordQualified == 0 {
			return arms, arms == 0
		}
		if c&wordQualified != 0 && j+1 < len(sc.toks) && sc.class(j+1)&wordNever != 0 {
			return arms, arms == 0
		}
		arms |= c & (armAny | armBirth)
		if sc.toks[j].next == 0 {
			break
		}
		j += int(sc.toks[j].next)
	}
	return arms, false
}

// emit records tokens i..k as data of kind; never part of an e-mail
// address, which was recorded first.
func (sc *scanner) emit(kind Kind, i, k int) {
	for j := i; j <= k; j++ {
		if sc.toks[j].email {
			return
		}
	}
	sc.out = append(sc.out, Finding{Kind: kind, Start: int(sc.toks[i].a), End: int(sc.toks[k].b)})
}

func (sc *scanner) run() {
	sc.emails()
	sc.link()
	sc.run2()
}

func (sc *scanner) run2() {
	for i := 0; i < len(sc.toks); {
		t := sc.toks[i]
		if t.skip {
			if t.run >= 6 && !t.email {
				sc.emit(Digits, i, i) // logs keep no long number, whatever it is
			}
			i++
			continue
		}
		if t.lt {
			if k, ok := sc.mrz(i); ok {
				sc.emit(MRZ, i, k)
				i = k + 1
				continue
			}
		}
		if t.digits == 0 && !t.lt && t.cls&(wordMonth|wordStreet|wordStreet2) == 0 &&
			(t.letter > 3 || t.upper != t.letter || i+1 >= len(sc.toks) || sc.toks[i+1].digits == 0) &&
			!(i+1 < len(sc.toks) && sc.toks[i+1].digits > 0 && sc.streetSuffixed(i)) {
			i++ // a word: no rule starts with it
			continue
		}
		if (t.digits > 0 && t.digits <= 4) || t.cls&wordMonth != 0 {
			if k, ok, birth := sc.date(i); ok {
				if birth {
					sc.emit(Birth, i, k)
				}
				i = k + 1 // a date alone is not personal data, nor part of a number
				continue
			}
		}
		if t.cls&(wordStreet|wordStreet2) != 0 || t.digits > 0 && t.digits <= 5 || t.digits == 0 && t.cls == 0 {
			if k, ok := sc.address(i); ok {
				sc.emit(Address, i, k)
				i = k + 1
				continue
			}
		}
		k, kind, score := sc.number(i)
		if score < 2 {
			// Found nothing, or only a number near its keyword: it may be
			// the first part of one written in two.
			if e1, j, e2, kind, ok := sc.split(i); ok && e1 >= k {
				sc.emit(kind, i, e1)
				sc.emit(kind, j, e2)
				i = e2 + 1
				continue
			}
		}
		if score > 0 {
			sc.emit(kind, i, k)
			i = k + 1
			continue
		}
		if k, ok := sc.phone(i); ok {
			sc.emit(Phone, i, k)
			if a := int(sc.toks[i].a); a > 0 && (sc.s[a-1] == '+' || sc.s[a-1] == '(') {
				sc.out[len(sc.out)-1].Start = a - 1
			}
			i = k + 1
			continue
		}
		if t.run >= 6 {
			sc.emit(Digits, i, i)
		}
		i++
	}
}

// emails finds e-mail addresses (in any script) and keeps their tokens
// from the other rules.
func (sc *scanner) emails() {
	s := sc.s
	local := func(c byte) bool { return isWordByte(c) && c != '<' || c == '.' || c == '+' || c == '-' || c == '%' }
	domain := func(c byte) bool { return isWordByte(c) && c != '<' && c != '_' || c == '-' || c == '.' }
	ti, lastEnd := 0, 0
	for p := 0; p < len(s); p++ {
		q := bytes.IndexByte(s[p:], '@')
		if q < 0 {
			break
		}
		p += q
		a := p
		for a > lastEnd && local(s[a-1]) {
			a--
		}
		b := p + 1
		for b < len(s) && domain(s[b]) {
			b++
		}
		for b > p+1 && (s[b-1] == '.' || s[b-1] == '-') {
			b--
		}
		dot := bytes.LastIndexByte(s[p+1:b], '.')
		if a == p || dot <= 0 || b-(p+1+dot) < 3 {
			continue
		}
		sc.out = append(sc.out, Finding{Kind: Email, Start: a, End: b})
		lastEnd = b
		for ti < len(sc.toks) && int(sc.toks[ti].b) <= a {
			ti++
		}
		for j := ti; j < len(sc.toks) && int(sc.toks[j].a) < b; j++ {
			sc.toks[j].skip, sc.toks[j].email = true, true
		}
		p = b - 1
	}
}

// codePrefixes start error, ticket and version codes written as one word
// with their digits: "AADSTS90072", "INC0012345", "KB5034441".
var codePrefixes = map[string]bool{}

func init() {
	for _, p := range strings.Fields("aadsts aadb adsts err error http ora kb ver build ios android sm iphone pixel galaxy rev win case ticket inq ord order ref tkt req sr cs inc chg prj proj jira") {
		codePrefixes[p] = true
	}
}

// codeLike reports whether token t is never personal data: an error or
// ticket code written as one word ("AADSTS90072", "INC0012345"), a
// hexadecimal constant, or a generated identifier mixing cases.
func (sc *scanner) codeLike(t *token) bool {
	w := sc.lo[t.a:t.b]
	j := 0
	for j < len(w) && w[j] >= 'a' && w[j] <= 'z' {
		j++
	}
	if j > 0 && allDigits(w[j:]) && codePrefixes[string(w[:j])] {
		return true
	}
	if len(w) > 2 && w[0] == '0' && w[1] == 'x' {
		return true
	}
	if x := bytes.IndexByte(w, 'x'); x > 0 && x < len(w)-1 && t.letter == 1 && allDigits(w[:x]) && allDigits(w[x+1:]) {
		return true // 1920x1080
	}
	return t.lower > 0 && t.upper > 0 && t.n() >= 10
}

// uuid marks the last five tokens when they are a UUID.
func (sc *scanner) uuid() {
	n := len(sc.toks)
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

// numeric reports whether the token is all digits.
func (t token) numeric() bool { return t.num }
