package intents

import "strings"

// germanStem is the Snowball German stemmer, for words already lowered
// and with their accents folded (ä is a, ß is ss), as foreignTokens gives
// them: the classic algorithm of snowballstem.org, whose last step turns
// umlauts into their base vowels anyway.
func germanStem(w string) string {
	if len(w) < 3 || !isASCII(w) {
		return w
	}
	b := []byte(w)
	// u and y between vowels are consonants.
	for i := 1; i+1 < len(b); i++ {
		if (b[i] == 'u' || b[i] == 'y') && isGermanVowel(b[i-1]) && isGermanVowel(b[i+1]) {
			b[i] -= 'a' - 'A'
		}
	}
	r1 := germanRegion(b, 0)
	r2 := germanRegion(b, r1)
	r1 = max(r1, 3)

	// Step 1.
	switch s := longestSuffix(b, "em", "ern", "er", "e", "en", "es", "s"); {
	case s == "":
	case len(b)-len(s) < r1:
	case s == "s":
		if len(b) >= 2 && isSEnding(b[len(b)-2]) {
			b = b[:len(b)-1]
		}
	case s == "e" || s == "en" || s == "es":
		b = b[:len(b)-len(s)]
		if strings.HasSuffix(string(b), "niss") {
			b = b[:len(b)-1]
		}
	default:
		b = b[:len(b)-len(s)]
	}
	// Step 2.
	switch s := longestSuffix(b, "en", "er", "est", "st"); {
	case s == "":
	case len(b)-len(s) < r1:
	case s == "st":
		// Preceded by a valid st-ending, itself preceded by at least 3 letters.
		if n := len(b) - 2; n >= 4 && isSTEnding(b[n-1]) {
			b = b[:n]
		}
	default:
		b = b[:len(b)-len(s)]
	}
	// Step 3: derivational suffixes.
	switch s := longestSuffix(b, "end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"); {
	case s == "":
	case len(b)-len(s) < r2:
	case s == "end" || s == "ung":
		b = b[:len(b)-len(s)]
		if n := len(b) - 2; strings.HasSuffix(string(b), "ig") && n >= r2 && (n == 0 || b[n-1] != 'e') {
			b = b[:n]
		}
	case s == "ig" || s == "ik" || s == "isch":
		if n := len(b) - len(s); n == 0 || b[n-1] != 'e' {
			b = b[:n]
		}
	case s == "lich" || s == "heit":
		b = b[:len(b)-len(s)]
		if t := longestSuffix(b, "er", "en"); t != "" && len(b)-2 >= r1 {
			b = b[:len(b)-2]
		}
	case s == "keit":
		b = b[:len(b)-len(s)]
		if t := longestSuffix(b, "lich", "ig"); t != "" && len(b)-len(t) >= r2 {
			b = b[:len(b)-len(t)]
		}
	}
	for i, c := range b {
		if c == 'U' || c == 'Y' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

func isGermanVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

func isSEnding(c byte) bool { return strings.IndexByte("bdfghklmnrt", c) >= 0 }

func isSTEnding(c byte) bool { return strings.IndexByte("bdfghklmnt", c) >= 0 }

// germanRegion is where the region after from starts: after the first
// non-vowel that follows a vowel, or the word's end.
func germanRegion(b []byte, from int) int {
	for i := from + 1; i < len(b); i++ {
		if !isGermanVowel(b[i]) && isGermanVowel(b[i-1]) {
			return i + 1
		}
	}
	return len(b)
}

// longestSuffix returns the longest of suffixes that b ends with, or "".
func longestSuffix(b []byte, suffixes ...string) string {
	best := ""
	for _, s := range suffixes {
		if len(s) > len(best) && strings.HasSuffix(string(b), s) {
			best = s
		}
	}
	return best
}
