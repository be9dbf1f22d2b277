package intents

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxMessageLen is the number of bytes of a message that matching reads;
// longer messages are truncated, never refused.
const MaxMessageLen = 4000

// token is one word of a message on its way to becoming a term.
type token struct {
	word string // lowercased surface form
	stem string // stem, or a vocabulary term after correction or synonyms
	stop bool
	// typo is true when stem is a correction of an unknown word.
	typo bool
	// space is the language whose own feature space the token is in: ""
	// for the default language's words and the words shared with it.
	space string
}

// words splits lowered text into words. Apostrophes inside words are
// resolved like contractions: "driver's" gives "driver", "i'm" gives "i",
// and "won't" or "can't" (negated auxiliaries) give nothing.
func words(lowered string, yield func(string)) {
	s := lowered
	for len(s) > 0 {
		// Skip to the start of a word.
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				break
			}
			i += n
		}
		s = s[i:]
		if s == "" {
			return
		}
		// Read the word, remembering the first apostrophe.
		end, apos := 0, -1
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if isApostrophe(r) && apos < 0 && end > 0 {
				apos = end
				end += n
				continue
			}
			if !isWordRune(r) {
				break
			}
			end += n
		}
		w := s[:end]
		s = s[end:]
		if apos >= 0 {
			base, rest := w[:apos], w[apos:]
			_, n := utf8.DecodeRuneInString(rest)
			switch suffix := rest[n:]; suffix {
			case "t":
				continue // n't: a negated auxiliary, all stopwords
			case "", "s", "m", "re", "ve", "ll", "d":
				w = base
			default:
				// o'clock, names: keep both halves as words.
				yield(base)
				w = suffix
			}
		}
		if w != "" {
			yield(w)
		}
	}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u2018' || r == '`'
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// truncate cuts s to at most max bytes without splitting a character and,
// when a space is near the cut, without splitting a word: half a word would
// read as an unknown one.
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	for max > 0 && !utf8.RuneStart(s[max]) {
		max--
	}
	if s[max] == ' ' || s[max] == '\t' || s[max] == '\n' {
		return s[:max]
	}
	if i := strings.LastIndexAny(s[:max], " \t\n"); i >= 0 && max-i <= 64 {
		max = i
	}
	return s[:max]
}

// lower is strings.ToLower that skips the copy for text already in lower case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}
