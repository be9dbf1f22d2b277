// Package split cuts reply text to the size limits of chat platforms without
// losing any of it.
package split

import (
	"strings"
	"unicode/utf8"
)

// Text cuts text into pieces of at most max characters, at paragraph breaks
// if it can, else at line breaks, else between words; a single word longer
// than max is the only thing ever cut. No text is lost.
func Text(text string, max int) []string {
	var out []string
	left := utf8.RuneCountInString(text) // characters in text, kept as it shrinks
	for left > max {
		cut := cutPoint(text, max)
		out = append(out, strings.TrimRight(text[:cut], " \n"))
		rest := strings.TrimLeft(text[cut:], " \n")
		left -= utf8.RuneCountInString(text[:len(text)-len(rest)])
		text = rest
	}
	return append(out, text)
}

// cutPoint returns a byte offset at most max characters into text, at the
// best boundary before it.
func cutPoint(text string, max int) int {
	limit, n := len(text), 0
	for i := range text {
		if n == max {
			limit = i
			break
		}
		n++
	}
	head := text[:limit]
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(head, sep); i > 0 {
			return i + len(sep)
		}
	}
	return limit
}

// Truncate shortens s to at most n characters, ending with "…" when
// something was cut: for labels and previews, never for answers.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n <= 1 {
		return string(r[:n])
	}
	return string(r[:n-1]) + "…"
}
