package redact

// candidate is tokens i..k read as one number.
type candidate struct {
	c      []byte // the characters in capitals, separators removed
	groups [maxCandidateTokens]uint8
	n      int  // number of groups
	sep    byte // the separator between the groups, or 0 when they differ
	mixed  bool // lower and upper case letters both
	digits int
	// lower and upper say it has small letters, capitals.
	lower, upper bool
}

// reset empties c, its characters to be read into buf.
func (c *candidate) reset(buf []byte) {
	if c.c == nil {
		c.c = buf // set once: writing the same buffer again would cost a write barrier each time
	}
	c.c = c.c[:0]
	c.n, c.sep, c.mixed, c.digits, c.lower, c.upper = 0, 0, false, 0, false, false
}

func (c *candidate) is(groups ...int) bool {
	if c.n != len(groups) {
		return false
	}
	for i, g := range groups {
		if int(c.groups[i]) != g {
			return false
		}
	}
	return true
}

// grouped4 reports whether the groups are fours, the last one maybe
// shorter (how cards and IBANs are written), or a single group.
func (c *candidate) grouped4() bool {
	for i := 0; i < c.n-1; i++ {
		if c.groups[i] != 4 {
			return false
		}
	}
	return c.n == 1 || c.groups[c.n-1] <= 4
}

// phoneShaped reports whether the groups are those of a phone number:
// 555 123 4567, 020 7946 0958, 06 12 34 56 78.
func (c *candidate) phoneShaped() bool {
	if c.n >= 2 && c.c[0] == '0' && len(c.c) >= 9 {
		return true // a national trunk prefix: 0151 2345 6789
	}
	return c.is(3, 3, 4) || c.is(3, 4) || c.is(3, 4, 4) || c.is(4, 3, 3) || c.is(2, 4, 4) || c.is(2, 2, 2, 2, 2) || c.is(4, 4) && c.sep == '-'
}

// versionShaped reports whether the groups are those of a version or
// build number: 2.0.123456, 10.0.19045.
func (c *candidate) versionShaped() bool {
	if c.sep != '.' || c.n < 3 {
		return false
	}
	for i := 0; i < c.n; i++ {
		if c.groups[i] <= 2 {
			return true
		}
	}
	return false
}

// maxCandidateTokens and maxCandidateLen bound how far a number is read.
const (
	maxCandidateTokens = 9
	maxCandidateLen    = 34
)

// number reads the longest number starting at token i that is personal
// data: one that passes its check (score 2) or has its shape near a keyword
// (score 1). Score 0 is nothing.
func (sc *scanner) number(i int) (end int, kind Kind, score int) {
	t := &sc.toks[i]
	if t.lt || t.odd {
		return 0, "", 0
	}
	if t.digits == 0 && !sc.capitals9(i) {
		// Letters that start a number ("AB 12 34 56 C", "MA 23 16 78 D"),
		// not its keyword ("ID 123456789").
		if t.letter > 3 || t.upper != t.letter || t.cls != 0 && t.letter > 2 || t.cls&(armAny|armBirth|wordNever|wordQualified) != 0 {
			return 0, "", 0
		}
		if i+1 >= len(sc.toks) || sc.toks[i+1].digits == 0 {
			return 0, "", 0
		}
	}
	if t.n() < 6 && (i+1 >= len(sc.toks) || !sc.joined(i+1)) {
		return 0, "", 0 // every number looked for has six characters or more
	}
	cand := &sc.cand
	cand.reset(sc.cbuf[:0])
	best, bestScore := -1, 0
	var bestKind Kind
	ctx := nearby{sc: sc, i: i, phone: sc.phoneLed(i)}
	ctx.got = sc.sparse && t.sig&1 == 0 // no word before it that before reads: nothing to read
	for k := i; k < len(sc.toks) && k < i+maxCandidateTokens; k++ {
		if k > i && !sc.toks[k].joins() {
			break
		}
		if !sc.extend(cand, i, k) {
			break
		}
		if len(cand.c) < 6 {
			continue // every number looked for has six characters or more
		}
		if len(cand.c) < 8 && ctx.quiet(k) {
			continue // no rule takes a number this short without a word near it
		}
		kind, score := sc.judge(cand, i, k, &ctx)
		if score > 0 && score >= bestScore {
			best, bestScore, bestKind = k, score, kind
		}
	}
	if best < 0 {
		return 0, "", 0
	}
	return best, bestKind, bestScore
}

// extend adds token k to the candidate number starting at token i, or
// reports that the number ends before it.
func (sc *scanner) extend(cand *candidate, i, k int) bool {
	tk := &sc.toks[k]
	if k > i {
		if !tk.joins() {
			return false
		}
		if tk.digits == 0 && (tk.letter > 4 || (tk.cls != 0 && tk.letter > 1)) {
			return false
		}
		if tk.digits == 0 && tk.upper != tk.letter && !(k+1 < len(sc.toks) && sc.toks[k+1].join && sc.toks[k+1].digits > 0) && (tk.letter > 1 || tk.sep == ' ') {
			return false // a word after the number ("e", "y"), not letters inside it
		}
		if k == i+1 {
			cand.sep = tk.sep
		} else if cand.sep != tk.sep {
			cand.sep = 0
		}
	}
	m, n := len(cand.c), tk.n()
	if m+n > maxCandidateLen || m+n > 19 && isDigit(sc.s[sc.toks[i].a]) {
		return false // only IBANs are longer than 19, and they start with letters
	}
	cand.c = cand.c[:m+n]
	w, dst := sc.s[tk.a:tk.b], cand.c[m:]
	dst = dst[:len(w)]
	if tk.lower == 0 {
		for j, ch := range w { // a few bytes: a loop costs less than a call
			dst[j] = ch
		}
	} else {
		for j, ch := range w {
			dst[j] = upperCase[ch]
		}
	}
	cand.digits += int(tk.digits)
	cand.lower, cand.upper = cand.lower || tk.lower > 0, cand.upper || tk.upper > 0
	cand.mixed = cand.lower && cand.upper
	cand.groups[cand.n] = uint8(n)
	cand.n++
	return true
}

// joins reports whether t may go on a number before it: only separators
// between them, and no '<', letter of another script or e-mail address.
func (t *token) joins() bool { return t.join && !t.lt && !t.odd && !t.skip }

// nearby is what the words near a number starting at token i say (see
// scanner.context), the words before it read once; and whether a "+" or
// "(" leads it (see phoneLed).
type nearby struct {
	sc          *scanner
	i           int
	phone       bool
	arms, tight uint32
	never, got  bool
	farArms     uint32
	gotFar      bool
}

// at returns what the words near tokens i..k say.
func (n *nearby) at(k int) (uint32, bool) {
	n.read()
	if n.arms != 0 || n.never {
		return n.arms, n.never
	}
	if n.tight != 0 {
		return 0, false // a keyword right before: what follows cannot make it an order number
	}
	return n.sc.after(k)
}

// quiet reports whether no word near tokens i..k says anything: at says
// nothing, and no keyword comes right before.
func (n *nearby) quiet(k int) bool {
	arms, never := n.at(k)
	return arms == 0 && !never && n.tight == 0
}

func (n *nearby) read() {
	if !n.got {
		n.arms, n.never, n.tight = n.sc.before(n.i)
		n.got = true
	}
}

// right returns the kinds armed by the keyword right before the number.
func (n *nearby) right() uint32 {
	n.read()
	return n.tight
}

// further returns the kinds armed by keywords further from tokens i..k
// (see scanner.far).
func (n *nearby) further(k int) uint32 {
	if !n.gotFar {
		n.farArms, n.gotFar = n.sc.far(n.i, k), true
	}
	return n.farArms
}

// upperCase maps small letters to capitals and every other byte to itself.
var upperCase = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if c >= 'a' && c <= 'z' {
			t[c] = byte(c) - 'a' + 'A'
		}
	}
	return t
}()

// continues reports whether token k+1 (or i-1) goes on with digits in the
// way the candidate is grouped, so the candidate is only part of a longer
// number.
func (sc *scanner) continues(cand *candidate, i, k int) bool {
	if cand.n < 2 {
		return false
	}
	if k+1 < len(sc.toks) && sc.joined(k+1) && sc.sep(k+1) == cand.sep && sc.toks[k+1].numeric() {
		return true
	}
	return i > 0 && sc.joined(i) && sc.sep(i) == cand.sep && sc.toks[i-1].numeric() && !sc.toks[i-1].skip
}

// phoneLed reports whether token i follows a "+" or "(": the start of a
// phone number.
func (sc *scanner) phoneLed(i int) bool {
	a := sc.toks[i].a
	if a == 0 {
		return false
	}
	switch sc.s[a-1] {
	case '+':
		return true
	case '(':
		return sc.areaCode(i)
	}
	return a > 1 && sc.s[a-2] == '+'
}

// areaCode reports whether token i, after a "(", is an area code in
// brackets, "(415) 555-0132", not a number in brackets: "(718.87.4986)".
func (sc *scanner) areaCode(i int) bool {
	t := sc.toks[i]
	return t.num && t.n() <= 4 && int(t.b) < len(sc.s) && sc.s[t.b] == ')'
}

// judge scores a candidate: 2 when it passes a check that is enough alone,
// 1 when its shape is right and a keyword is near, 0 when it is not
// personal data.
func (sc *scanner) judge(cand *candidate, i, k int, near *nearby) (Kind, int) {
	if cand.digits == len(cand.c) && sc.continues(cand, i, k) {
		return "", 0 // only a part of a longer number
	}
	kind, score := sc.judgeShape(cand, i, k, near)
	if score == 2 && sc.neverWithin(i, -1, 1) {
		switch kind {
		case IBAN, CPF, CURP, CodiceFiscale, ResidentID:
			// Their checks are strong and their shapes their own.
		default:
			return "", 0 // "order 4000 0000 0000 0002": the Luhn check passes one number in ten
		}
	}
	if score > 0 && (placeholder(cand.c) || sc.exampleBefore(i)) {
		return "", 0 // a format hint ("DE00 0000 0000", "AAAAA9999A", "example: AB123456C"), not a value
	}
	return kind, score
}

// exampleBefore reports whether a word saying an example or a format
// follows comes right before token i: "example: AB123456C".
func (sc *scanner) exampleBefore(i int) bool {
	n := 0
	for j := i - 1; j >= 0 && j >= i-4 && n < 2 && !sc.toks[j+1].brk; j-- {
		c := sc.toks[j].cls
		if c&wordExample != 0 {
			return true
		}
		if c&wordFiller == 0 {
			n++
		}
	}
	return false
}

// judgeShape is judge for a candidate that is not part of a longer number,
// before format hints are set aside.
func (sc *scanner) judgeShape(cand *candidate, i, k int, near *nearby) (Kind, int) {
	c := cand.c
	digits := cand.digits
	allNum := digits == len(c)
	phone := near.phone
	sep := cand.sep
	// Each check wants its length: looking at the length first spares
	// the checks that cannot hold.
	l := len(c)
	switch {
	case l < 9:
		// No number with a check is this short.
	case allNum && l >= 13 && cardNumber(c) && (cand.grouped4() || cand.is(4, 6, 5) || cand.is(4, 6, 4)):
		return Card, 2
	case l >= 15 && !allNum && iban(c) && (cand.n == 1 || cand.grouped4()):
		return IBAN, 2
	case l == 18 && residentID(c):
		return ResidentID, 2
	case l == 18 && !allNum && curp(c):
		return CURP, 2
	case l == 16 && !allNum && codiceFiscale(c):
		return CodiceFiscale, 2
	case l == 16 && !allNum && ukLicence(c):
		return Licence, 2
	case l == 9 && !allNum && niNumber(c) && cand.n <= 5:
		return NINumber, 2
	case l == 10 && !allNum && pan(c) && (cand.n == 1 || cand.is(5, 4, 1)):
		return PAN, 2
	case l == 9 && !allNum && dni(c) && cand.n <= 3 && !cand.mixed:
		if c[0] >= 'X' {
			return NIE, 2
		}
		return DNI, 2
	case l == 9 && !allNum && cand.n <= 2 && nric(c), l == 10 && !allNum && cand.n == 1 && taiwanID(c):
		return IDNumber, 2
	case l == 13 && allNum && cand.is(6, 7) && sep == '-' && rrn(c):
		return RRN, 2
	case l == 12 && allNum && !phone && (cand.n == 1 || cand.is(4, 4, 4)) && myNumber(c) && sc.myNumberWord(i):
		return IDNumber, 2 // "my number card 1234 5678 9018"
	}
	if allNum && !phone && (l == 9 || l >= 10 && l <= 12 || l == 15) {
		kind := Kind("")
		switch {
		case l == 9 && ssn(c) && cand.is(3, 2, 4) && sep != '/':
			kind = SSN
		case l == 9 && sin(c) && cand.is(3, 3, 3) && sep != '/':
			kind = SIN
		case l == 12 && aadhaar(c) && cand.is(4, 4, 4) && sep != '/':
			kind = Aadhaar
		case l == 11 && cpf(c) && cand.is(3, 3, 3, 2) && sep == 0:
			kind = CPF
		case (l == 10 || l == 12) && personnummer(c) && (cand.is(6, 4) || cand.is(8, 4)) && sep == '-':
			kind = Personnummer
		case l == 15 && nir(c) && cand.is(1, 2, 2, 2, 3, 3, 2):
			kind = NIR
		}
		if kind != "" {
			// The shape is enough, but a keyword near says better what
			// it is: "my licence number is 570 059 220"; and these checks
			// pass one number in ten, so a phone, order or ticket word
			// nearer says it is not one.
			arms, never := near.at(k)
			if never {
				return "", 0
			}
			switch {
			case arms&armLicence != 0:
				kind = Licence
			case arms&armPassport != 0:
				kind = Passport
			case kind == SSN && arms&armSIN != 0 && sin(c):
				kind = SIN
			}
			return kind, 2
		}
	}
	if (digits < 2 || digits < 5 && l < 7) && l < 15 && !(l == 9 && germanDocument(c)) {
		return "", 0 // too few digits for any number a keyword arms
	}
	arms, never := near.at(k)
	if never {
		return "", 0
	}
	tight := near.right()
	if tight == 0 && sc.toks[i].a > 0 && sc.s[sc.toks[i].a-1] == '#' {
		return "", 0 // "#460456" is a reference; "passport #X1234567" names its keyword
	}
	if arms&armAny == 0 && l >= 7 {
		arms = tight // "Pass: C01X00T47", "lic S5294 07561 36644"
	}
	if arms&armAny == 0 {
		// A social security number or a document number written alone,
		// its keyword earlier in the message: "my ssn ... so they can link
		// the accounts: 416471562", "the passport number field keeps
		// auto-capitalising weird, mine is PF9321018".
		switch {
		case allNum && l == 9 && !phone && ssn(c) && (cand.n == 1 || cand.is(3, 2, 4)) && near.further(k)&armSSN != 0:
			return SSN, 1
		case cand.n == 1 && documentShape(c):
			switch far := near.further(k); {
			case far&armPassport != 0:
				return Passport, 1
			case far&wordNamedID != 0:
				return IDNumber, 1 // "my PPS number for the Revenue check, I put 5654016I"
			}
		case allNum && l >= 8 && l <= 13 && !phone && !cand.phoneShaped() && near.further(k)&wordNamedID != 0:
			return IDNumber, 1 // "my PESEL, please check it. I wrote 58061021447"
		}
		return "", 0
	}
	// A keyword is near: the shape is enough.
	switch {
	case allNum && (arms|tight)&armSIN != 0 && sin(c):
		return SIN, 1 // "social insurance number" names both
	case allNum && arms&(armSSN|armID) != 0 && ssn(c):
		return SSN, 1
	case allNum && arms&(armSIN|armID) != 0 && sin(c):
		return SIN, 1
	case allNum && arms&(armAadhaar|armID) != 0 && aadhaar(c):
		return Aadhaar, 1
	case allNum && arms&(armCPF|armID) != 0 && cpf(c):
		return CPF, 1
	case allNum && arms&armID != 0 && personnummer(c):
		return Personnummer, 1
	case arms&(armID|armSSN) != 0 && nir(c):
		return NIR, 1
	case allNum && arms&armCard != 0 && l <= 19 && (cand.n > 1 && l >= 8 || l >= 13):
		return Card, 1 // a card number, or most of one
	case arms&armIBAN != 0 && l >= 15 && isUpper(c[0]) && isUpper(c[1]) && isDigit(c[2]) && isDigit(c[3]) && ibanLengths[string(c[:2])] == l:
		return IBAN, 1
	case allNum && l == 10 && arms&armID != 0 && nhsNumber(c):
		return IDNumber, 1 // grouped like a phone number: 943 476 5919
	case l == 18 && arms&armID != 0 && residentIDShape(c):
		return ResidentID, 1 // its check character mistyped
	case l == 13 && arms&armID != 0 && rrnShape(c) && (cand.is(6, 7) || cand.n == 1) && sc.rrnWord(i):
		return RRN, 1 // issued since 2020, without its check digit
	}
	// A phone number is written like one and has no keyword right before
	// it: "CNI n° 0802 921 13531" is not a phone number.
	phoneLike := allNum && (phone || cand.phoneShaped()) && tight&armAny == 0
	if cand.mixed || l > 18 || cand.n > 7 || hexLike(c) || (allNum && l > 16) || phoneLike || cand.versionShaped() {
		return "", 0
	}
	// Passports and licences mix letters and digits more freely than
	// other numbers: the German C01X00T47 (or CWZ0FTLFT), Washington's WDL
	// licences, the French X4RTBPFW4 right after its keyword.
	document := digits >= 3 && (digits >= 5 || l >= 8) || l == 9 && germanDocument(c) ||
		tight&(armPassport|armID|armLicence) != 0 && l >= 8 && l <= 10 && digits >= 2 && digits < l
	switch {
	case arms&armPassport != 0 && l <= 10 && document:
		return Passport, 1
	case arms&armLicence != 0 && l <= 16 && (document || waLicence(c)):
		return Licence, 1
	}
	if !document || digits < 4 && !germanDocument(c) && tight&armID == 0 || digits < 5 && l < 8 {
		return "", 0
	}
	switch {
	case arms&armSSN != 0 && allNum && l == 9:
		return SSN, 1
	case arms&(armID|armSIN|armAadhaar|armCPF|armSSN) != 0:
		return IDNumber, 1
	}
	return "", 0
}

// rrnWord reports whether the keyword of a resident registration number
// comes before token i.
func (sc *scanner) rrnWord(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		t := sc.toks[j]
		if t.n() == 3 && string(sc.lo[t.a:t.b]) == "rrn" {
			return true
		}
	}
	return false
}

// capitals9 reports whether token i is nine capitals that may be a German
// document number without digits: "VXGNFNYGL".
func (sc *scanner) capitals9(i int) bool { return sc.capitals9Token(&sc.toks[i]) }

// capitals9Token is capitals9 for token t.
func (sc *scanner) capitals9Token(t *token) bool {
	return t.n() == 9 && t.upper == 9 && t.cls == 0 && germanDocument(sc.s[t.a:t.b])
}

// documentShape reports whether c, one word, is written like a passport
// or identity card number: eight to ten characters, one to three capitals
// then six to nine digits ("PF9321018"), or seven or eight digits then one
// or two capitals ("5654016I").
func documentShape(c []byte) bool {
	if len(c) < 8 || len(c) > 10 {
		return false
	}
	lead := 0
	for lead < len(c) && isUpper(c[lead]) {
		lead++
	}
	trail := 0
	for trail < len(c)-lead && isUpper(c[len(c)-1-trail]) {
		trail++
	}
	digits := len(c) - lead - trail
	if !allDigits(c[lead : len(c)-trail]) {
		return false
	}
	return lead >= 1 && lead <= 3 && trail == 0 && digits >= 6 || lead == 0 && trail >= 1 && trail <= 2 && digits >= 7
}

// germanDocument reports whether c is written like the serial number of a
// German passport or identity card: nine of the capitals and digits those
// use (no vowels, no B, D, Q or S), a capital first.
func germanDocument(c []byte) bool {
	if len(c) != 9 || !contains("CFGHJKLMNPRTVWXYZ", c[0]) {
		return false
	}
	for _, ch := range c[1:] {
		if !isDigit(ch) && !contains("CFGHJKLMNPRTVWXYZ", ch) {
			return false
		}
	}
	return true
}

// waLicence reports whether c is a Washington driver licence number of
// the current format: WDL and nine capitals or digits.
func waLicence(c []byte) bool {
	if len(c) != 12 || string(c[:3]) != "WDL" {
		return false
	}
	digits := 0
	for _, ch := range c[3:] {
		switch {
		case isDigit(ch):
			digits++
		case !isUpper(ch):
			return false
		}
	}
	return digits >= 1
}

// hexLike reports whether c looks like a hexadecimal hash or identifier
// rather than a printed number.
// placeholder reports whether c, letters and digits only, is a format
// hint rather than a value: its digits are all one digit, at least four of
// them, and its letters, if any, all one letter (after an IBAN's or a
// passport's country code: "DE00 0000 0000", "AAAAA9999A", "X0000000").
func placeholder(c []byte) bool {
	var digit, letter byte
	digits, letters := 0, 0
	for i, b := range c {
		switch {
		case isDigit(b):
			if digits > 0 && b != digit {
				return false
			}
			digit = b
			digits++
		case i < 2 && letters == i:
			// A country code may differ from the rest.
		default:
			if letters > 0 && b != letter {
				return false
			}
			letter = b
			letters++
		}
	}
	return digits >= 4
}

func hexLike(c []byte) bool {
	letters := 0
	for _, ch := range c {
		switch {
		case isDigit(ch):
		case ch >= 'A' && ch <= 'F':
			letters++
		default:
			return false
		}
	}
	return len(c) >= 12 && letters >= 3
}

// phone reads a phone number starting at token i: 8 to 15 digits written
// with a "+" or in groups. Phones are masked but are not what the guard is
// about.
func (sc *scanner) phone(i int) (int, bool) {
	t := sc.toks[i]
	if !t.numeric() {
		return 0, false
	}
	n, k := t.digits, i
	for k+1 < len(sc.toks) && k+1 < i+8 {
		g := sc.gap(k + 1)
		nt := sc.toks[k+1]
		if len(g) == 0 || len(g) > 3 || !nt.numeric() || nt.skip || n+nt.digits > 15 {
			break
		}
		okGap := true
		for _, c := range g {
			if c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' {
				okGap = false
			}
		}
		if !okGap {
			break
		}
		n += nt.digits
		k++
	}
	if n < 8 || n > 15 || (k == i && !sc.phoneLed(i)) {
		return 0, false
	}
	return k, true
}
