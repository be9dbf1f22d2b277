package main

import "testing"

func TestWrap(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
		want     string
	}{
		{"short lines stay", "a short line\n  and another", 40, "a short line\n  and another"},
		{"paragraph", "the quick brown fox jumps over the lazy dog again and again", 24,
			"the quick brown fox\njumps over the lazy dog\nagain and again"},
		{"indentation kept", "     Remember: the company that asked you to verify decides", 30,
			"     Remember: the company\n     that asked you to verify\n     decides"},
		{"bullet hangs", "     • Face a bright, even light; avoid a window behind you.", 32,
			"     • Face a bright, even\n       light; avoid a window\n       behind you."},
		{"numbered choice hangs", "       12. Coming from Microsoft Entra and more words", 30,
			"       12. Coming from\n           Microsoft Entra and\n           more words"},
		{"long word whole", "see https://example.invalid/a/very/long/path/that/does/not/fit ok", 24,
			"see\nhttps://example.invalid/a/very/long/path/that/does/not/fit\nok"},
		{"narrow terminal left alone", "the quick brown fox jumps", 10, "the quick brown fox jumps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrap(tt.in, tt.width); got != tt.want {
				t.Errorf("wrap(%q, %d) =\n%s\nwant\n%s", tt.in, tt.width, got, tt.want)
			}
		})
	}
}
