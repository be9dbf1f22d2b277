package main

import (
	"strings"
	"unicode/utf8"
)

// wrap breaks the lines of s longer than width columns at spaces. A
// continued line keeps the line's indentation, and a list item's text is
// continued under its text, not under its bullet or number. A word longer
// than the width stays whole. Width under 20 leaves s as it is.
func wrap(s string, width int) string {
	if width < 20 {
		return s
	}
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		wrapLine(&b, line, width)
	}
	return b.String()
}

// wrapLine writes line to b, broken to width columns.
func wrapLine(b *strings.Builder, line string, width int) {
	if utf8.RuneCountInString(line) <= width {
		b.WriteString(line)
		return
	}
	hang := hangingIndent(line)
	col := 0
	first := true
	lead := line[:len(line)-len(strings.TrimLeft(line, " "))]
	b.WriteString(lead)
	col = utf8.RuneCountInString(lead)
	for _, w := range strings.Fields(line) {
		n := utf8.RuneCountInString(w)
		switch {
		case first:
			first = false
		case col+1+n > width:
			b.WriteByte('\n')
			b.WriteString(strings.Repeat(" ", hang))
			col = hang
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
	}
}

// hangingIndent is the column where a continued line of line starts: under
// the text after its indentation and any list marker ("• ", "- ", "2. ").
func hangingIndent(line string) int {
	rest := strings.TrimLeft(line, " ")
	n := len(line) - len(rest)
	for _, bullet := range []string{"• ", "- ", "* "} {
		if strings.HasPrefix(rest, bullet) {
			return n + utf8.RuneCountInString(bullet)
		}
	}
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	if digits > 0 && strings.HasPrefix(rest[digits:], ". ") {
		return n + digits + 2
	}
	return n
}
