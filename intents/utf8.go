package intents

import "unicode/utf8"

// utf8At is where in a file an invalid byte is: its offset in the data and
// its column (in bytes, from 1) on its line.
type utf8At struct {
	offset, column int
}

// firstInvalidUTF8 finds the first byte of data that is not valid UTF-8;
// ok is true when there is none.
func firstInvalidUTF8(data []byte) (line int, at utf8At, ok bool) {
	if utf8.Valid(data) {
		return 0, utf8At{}, true
	}
	line, start := 1, 0
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line, start = line+1, i+1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return line, utf8At{offset: i, column: i - start + 1}, false
		}
		i += size
	}
	return 0, utf8At{}, true
}
