package redact

import (
	"bytes"
	"strings"
)

// token is a run of letters, digits, '<' and '_' in the folded text.
type token struct {
	a, b int32  // s[a:b]
	cls  uint32 // the class of the word, if it is one
	// The counts of digits, letters, capitals and small letters stop at
	// maxCount; run, the longest run of digits, is counted when there are
	// six digits or more and stops at 255.
	digits, letter, upper, lower int16
	run                          uint8
	lt, odd                      bool // holds '<'; holds '_' or a letter of another script
	brk                          bool // the gap before it ends a sentence
	skip                         bool // inside an e-mail address or a never-personal shape
	email                        bool // inside an e-mail address
	num                          bool // all digits
	para                         bool // the gap before it holds an empty line
	start                        bool // a rule may start with it (see tokenize)
	// join says the gap before it joins two parts of a number (see
	// joined); sep is the gap's first byte that is not a space, or ' '.
	join bool
	sep  byte
	// sig says a word context reads (see significant) comes within
	// before's reach back (1) or after's reach on (2).
	sig uint8
}

// maxCount is where the counts of a token stop.
const maxCount = 1<<15 - 1

// significant are the classes context looks for.
const significant = armAny | armBirth | wordNever | wordQualified | wordAbout

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
	// nsig counts the tokens context reads (see significant); sparse says
	// reach marked the tokens with none of them near.
	nsig   int
	sparse bool
	// cand and cbuf hold the number being read (see number).
	cand candidate
	cbuf [maxCandidateLen]byte
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

// byteInfo packs what a byte adds to a token's counts, 12 bits each: its
// digits, capitals, small letters, '<' and '_' or letters of other scripts;
// and, in the top byte, what makes a capital small. It is 0 for a byte
// that is not part of a word.
var byteInfo = func() (t [256]uint64) {
	for c := range t {
		k := byteClass[c]
		switch {
		case k&cDigit != 0:
			t[c] = 1
		case k&cUpper != 0:
			t[c] = 1<<12 | 0x20<<56
		case k&cLower != 0:
			t[c] = 1 << 24
		case k&cLt != 0:
			t[c] = 1 << 36
		case k&cOdd != 0:
			t[c] = 1 << 48
		}
	}
	return t
}()

// countMask is one packed count; a token longer than it is counted again.
const countMask = 1<<12 - 1

// countBytes counts the digits, capitals, small letters, '<' and other
// word bytes of w.
func countBytes(w []byte) (digits, upper, lower, lt, odd int) {
	for _, b := range w {
		c := byteClass[b]
		switch {
		case c&cDigit != 0:
			digits++
		case c&cUpper != 0:
			upper++
		case c&cLower != 0:
			lower++
		case c&cLt != 0:
			lt++
		default:
			odd++
		}
	}
	return digits, upper, lower, lt, odd
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

// reach marks the tokens with a word context reads (see significant)
// within before's reach back or after's reach on: most numbers have none,
// and their context is read at once.
func (sc *scanner) reach() {
	toks := sc.toks
	last := -1 << 30
	for k := range toks {
		if k-last <= 9 {
			toks[k].sig = 1
		}
		if toks[k].cls&significant != 0 {
			last = k
		}
	}
	next := 1 << 30
	for k := len(toks) - 1; k >= 0; k-- {
		if next-k <= 7 {
			toks[k].sig |= 2
		}
		if toks[k].cls&significant != 0 {
			next = k
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
	return i > 0 && i < len(sc.toks) && sc.toks[i].join
}

// What a byte alone between two tokens is.
const (
	gJoin  byte = 1 << iota // it joins the parts of a number
	gSpace                  // it is a space
	gBreak                  // it ends a sentence
)

var gapByte = func() (t [256]byte) {
	for _, c := range []byte(" .-/\t\r\n") {
		t[c] |= gJoin
	}
	for _, c := range []byte(" \t\r") {
		t[c] |= gSpace
	}
	for _, c := range []byte("?!;") {
		t[c] |= gBreak
	}
	return t
}()

// gapJoins reports whether the gap g between two tokens joins them as
// parts of one number: one to three spaces, dots, dashes and slashes, at
// most one of them a line break.
func gapJoins(g []byte) bool {
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
	if i <= 0 || i >= len(sc.toks) {
		return ' '
	}
	return sc.toks[i].sep
}

// gapSep returns the first byte of g that is not a space, or ' '.
func gapSep(g []byte) byte {
	for _, c := range g {
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

// endsSentence reports whether gap, after a word of class prev, ends a
// sentence, and whether it holds an empty line (which ends one too).
func endsSentence(g []byte, prev uint32) (brk, para bool) {
	dot := false
	for j, c := range g {
		switch {
		case c == '?' || c == '!' || c == ';':
			brk = true
		case c == '\n' && j > 0 && g[j-1] == '\n':
			return true, true
		case c == '.' && j+1 < len(g) && (g[j+1] == ' ' || g[j+1] == '\n'):
			dot = true
		}
	}
	// "passport no. X123" is not the end of a sentence.
	return brk || dot && prev&(wordFiller|wordStreet|wordStreet2|wordArea) == 0, false // nor "Rizal Ave. 32", "Brgy. Poblacion"
}

// context returns what the words near tokens i..k say: the kinds they arm,
// or never when an order, ticket or error word is nearer than any keyword.
func (sc *scanner) context(i, k int) (arms uint32, never bool) {
	if arms, never, _ = sc.before(i); arms != 0 || never {
		return arms, never
	}
	return sc.after(k)
}

// before looks at up to four words before token i (not counting words like
// "my", "number", "is"), within the paragraph: "My licence won't scan. The
// number is 123 456 789" is still about the licence. tight has the kinds
// armed by a keyword right before it (fillers aside), with the keywords
// that arm only there: "Pass: C01X00T47".
func (sc *scanner) before(i int) (arms uint32, never bool, tight uint32) {
	toks := sc.toks
	if sc.sparse && toks[i].sig&1 == 0 {
		return 0, false, 0 // no word it reads within reach
	}
	n := 0          // the words between j and i that are not fillers
	clause := false // a comma or a word like "but" comes between j and i
	for j := i - 1; j >= 0 && j >= i-9 && n < 4 && !toks[j+1].para; j-- {
		c := toks[j].cls
		between := n
		if c&wordFiller == 0 {
			n++
		}
		// A comma ends the clause when words come after it: "the check
		// step, it's 702-51-9643", not "my phone, 392631731".
		clause = clause || toks[j+1].sep == ',' && j+1 < i || c&wordClause != 0
		if c&significant == 0 {
			continue
		}
		if c&wordQualified != 0 && j > 0 && toks[j-1].cls&wordNever != 0 {
			c = wordNever
		}
		if c&wordNever != 0 {
			if between > 2 || clause {
				continue // "it is the one on my order form, so: 416471562", "the check step, it's 702-51-9643"
			}
			return arms, arms == 0, tight
		}
		if between == 0 {
			tight |= c & (armAny | armBirth)
		}
		if c&wordTight == 0 {
			arms |= c & (armAny | armBirth)
		}
	}
	return arms, false, tight
}

// after looks at up to three words after token k, within the sentence:
// "X1234567 is my passport number". An order, ticket or error word counts
// only as the first or second word: "380 36 6179 and got error V-102" is
// still a number.
func (sc *scanner) after(k int) (arms uint32, never bool) {
	toks := sc.toks
	if sc.sparse && toks[k].sig&2 == 0 {
		return 0, false
	}
	n := 0          // the words between k and j that are not fillers
	clause := false // a comma comes between k and j
	for j := k + 1; j < len(toks) && j <= k+7 && n < 3 && !toks[j].brk; j++ {
		c := toks[j].cls
		between := n
		if c&wordFiller == 0 {
			n++
		}
		if c&wordClause != 0 {
			break // "X1234567 and my order ..." is not about the number
		}
		clause = clause || toks[j].sep == ','
		if c&significant == 0 {
			continue
		}
		if c&wordAbout != 0 {
			break
		}
		if !clause && between <= 1 && c&wordNever != 0 && c&wordQualified == 0 {
			return arms, arms == 0
		}
		if !clause && between <= 1 && c&wordQualified != 0 && j+1 < len(toks) && toks[j+1].cls&wordNever != 0 {
			return arms, arms == 0
		}
		if c&wordTight == 0 {
			arms |= c & (armAny | armBirth)
		}
	}
	return arms, false
}

// far returns the kinds armed by keywords further from tokens i..k: up to
// farBack words before them in the paragraph, across sentences, and to the
// end of the sentence after them. Only numbers whose shape says what they
// are use it: "my ssn ... I was told to post it here so they can link the
// accounts: 416471562".
func (sc *scanner) far(i, k int) (arms uint32) {
	toks := sc.toks
	for j := i - 1; j >= 0 && j >= i-farBack && !toks[j+1].para; j-- {
		if c := toks[j].cls; c&wordTight == 0 {
			arms |= c & (armAny | armBirth | wordNamedID)
		}
	}
	for j := k + 1; j < len(toks) && j <= k+farAfter && !toks[j].brk; j++ {
		if c := toks[j].cls; c&wordTight == 0 {
			arms |= c & (armAny | armBirth | wordNamedID)
		}
	}
	return arms
}

// farBack and farAfter are how far far looks.
const (
	farBack  = 40
	farAfter = 12
)

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
	sc.sparse = false
	if sc.nsig*8 < len(sc.toks) {
		if sc.nsig > 0 {
			sc.reach() // worth it only where such words are few; with none, no token is marked
		}
		sc.sparse = true
	}
	sc.run2()
}

func (sc *scanner) run2() {
	for i := 0; i < len(sc.toks); {
		t := &sc.toks[i]
		if !t.start {
			i++ // a word: no rule starts with it
			continue
		}
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
		if t.cls&wordAddress != 0 {
			if a, k, ok := sc.cueAddress(i); ok {
				sc.emit(Address, a, k)
				i = k + 1
				continue
			}
		}

		if t.num && i > 0 && sc.toks[i-1].n() == 3 {
			if a, k, ok := sc.poBox(i); ok {
				sc.emit(Address, a, k)
				i = k + 1
				continue
			}
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
		// A token with digits starts an address only as its house number.
		if t.cls&(wordStreet|wordStreet2) != 0 || t.digits > 0 && sc.houseNumber(i) || t.digits == 0 && t.cls == 0 || t.upper == 1 && t.n() <= 3 {
			if k, ok := sc.address(i); ok {
				a := sc.unitBefore(i)
				if a < i && len(sc.out) > 0 && sc.out[len(sc.out)-1].End > int(sc.toks[a].a) {
					a = i // already found
				}
				sc.emit(Address, a, k)
				i = k + 1
				continue
			}
		}
		k, kind, score := sc.number(i)
		if score < 2 && (t.num || t.digits == 2 && sc.ibanPrefix(i)) {
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
		if t.num { // phones are digits only
			if k, ok := sc.phone(i); ok {
				sc.emit(Phone, i, k)
				if a := int(sc.toks[i].a); a > 0 && (sc.s[a-1] == '+' || sc.s[a-1] == '(') {
					sc.out[len(sc.out)-1].Start = a - 1
				}
				i = k + 1
				continue
			}
		}
		if t.run >= 6 {
			sc.emit(Digits, i, i)
		}
		i++
	}
}

// emails finds e-mail addresses (in any script), before the text is
// tokenized: tokenize keeps their words from the other rules.
func (sc *scanner) emails() {
	s := sc.s
	local := func(c byte) bool { return emailByte[c]&emailLocal != 0 }
	domain := func(c byte) bool { return emailByte[c]&emailDomain != 0 }
	lastEnd := 0
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
		p = b - 1
	}
}

// What a byte may be in an e-mail address: in its local part (a word
// byte but '<', or one of ".+-%"), in its domain (a word byte but '<' and
// '_', or '-' or '.').
const (
	emailLocal byte = 1 << iota
	emailDomain
)

var emailByte = func() (t [256]byte) {
	for c := range t {
		b := byte(c)
		if isWordByte(b) && b != '<' || b == '.' || b == '+' || b == '-' || b == '%' {
			t[c] |= emailLocal
		}
		if isWordByte(b) && b != '<' && b != '_' || b == '-' || b == '.' {
			t[c] |= emailDomain
		}
	}
	return t
}()

// codePrefixes start error, ticket and version codes written as one word
// with their digits: "AADSTS90072", "INC0012345", "KB5034441".
var codePrefixes = func() wordTable {
	m := map[string]uint32{}
	for _, p := range strings.Fields("aadsts aadb adsts err error http ora kb ver build ios android sm iphone pixel galaxy rev win case ticket inq ord order ref tkt req sr cs inc chg prj proj jira") {
		m[p] = 1
	}
	return newWordTable(m, 7)
}()

// codeLike reports whether token t is never personal data: an error or
// ticket code written as one word ("AADSTS90072", "INC0012345"), a
// hexadecimal constant, or a generated identifier mixing cases.
func (sc *scanner) codeLike(t *token) bool {
	w := sc.lo[t.a:t.b]
	j := 0
	for j < len(w) && w[j] >= 'a' && w[j] <= 'z' {
		j++
	}
	if j > 0 && allDigits(w[j:]) && codePrefixes.lookupAt(sc.lo, int(t.a), j) != 0 {
		return true
	}
	if len(w) > 2 && w[0] == '0' && w[1] == 'x' {
		return true
	}
	if t.letter == 1 {
		if x := bytes.IndexByte(w, 'x'); x > 0 && x < len(w)-1 && allDigits(w[:x]) && allDigits(w[x+1:]) {
			return true // 1920x1080
		}
	}
	return t.lower > 0 && t.upper > 0 && t.n() >= 10
}

// numeric reports whether the token is all digits.
func (t token) numeric() bool { return t.num }
