// Package redact finds and masks personal data in what people type: the
// identity numbers people post while verifying their identity (passport,
// licence and national ID numbers, social security numbers, card numbers,
// IBANs, passport machine-readable-zone lines), dates of birth and street
// addresses, and also e-mail addresses, phone numbers and long runs of
// digits. It is the one place text passes through before it is logged or
// stored, and what the guard asks before answering in public.
//
// Text is folded first (full-width forms and the digits of every script
// become ASCII, accents go, any space, dash or line break inside a number
// is a separator, keywords written in Chinese, Japanese, Korean, Cyrillic
// and a few other scripts become the Latin keyword they stand for), so
// "４１１１ １１１１…", "4111.1111.1111.1111", a number broken over two lines
// and "护照号码EG0897361" are read like "4111 1111 1111 1111" and
// "passport EG0897361". A number whose format has a check (Luhn, mod 97,
// Verhoeff, the CPF, CURP, DNI, codice fiscale, Chinese resident ID,
// Korean resident registration, NRIC and MRZ check digits) is personal
// data alone; one without a check counts only when a keyword for it (in
// English, Spanish, French, German, Portuguese, Italian, Dutch and the
// languages above, German compounds such as "Reisepassnr." included) is
// within a few words, and never when an order, ticket, case, session or
// error word is nearer. A number written in two parts ("ssn 859 47 ...
// 6100") is found when the parts together pass its check or its keyword
// came first. Dates, times, amounts, versions, UUIDs, error codes and
// one-time codes are not personal data.
package redact

import (
	"strings"
	"sync"
)

// Kind is a kind of personal data.
type Kind string

// The kinds of personal data found.
const (
	Email         Kind = "email"
	Phone         Kind = "phone"
	Card          Kind = "card-number"
	IBAN          Kind = "iban"
	SSN           Kind = "ssn"
	MRZ           Kind = "mrz"
	Passport      Kind = "passport-number"
	Licence       Kind = "driving-licence"
	IDNumber      Kind = "id-number"
	Aadhaar       Kind = "aadhaar"
	PAN           Kind = "pan"
	CPF           Kind = "cpf"
	CURP          Kind = "curp"
	SIN           Kind = "sin"
	DNI           Kind = "dni"
	NIE           Kind = "nie"
	CodiceFiscale Kind = "codice-fiscale"
	ResidentID    Kind = "resident-id"
	NINumber      Kind = "ni-number"
	Personnummer  Kind = "personnummer"
	NIR           Kind = "nir"
	RRN           Kind = "rrn"
	Birth         Kind = "date-of-birth"
	Address       Kind = "address"
	Digits        Kind = "number"
)

// Label returns what masked text shows in place of data of kind k:
// "[passport number]".
func (k Kind) Label() string {
	switch k {
	case Email:
		return "[email]"
	case Phone:
		return "[phone]"
	case Card:
		return "[card number]"
	case IBAN:
		return "[IBAN]"
	case SSN:
		return "[SSN]"
	case MRZ:
		return "[MRZ line]"
	case Passport:
		return "[passport number]"
	case Licence:
		return "[driving licence number]"
	case IDNumber:
		return "[ID number]"
	case Aadhaar:
		return "[Aadhaar number]"
	case PAN:
		return "[PAN]"
	case CPF:
		return "[CPF]"
	case CURP:
		return "[CURP]"
	case SIN:
		return "[SIN]"
	case DNI:
		return "[DNI]"
	case NIE:
		return "[NIE]"
	case CodiceFiscale:
		return "[codice fiscale]"
	case ResidentID:
		return "[resident ID number]"
	case NINumber:
		return "[NI number]"
	case Personnummer:
		return "[personnummer]"
	case NIR:
		return "[NIR]"
	case RRN:
		return "[resident registration number]"
	case Birth:
		return "[date of birth]"
	case Address:
		return "[address]"
	case Digits:
		return "[number]"
	}
	return "[" + string(k) + "]"
}

// Guarded reports whether data of kind k must never be posted in a chat:
// everything but e-mail addresses, phone numbers and other runs of digits,
// which people share to be contacted or to quote an order.
func (k Kind) Guarded() bool {
	return k != Email && k != Phone && k != Digits
}

// Finding is one piece of personal data in a text, at text[Start:End].
type Finding struct {
	Kind       Kind
	Start, End int
}

// Find returns the personal data in text, in order, never overlapping.
func Find(text string) []Finding {
	sc := scanners.Get().(*scanner)
	defer sc.release()
	found := sc.scan(text)
	if len(found) == 0 {
		return nil
	}
	return append([]Finding(nil), found...)
}

// scan finds the personal data in text in sc's buffers: the findings are
// sc's until it is released.
func (sc *scanner) scan(text string) []Finding {
	if !mayHoldData(text) {
		return nil // every kind needs a digit, an @, a < or nine capitals (most text has none)
	}
	sc.f.fold(text)
	sc.s, sc.lo = sc.f.s, sc.f.lo
	sc.emails()
	sc.tokenize()
	sc.run()
	return sc.findings()
}

// scanners keeps the buffers of finished scans for the next.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// maxPooled is the largest buffer kept for reuse.
const maxPooled = 1 << 20

func (sc *scanner) release() {
	if cap(sc.f.lo) > maxPooled || cap(sc.f.s) > maxPooled || cap(sc.f.raw) > maxPooled || cap(sc.f.shifts) > maxPooled/8 || cap(sc.f.script) > maxPooled/8 || cap(sc.toks) > maxPooled/16 || cap(sc.out) > maxPooled/16 || cap(sc.merged) > maxPooled/16 {
		return
	}
	*sc = scanner{f: folded{s: sc.f.s[:0], lo: sc.f.lo[:0], raw: sc.f.raw[:0], shifts: sc.f.shifts[:0], script: sc.f.script[:0]}, toks: sc.toks[:0], out: sc.out[:0], merged: sc.merged[:0]}
	scanners.Put(sc)
}

// mayHoldData reports whether s has a digit, an '@', a '<', a byte of
// another script, or nine capitals in a row: every kind of personal data
// needs one (a German document number may be nine capitals). It reads
// eight bytes at a time.
func mayHoldData(s string) bool {
	const lows, highs = 0x0101010101010101, 0x8080808080808080
	// in has the high bit of each byte of x (all below 0x80) from lo to hi.
	in := func(x, lo, hi uint64) uint64 { return (x + (0x80-lo)*lows) &^ (x + (0x7F-hi)*lows) }
	run := 0 // capitals in a row
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			if x&highs != 0 {
				return true
			}
			if (in(x, '0', '9')|in(x, '<', '<')|in(x, '@', '@'))&highs != 0 {
				return true
			}
			if run == 0 && in(x, 'A', 'Z')&highs == 0 {
				i += 8
				continue
			}
		}
		switch c := s[i]; {
		case c >= 0x80, c >= '0' && c <= '9', c == '@', c == '<':
			return true
		case c >= 'A' && c <= 'Z':
			if run++; run >= 9 {
				return true
			}
		default:
			run = 0
		}
		i++
	}
	return false
}

// findings returns the scanner's findings in order and in the original
// text's offsets. E-mail addresses were found before the rest.
func (sc *scanner) findings() []Finding {
	out := sc.out
	if len(out) == 0 {
		return nil
	}
	// Emails come first in out, in order; the rest follow, in order.
	split := 0
	for split < len(out) && out[split].Kind == Email {
		split++
	}
	merged := out
	if split > 0 && split < len(out) {
		merged = sc.merged[:0]
		a, b := out[:split], out[split:]
		for len(a) > 0 && len(b) > 0 {
			if a[0].Start <= b[0].Start {
				merged, a = append(merged, a[0]), a[1:]
			} else {
				merged, b = append(merged, b[0]), b[1:]
			}
		}
		merged = append(append(merged, a...), b...)
		sc.merged = merged
	}
	sc.f.origAll(merged)
	return merged
}

// Text returns text with every piece of personal data replaced by its
// kind's label: "my passport is [passport number]".
func Text(text string) string {
	sc := scanners.Get().(*scanner)
	defer sc.release()
	return mask(text, sc.scan(text))
}

func mask(text string, found []Finding) string {
	if len(found) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 8*len(found)) // labels are a little longer than most values
	last := 0
	for _, f := range found {
		b.WriteString(text[last:f.Start])
		b.WriteString(f.Kind.Label())
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// Sensitive reports the kinds of personal data in text that must never be
// posted in a chat (see Kind.Guarded), in order, each once.
func Sensitive(text string) []Kind {
	sc := scanners.Get().(*scanner)
	defer sc.release()
	return guardedKinds(sc.scan(text))
}

func guardedKinds(found []Finding) []Kind {
	var kinds []Kind
	for _, f := range found {
		if f.Kind.Guarded() && !containsKind(kinds, f.Kind) {
			kinds = append(kinds, f.Kind)
		}
	}
	return kinds
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// Result is what Check finds in one message.
type Result struct {
	// Guard says the message holds data that must not be posted in a chat.
	Guard bool
	// Kinds are the kinds of personal data found, in order, each once.
	Kinds []Kind
	// Masked is the message with every piece of personal data masked.
	Masked string
}

// Check finds the personal data in text once and says everything about it.
func Check(text string) Result {
	sc := scanners.Get().(*scanner)
	defer sc.release()
	found := sc.scan(text)
	r := Result{Masked: mask(text, found)}
	for _, f := range found {
		if !containsKind(r.Kinds, f.Kind) {
			r.Kinds = append(r.Kinds, f.Kind)
			r.Guard = r.Guard || f.Kind.Guarded() // a kind's once is enough
		}
	}
	return r
}
