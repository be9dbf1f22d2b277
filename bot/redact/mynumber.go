package redact

// myNumber reports whether s is a Japanese individual number (My Number):
// 12 digits, the last a check digit. The other eleven, from the right,
// are weighted 2 to 7 and then 2 to 6; the check digit is 11 less the sum
// modulo 11, or 0 when that leaves 0 or 1.
func myNumber(s []byte) bool {
	if len(s) != 12 || !allDigits(s) {
		return false
	}
	sum := 0
	for n := 1; n <= 11; n++ {
		q := n + 1
		if n >= 7 {
			q = n - 5
		}
		sum += int(s[11-n]-'0') * q
	}
	check := 0
	if r := sum % 11; r > 1 {
		check = 11 - r
	}
	return int(s[11]-'0') == check
}

// myNumberWord reports whether the English name of Japan's individual
// number comes within five words before token i, in its sentence: "my
// number card", "My Number:", "individual number", "kojin bango". "My
// number" alone also says a phone number; only a number passing myNumber's
// check, grouped like one, is taken for it.
func (sc *scanner) myNumberWord(i int) bool {
	toks := sc.toks
	for j := i - 1; j >= 1 && j >= i-5 && !toks[j+1].brk && !toks[j+1].para; j-- {
		switch {
		case sc.wordIs(j, "number") && (sc.wordIs(j-1, "my") || sc.wordIs(j-1, "individual")):
			return true
		case (sc.wordIs(j, "bango") || sc.wordIs(j, "bangou")) && sc.wordIs(j-1, "kojin"):
			return true
		}
	}
	return false
}

// wordIs reports whether token j, in small letters, is w.
func (sc *scanner) wordIs(j int, w string) bool {
	t := &sc.toks[j]
	return string(sc.lo[t.a:t.b]) == w
}
