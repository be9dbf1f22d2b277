package intents

import "strings"

// stem reduces an English word to a crude stem so that plurals, tenses and
// a few common derivations meet: "photos", "photo"; "failing", "failed",
// "fails", "fail"; "verification", "verified", "verify". The stems are not
// words, only keys that the same function produces for both sides of a match.
// Every rule only shortens the word, so a stem is always a prefix of its word.
func stem(w string) string {
	if len(w) == 3 && w[2] == 's' && !strings.ContainsRune("suiae", rune(w[1])) {
		return w[:2] // ids -> id
	}
	if len(w) <= 3 || !isASCII(w) {
		return w
	}
	// A final e, y or i varies between forms ("declined" / "decline",
	// "tries" / "try"); it is dropped so the forms meet.
	w = stripFinalE(stripInflection(w))
	w = stripFinalE(stripDerivation(w))
	if len(w) > 3 && (w[len(w)-1] == 'y' || w[len(w)-1] == 'i') {
		w = w[:len(w)-1]
	}
	return w
}

func stripFinalE(w string) string {
	if len(w) > 3 && w[len(w)-1] == 'e' {
		return w[:len(w)-1]
	}
	return w
}

func stripInflection(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-2] // batteries -> batteri
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-2] // verified -> verifi
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"):
		return w[:len(w)-2] // passes -> pass
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ing") && hasVowel(w[:len(w)-3]) && len(w) > 5:
		return undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "eed"):
		return w
	case strings.HasSuffix(w, "ed") && hasVowel(w[:len(w)-2]) && len(w) > 4:
		return undouble(w[:len(w)-2])
	}
	return w
}

// derivations are suffixes that turn a verb into a noun or adverb, with the
// length of the part to keep: "verification" keeps "verifi".
var derivations = []struct {
	suffix string
	drop   int
}{
	{"ication", 6}, // verification -> verifi
	{"ization", 7}, // authorization -> author, as authorize
	{"ation", 5},   // confirmation -> confirm
	{"ition", 5},   // recognition -> recogn, as recognize
	{"ction", 3},   // rejection -> reject
	{"ment", 4},    // requirement -> require
	{"ness", 4},
	{"abl", 3}, // readable (final e gone) -> read
	{"ibl", 3},
	{"iz", 2}, // recognize (final e gone) -> recogn
	{"ly", 2},
}

func stripDerivation(w string) string {
	for _, d := range derivations {
		if strings.HasSuffix(w, d.suffix) && len(w)-d.drop >= 4 {
			return w[:len(w)-d.drop]
		}
	}
	return w
}

// undouble turns "scann" into "scan" but keeps "fall", "pass" and "buzz".
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeioulsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func hasVowel(s string) bool {
	return strings.ContainsAny(s, "aeiouy")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
