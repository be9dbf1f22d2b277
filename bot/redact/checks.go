package redact

import "bytes"

// The check-digit and format rules of the numbers that carry one. Each
// takes the number in capitals with its separators removed.

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func allDigits(s []byte) bool {
	for _, c := range s {
		if !isDigit(c) {
			return false
		}
	}
	return len(s) > 0
}

// luhn reports whether s, all digits, passes the Luhn check (cards,
// Canadian SIN, Swedish personnummer). It reads two digits a step, the
// second from the end doubled, from tables.
func luhn(s []byte) bool {
	sum, i := 0, len(s)-1
	for ; i > 0; i -= 2 {
		sum += luhnPlain[s[i]] + luhnDoubled[s[i-1]]
	}
	if i == 0 {
		sum += luhnPlain[s[0]]
	}
	return sum%10 == 0
}

// luhnPlain and luhnDoubled are what a digit adds to the Luhn sum, as
// written and doubled (its digits added when it is ten or more).
var luhnPlain, luhnDoubled = func() (plain, doubled [256]int) {
	for c := range plain {
		n := int(byte(c) - '0')
		plain[c] = n
		if n *= 2; n > 9 {
			n -= 9
		}
		doubled[c] = n
	}
	return plain, doubled
}()

// cardNumber reports whether s is a payment card number: 13 to 19 digits
// of a known issuer range passing the Luhn check.
func cardNumber(s []byte) bool {
	if len(s) < 13 || len(s) > 19 || !allDigits(s) || !luhn(s) {
		return false
	}
	two := int(s[0]-'0')*10 + int(s[1]-'0')
	four := two*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	switch {
	case s[0] == '4': // Visa
		return len(s) == 13 || len(s) == 16 || len(s) == 19
	case two >= 51 && two <= 55, four >= 2221 && four <= 2720: // Mastercard
		return len(s) == 16
	case two == 34 || two == 37: // American Express
		return len(s) == 15
	case four == 6011, two == 65, two == 64 && s[2] >= '4', two == 62: // Discover, UnionPay
		return len(s) >= 16
	case two == 35: // JCB
		return len(s) >= 16
	case two == 30, two == 36, two == 38: // Diners Club
		return len(s) >= 14
	case two == 50, two >= 56 && two <= 58, s[0] == '6': // Maestro
		return len(s) >= 12
	}
	return false
}

// ibanLengths are the lengths of IBANs by country.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
	"BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
	"ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
	"HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
	"LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
	"MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
	"QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
	"ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// iban reports whether s is an IBAN of its country's length passing the
// mod-97 check.
func iban(s []byte) bool {
	if len(s) < 15 || len(s) > 34 || !isUpper(s[0]) || !isUpper(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	if ibanLengths[string(s[:2])] != len(s) {
		return false
	}
	rem := 0
	for i := range s {
		c := s[(i+4)%len(s)]
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case isUpper(c):
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

var (
	verhoeffD = [10][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
		{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verhoeffP = [8][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
)

// aadhaar reports whether s is an Indian Aadhaar number: 12 digits, not
// starting with 0 or 1, passing the Verhoeff check.
func aadhaar(s []byte) bool {
	if len(s) != 12 || !allDigits(s) || s[0] < '2' {
		return false
	}
	c := byte(0)
	for i := range s {
		c = verhoeffD[c][verhoeffP[i%8][s[len(s)-1-i]-'0']]
	}
	return c == 0
}

// cpf reports whether s is a Brazilian CPF: 11 digits, not all the same,
// with its two check digits.
func cpf(s []byte) bool {
	if len(s) != 11 || !allDigits(s) {
		return false
	}
	same := true
	for _, c := range s[1:] {
		same = same && c == s[0]
	}
	if same {
		return false
	}
	for n := 9; n <= 10; n++ {
		sum := 0
		for i := range n {
			sum += int(s[i]-'0') * (n + 1 - i)
		}
		d := sum * 10 % 11 % 10
		if byte(d)+'0' != s[n] {
			return false
		}
	}
	return true
}

// curpValue is the value of a character in the CURP check.
func curpValue(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c >= 'A' && c <= 'N':
		return int(c-'A') + 10
	case c >= 'O' && c <= 'Z':
		return int(c-'O') + 25 // after Ñ
	}
	return -1
}

// curp reports whether s is a Mexican CURP: four letters, a birth date,
// sex, state and consonants, and its check digit.
func curp(s []byte) bool {
	if len(s) != 18 {
		return false
	}
	for i, c := range s {
		var ok bool
		switch {
		case i < 4 || (i >= 11 && i < 16):
			ok = isUpper(c)
		case i < 10:
			ok = isDigit(c)
		case i == 10:
			ok = c == 'H' || c == 'M' || c == 'X'
		case i == 16:
			ok = isDigit(c) || isUpper(c)
		default:
			ok = isDigit(c)
		}
		if !ok {
			return false
		}
	}
	if !validDate(0, num(s[4:6]), num(s[6:8]), num(s[8:10])) {
		return false
	}
	sum := 0
	for i := range 17 {
		sum += curpValue(s[i]) * (18 - i)
	}
	return (10-sum%10)%10 == int(s[17]-'0')
}

func num(s []byte) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// validDate reports whether day and month make a date; year is 0 when only
// two digits of it are known (yy).
func validDate(year, yy, month, day int) bool {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	switch month {
	case 2:
		leap := year%4 == 0 && (year%100 != 0 || year%400 == 0)
		if year == 0 {
			leap = yy%4 == 0
		}
		return day <= 28 || (leap && day == 29)
	case 4, 6, 9, 11:
		return day <= 30
	}
	return true
}

const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// dni reports whether s is a Spanish DNI (eight digits and their letter)
// or NIE (X, Y or Z, seven digits and the letter).
func dni(s []byte) bool {
	if len(s) != 9 || !isUpper(s[8]) {
		return false
	}
	n := 0
	switch s[0] {
	case 'X', 'Y', 'Z':
		n = int(s[0] - 'X')
	default:
		if !isDigit(s[0]) {
			return false
		}
		n = int(s[0] - '0')
	}
	for _, c := range s[1:8] {
		if !isDigit(c) {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return dniLetters[n%23] == s[8]
}

// cfOdd are the values of the characters in odd places (1st, 3rd, ...) of
// an Italian codice fiscale, for 0-9 then A-Z.
var cfOdd = [36]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

// codiceFiscale reports whether s is an Italian codice fiscale: six
// letters, the birth year, month letter and day, the place and the check
// letter. Digits may be replaced by letters (omocodia).
func codiceFiscale(s []byte) bool {
	if len(s) != 16 {
		return false
	}
	const omocodia = "LMNPQRSTUV"
	for i, c := range s {
		switch i {
		case 6, 7, 9, 10, 12, 13, 14:
			if !isDigit(c) && !contains(omocodia, c) {
				return false
			}
		case 8:
			if !contains("ABCDEHLMPRST", c) {
				return false
			}
		default:
			if !isUpper(c) {
				return false
			}
		}
	}
	sum := 0
	for i := range 15 {
		c := s[i]
		switch {
		case i%2 == 1 && isDigit(c):
			sum += int(c - '0')
		case i%2 == 1:
			sum += int(c - 'A')
		case isDigit(c):
			sum += cfOdd[c-'0']
		default:
			sum += cfOdd[c-'A'+10]
		}
	}
	return s[15] == byte('A'+sum%26)
}

func contains(set string, c byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}

// residentID reports whether s is a Chinese resident identity number:
// region, birth date, sequence and the ISO 7064 check character.
func residentID(s []byte) bool {
	if !residentIDShape(s) {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return "10X98765432"[sum%11] == s[17]
}

// residentIDShape reports whether s is written like a Chinese resident
// identity number, whatever its check character: a region, a birth date
// and a sequence.
func residentIDShape(s []byte) bool {
	if len(s) != 18 || !allDigits(s[:17]) || !(isDigit(s[17]) || s[17] == 'X') {
		return false
	}
	if p := num(s[:2]); p < 11 || p > 82 {
		return false
	}
	y := num(s[6:10])
	return y >= 1900 && y <= 2030 && validDate(y, 0, num(s[10:12]), num(s[12:14]))
}

// ssn reports whether s, nine digits, keeps the rules of US social security
// numbers: no area 000, 666 or 900-999, no group 00, no serial 0000.
func ssn(s []byte) bool {
	if len(s) != 9 || !allDigits(s) {
		return false
	}
	area, group, serial := num(s[:3]), num(s[3:5]), num(s[5:])
	return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

// sin reports whether s is a Canadian social insurance number: nine digits
// passing the Luhn check, not starting with 8 (business numbers). Numbers
// starting with 0 are not issued but are the ones used in examples.
func sin(s []byte) bool {
	return len(s) == 9 && allDigits(s) && s[0] != '8' && luhn(s)
}

// personnummer reports whether s is a Swedish personal identity number:
// a birth date (yymmdd, with or without the century) and four digits, the
// last ten passing the Luhn check.
func personnummer(s []byte) bool {
	if (len(s) != 10 && len(s) != 12) || !allDigits(s) {
		return false
	}
	t := s[len(s)-10:]
	day := num(t[4:6])
	if day > 60 {
		day -= 60 // a coordination number
	}
	return validDate(0, num(t[:2]), num(t[2:4]), day) && luhn(t)
}

// pan reports whether s has the shape of an Indian PAN: five letters, the
// fourth saying who holds it, four digits and a letter.
func pan(s []byte) bool {
	if len(s) != 10 {
		return false
	}
	for i, c := range s {
		if (i < 5 || i == 9) != isUpper(c) || (i >= 5 && i < 9) != isDigit(c) {
			return false
		}
	}
	return contains("PCHFATBLJG", s[3])
}

// niNumber reports whether s has the shape of a UK National Insurance
// number: two letters of the allowed prefixes, six digits, A to D.
func niNumber(s []byte) bool {
	if len(s) != 9 || !contains("ABCEGHJKLMNOPRSTWXYZ", s[0]) || !contains("ABCEGHJKLMNPRSTWXYZ", s[1]) {
		return false
	}
	switch string(s[:2]) {
	case "BG", "GB", "NK", "KN", "TN", "NT", "ZZ":
		return false
	}
	return allDigits(s[2:8]) && s[8] >= 'A' && s[8] <= 'D'
}

// ukLicence reports whether s has the shape of a UK driving licence
// number: five letters of the surname (padded with 9), the birth date
// coded in six digits, two initials, a digit and two check letters.
func ukLicence(s []byte) bool {
	if len(s) != 16 {
		return false
	}
	for i, c := range s {
		var ok bool
		switch {
		case i < 5 || i == 11 || i == 12:
			ok = isUpper(c) || c == '9'
		case i < 11 || i == 13:
			ok = isDigit(c)
		default:
			ok = isUpper(c) || isDigit(c)
		}
		if !ok {
			return false
		}
	}
	return isUpper(s[0]) && contains("0156", s[6])
}

// mrzValue is the value of a character in an ICAO 9303 check digit.
func mrzValue(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case isUpper(c):
		return int(c-'A') + 10
	}
	return 0 // '<'
}

// mrzCheck reports whether the digit check is the ICAO 9303 check digit of
// field.
func mrzCheck(field []byte, check byte) bool {
	if !isDigit(check) && check != '<' {
		return false
	}
	w := [3]int{7, 3, 1}
	sum := 0
	for i, c := range field {
		sum += mrzValue(c) * w[i%3]
	}
	return sum%10 == mrzValue(check)
}

// mrzChecked counts the check digits of a machine-readable-zone line that
// hold, trying the layouts of TD1 (first and second line) and of TD2 and
// TD3 (second line).
func mrzChecked(l []byte) int {
	best := 0
	try := func(fields ...int) {
		n := 0
		for i := 0; i+2 < len(fields); i += 3 {
			a, b, c := fields[i], fields[i+1], fields[i+2]
			if c < len(l) && mrzCheck(l[a:b], l[c]) && !allFiller(l[a:b]) {
				n++
			}
		}
		best = max(best, n)
	}
	if len(l) >= 28 {
		try(0, 9, 9, 13, 19, 19, 21, 27, 27) // TD2, TD3 line 2: number, birth, expiry
	}
	if len(l) >= 15 {
		try(5, 14, 14)          // TD1 line 1: number
		try(0, 6, 6, 8, 14, 14) // TD1 line 2: birth, expiry
	}
	return best
}

func allFiller(s []byte) bool {
	for _, c := range s {
		if c != '<' {
			return false
		}
	}
	return true
}

// nir reports whether s is a French social security number (NIR): sex,
// year and month of birth, place, order and the two-digit key,
// 97 - (the first thirteen digits mod 97). Corsica's 2A and 2B count as 19
// and 18.
func nir(s []byte) bool {
	if len(s) != 15 || (s[0] != '1' && s[0] != '2' && s[0] != '7' && s[0] != '8') {
		return false
	}
	n := 0
	for i := range 13 {
		c := s[i]
		switch {
		case isDigit(c):
			n = n*10 + int(c-'0')
		case i == 6 && (c == 'A' || c == 'B'):
			n = n * 10 // 2A and 2B: handled below
		default:
			return false
		}
	}
	if !allDigits(s[13:]) {
		return false
	}
	switch s[6] {
	case 'A':
		n -= 1000000 // 2A is 19: 20 - 1 in the département's place
	case 'B':
		n -= 2000000
	}
	if m := num(s[3:5]); !(m >= 1 && m <= 12 || m >= 20 && m <= 42 || m >= 50) {
		return false
	}
	return 97-n%97 == num(s[13:15])
}

// nhsNumber reports whether s is a UK NHS number: ten digits, the last the
// mod-11 check of the others.
func nhsNumber(s []byte) bool {
	if len(s) != 10 || !allDigits(s) {
		return false
	}
	sum := 0
	for i := range 9 {
		sum += int(s[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(s[9]-'0')
}

// rrn reports whether s is a South Korean resident registration number: a
// birth date (yymmdd), a digit for the century and sex, five digits and
// the check digit (numbers issued since October 2020 have none, and need
// their keyword).
func rrn(s []byte) bool {
	return rrnShape(s) && rrnCheck(s)
}

// rrnShape reports whether s is written like a resident registration
// number: thirteen digits, a birth date and a century-and-sex digit.
func rrnShape(s []byte) bool {
	return len(s) == 13 && allDigits(s) && s[6] >= '1' && s[6] <= '8' && validDate(0, num(s[:2]), num(s[2:4]), num(s[4:6]))
}

func rrnCheck(s []byte) bool {
	weights := [12]int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := 0
	for i, w := range weights {
		sum += int(s[i]-'0') * w
	}
	return (11-sum%11)%10 == int(s[12]-'0')
}

// nric reports whether s is a Singapore NRIC or FIN: S, T, F, G or M,
// seven digits and the check letter.
func nric(s []byte) bool {
	if len(s) != 9 || !contains("STFGM", s[0]) || !allDigits(s[1:8]) || !isUpper(s[8]) {
		return false
	}
	weights := [7]int{2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range weights {
		sum += int(s[1+i]-'0') * w
	}
	switch s[0] {
	case 'T', 'G':
		sum += 4
	case 'M':
		sum += 3
	}
	letters := "JZIHGFEDCBA"
	if s[0] == 'F' || s[0] == 'G' {
		letters = "XWUTRQPNMLK"
	}
	if s[0] == 'M' {
		letters = "XWUTRQPNJLK"
	}
	return letters[sum%11] == s[8]
}

// taiwanID reports whether s is a Taiwanese national identification
// number: a letter for the place, 1 or 2, eight digits and the check.
func taiwanID(s []byte) bool {
	if len(s) != 10 || !isUpper(s[0]) || (s[1] != '1' && s[1] != '2') || !allDigits(s[1:]) {
		return false
	}
	const places = "ABCDEFGHJKLMNPQRSTUVXYWZIO" // 10 to 35
	p := 10 + bytes.IndexByte([]byte(places), s[0])
	sum := p/10 + p%10*9
	for i := 1; i < 9; i++ {
		sum += int(s[i]-'0') * (9 - i)
	}
	sum += int(s[9] - '0')
	return sum%10 == 0
}
