package redact

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"
)

// folded is a text brought to one byte per character (a few characters
// give two) so that detection never depends on how something was typed:
// full-width forms and the decimal digits of every script become ASCII,
// accented Latin letters lose their accents, every kind of space, dash and
// line separator becomes ' ', '-' or '\n', keywords in other scripts
// become the Latin keyword they stand for (see scriptWords), the other
// letters of Chinese, Japanese and Korean become spaces and those of other
// scripts otherLetter. It is the compatibility folding of NFKC restricted to
// what the detectors read, with a map back to the original bytes.
type folded struct {
	s   []byte // the folded text, case kept
	lo  []byte // the folded text in small letters
	raw []byte // the text before folding
	// script has where the keywords of other scripts start in s (see
	// scriptWords), in order.
	script []int32
	// shifts map folded offsets back to the original: from folded offset
	// at on, the original offset is the folded one plus delta. Empty when
	// the text is ASCII.
	shifts []shift
}

// shift is where the distance between folded and original offsets changes.
type shift struct{ at, delta int32 }

// otherLetter stands for a letter of a script the detectors do not read.
const otherLetter = 0x80

// origAll maps the offsets of findings, in order, to the original text
// in one walk along the shifts.
func (f *folded) origAll(found []Finding) {
	sh, j, delta := f.shifts, 0, 0
	at := func(off int) int {
		for j < len(sh) && int(sh[j].at) <= off {
			delta = int(sh[j].delta)
			j++
		}
		return off + delta
	}
	for i := range found {
		found[i].Start = at(found[i].Start)
		found[i].End = at(found[i].End)
	}
}

// fold folds text into f, reusing f's buffers.
func (f *folded) fold(text string) {
	f.raw = append(f.raw[:0], text...) // bytes to read eight at a time
	raw := f.raw
	f.s, f.shifts, f.script = f.s[:0], f.shifts[:0], f.script[:0]
	defer func() { f.lo = appendLower(f.lo[:0], f.s) }()
	delta := 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			j := i + 1 + asciiPrefix(raw[i+1:])
			f.s = append(f.s, raw[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r >= 0x370 {
			if latin, n := scriptKeyword(r, raw[i:]); n > 0 {
				// " passport " for 护照: the word maps to the keyword, the
				// spaces to its ends.
				f.s = append(f.s, ' ')
				f.script = append(f.script, int32(len(f.s)))
				f.shifts = append(f.shifts, shift{at: int32(len(f.s)), delta: int32(i - len(f.s))})
				f.s = append(f.s, latin...)
				f.shifts = append(f.shifts, shift{at: int32(len(f.s)), delta: int32(i + n - len(f.s))})
				f.s = append(f.s, ' ')
				delta = i + n - len(f.s)
				f.shifts = append(f.shifts, shift{at: int32(len(f.s)), delta: int32(delta)})
				i += n
				continue
			}
		}
		a, b := foldRune(r)
		f.s = append(f.s, a)
		n := 1
		if b != 0 {
			f.s = append(f.s, b)
			n = 2
		}
		i += size
		if size != n {
			delta += size - n
			f.shifts = append(f.shifts, shift{at: int32(len(f.s)), delta: int32(delta)})
		}
	}
}

// appendLower appends src, folded text, to dst in small letters, eight
// bytes at a time: each byte from 'A' to 'Z' gets the bit 0x20. Folded
// text has no byte above otherLetter (0x80), so adding 0x3F to a byte
// never carries into the next.
func appendLower(dst, src []byte) []byte {
	n := len(dst)
	dst = append(dst, src...)
	w := dst[n:]
	const a, z, high = 0x3F3F3F3F3F3F3F3F, 0x2525252525252525, 0x8080808080808080
	for len(w) >= 8 {
		x := binary.LittleEndian.Uint64(w[:8])
		binary.LittleEndian.PutUint64(w[:8], x|((x+a)&^(x+z)&^x&high)>>2)
		w = w[8:]
	}
	for i, c := range w {
		if c >= 'A' && c <= 'Z' {
			w[i] = c + 'a' - 'A'
		}
	}
	return dst
}

// asciiPrefix returns the length of the ASCII start of s, reading eight
// bytes at a time.
func asciiPrefix(s []byte) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64(s[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// latin folds U+00C0 to U+017F to their base letters; '*' is a character
// that is not a letter.
const latin = "AAAAAA*CEEEEIIII" + "DNOOOOO*OUUUUY**" + "aaaaaa*ceeeeiiii" + "dnooooo*ouuuuy*y" +
	"AaAaAaCcCcCcCcDd" + "DdEeEeEeEeEeGgGg" + "GgGgHhHhIiIiIiIi" + "IiJjJjKkkLlLlLlL" +
	"lLlNnNnNnnNnOoOo" + "OoOoRrRrRrSsSsSs" + "SsTtTtTtUuUuUuUu" + "UuUuWwYyYZzZzZzs"

// foldRune returns the one or two bytes a non-ASCII character folds to.
func foldRune(r rune) (byte, byte) {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return byte(r - 0xFEE0), 0
	case r == 0xDF:
		return 's', 's'
	case r == 0xC6:
		return 'A', 'E'
	case r == 0xE6:
		return 'a', 'e'
	case r == 0x152:
		return 'O', 'E'
	case r == 0x153:
		return 'o', 'e'
	case r == 0xBA || r == 0xB0: // º, °: "Nº", "N°"
		return 'o', 0
	case r == 0xAA:
		return 'a', 0
	case r >= 0xC0 && r <= 0x17F:
		if c := latin[r-0xC0]; c != 0xC2 { // not the first byte of '*'
			return c, 0
		}
	case r == 0x2028 || r == 0x2029 || r == 0x85:
		return '\n', 0
	case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE58, r == 0xFE63, r == 0x2043:
		return '-', 0
	case r == 0x2044 || r == 0x2215:
		return '/', 0
	case r == 0x2024 || r == 0x3002 || r == 0xFF61:
		return '.', 0
	case r == 0x2039 || r == 0x3008 || r == 0xFE64:
		return '<', 0
	case spaceless(r):
		return ' ', 0 // Han, kana and Hangul: what is not a keyword separates the words around it
	case r >= 0x410 && r <= 0x44F:
		return otherLetter, 0 // the common Cyrillic letters, without a table search
	case r >= 0x660 && r <= 0x669:
		return '0' + byte(r-0x660), 0 // Arabic-Indic
	case r >= 0x6F0 && r <= 0x6F9:
		return '0' + byte(r-0x6F0), 0 // Persian
	case r >= 0x966 && r <= 0x96F:
		return '0' + byte(r-0x966), 0 // Devanagari
	case unicode.IsDigit(r):
		return '0' + digitValue(r), 0
	case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
		return ' ', 0
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return otherLetter, 0
	}
	if r >= 0xC0 && r <= 0x17F {
		return otherLetter, 0 // × and ÷
	}
	return '~', 0 // punctuation and symbols: not part of a word or number
}

// digitValue returns the value of a decimal digit of any script. Unicode
// puts each script's digits in one run of ten, from zero to nine.
func digitValue(r rune) byte {
	// Runs of ten can follow each other (the five sets of mathematical
	// digits), so count back to the start of the whole block.
	n := 0
	for n < 60 && unicode.IsDigit(r-rune(n)-1) {
		n++
	}
	return byte(n % 10)
}
