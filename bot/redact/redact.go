// Package redact masks personal data in what people type: email addresses,
// phone numbers, card numbers, social security and other ID numbers,
// passport machine-readable-zone lines and long runs of digits. It is the
// one place text passes through before it is logged or stored.
package redact

import (
	"regexp"
	"strings"
	"unicode"
)

// Kind is a kind of personal data.
type Kind string

// The kinds of personal data found.
const (
	Email    Kind = "email"
	Phone    Kind = "phone"
	Card     Kind = "card"
	SSN      Kind = "ssn"
	MRZ      Kind = "mrz"
	IDNumber Kind = "id-number"
	Digits   Kind = "number"
)

// Finding is one piece of personal data in a text, at text[Start:End].
type Finding struct {
	Kind       Kind
	Start, End int
}

// patterns in the order they are tried; a later pattern never matches
// inside an earlier finding.
var patterns = []struct {
	kind Kind
	re   *regexp.Regexp
	ok   func(string) bool
}{
	// Passport and ID card machine-readable zone: 30 to 44 characters of
	// capitals, digits and the filler "<".
	{MRZ, regexp.MustCompile(`[A-Z0-9<]{30,44}`), func(s string) bool { return strings.Contains(s, "<<") }},
	{Email, regexp.MustCompile(`[\w.+%-]+@[\w-]+(?:\.[\w-]+)+`), nil},
	{SSN, regexp.MustCompile(`\b\d{3}[- ]\d{2}[- ]\d{4}\b`), nil},
	// 13 to 19 digits, possibly grouped, passing the Luhn check.
	{Card, regexp.MustCompile(`\b\d(?:[ -]?\d){12,18}\b`), luhn},
	// Letters and digits mixed, like most ID, licence and passport numbers.
	{IDNumber, regexp.MustCompile(`\b[A-Za-z0-9][A-Za-z0-9-]{5,19}\b`), idLike},
	// International or grouped phone numbers: 8 to 15 digits, written with
	// a + or with separators (a bare run of digits is only a number).
	{Phone, regexp.MustCompile(`(?:\+|\b)\d[\d ().-]{6,18}\d\b`), phoneLike},
	{Digits, regexp.MustCompile(`\d{6,}`), nil},
}

// Find returns the personal data in text, in order.
func Find(text string) []Finding {
	if !strings.ContainsAny(text, "0123456789@<") {
		return nil // every kind needs a digit, an @ or a < (most text has none)
	}
	var found []Finding // sorted by Start, never overlapping
	for _, p := range patterns {
		// Matches come in order and never overlap one another, so one
		// walk along found tells which ones fall inside an earlier finding.
		var fresh []Finding
		j := 0
		for _, loc := range p.re.FindAllStringIndex(text, -1) {
			for j < len(found) && found[j].End <= loc[0] {
				j++
			}
			if j < len(found) && found[j].Start < loc[1] {
				continue // inside an earlier pattern's finding
			}
			if p.ok != nil && !p.ok(text[loc[0]:loc[1]]) {
				continue
			}
			fresh = append(fresh, Finding{Kind: p.kind, Start: loc[0], End: loc[1]})
		}
		found = merge(found, fresh)
	}
	return found
}

// merge returns the findings of a and b, both sorted by Start, in one
// sorted slice.
func merge(a, b []Finding) []Finding {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]Finding, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].Start <= b[0].Start {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// Text returns text with every piece of personal data replaced by its kind
// in brackets: "call me at [phone]".
func Text(text string) string {
	found := Find(text)
	if len(found) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, f := range found {
		b.WriteString(text[last:f.Start])
		b.WriteString("[" + string(f.Kind) + "]")
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String()
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// luhn reports whether the digits of s pass the Luhn check of card numbers.
func luhn(s string) bool {
	d := digitsOf(s)
	if len(d) < 13 || len(d) > 19 {
		return false
	}
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if (len(d)-1-i)%2 == 1 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

// isoDate matches dates written 2024-11-27 or 27.11.2024, which are not phones.
var isoDate = regexp.MustCompile(`^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$`)

func phoneLike(s string) bool {
	n := len(digitsOf(s))
	grouped := strings.HasPrefix(s, "+") || strings.ContainsAny(s, " ().-")
	return n >= 8 && n <= 15 && grouped && !isoDate.MatchString(strings.TrimSpace(s))
}

// idLike reports whether a token mixes letters and at least five digits:
// the shape of ID, licence and passport numbers.
func idLike(s string) bool {
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	return digits >= 5 && letters > 0
}

// idContext are words that make an ID-like token an ID number, not an order
// number or an error code.
var idContext = regexp.MustCompile(`(?i)\b(passport|licen[cs]e|driver'?s?|id|identity|identification|document|national|ssn|social security|residence|permit|dni|nin|tax)\b`)

// Sensitive reports the kinds of personal data in text that must never be
// posted in a chat: social security, card and ID numbers and passport
// machine-readable lines. Order numbers, dates, phone numbers and short codes
// are not: an ID-like token counts only beside a word like "passport",
// "licence" or "ID".
func Sensitive(text string) []Kind {
	var kinds []Kind
	context := idContext.MatchString(text)
	for _, f := range Find(text) {
		switch f.Kind {
		case SSN, Card, MRZ:
			kinds = append(kinds, f.Kind)
		case IDNumber, Digits:
			if context {
				kinds = append(kinds, f.Kind)
			}
		}
	}
	return kinds
}
