package split_test

import (
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
)

func TestTextLosesNothing(t *testing.T) {
	para := strings.Repeat("word ", 150)
	tests := []struct {
		name string
		text string
		max  int
	}{
		{"paragraphs", strings.Join([]string{para, para, para, para, para, para}, "\n\n"), 3000},
		{"one long line", strings.Repeat("word ", 1500), 3000},
		{"one huge word", strings.Repeat("x", 7000), 3000},
		{"multi-byte", strings.Repeat("é ", 4000), 2000},
		{"multi-byte lines, many cuts", strings.Repeat("ключ  \n\n é\n", 20000), 700},
		{"short", "hello", 2000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := split.Text(tt.text, tt.max)
			for i, p := range parts {
				if n := len([]rune(p)); n > tt.max || n == 0 {
					t.Fatalf("part %d has %d characters", i, n)
				}
			}
			if strings.Join(strings.Fields(strings.Join(parts, " ")), "") != strings.Join(strings.Fields(tt.text), "") {
				t.Fatal("text was lost or changed in the split")
			}
			if tt.name == "paragraphs" && !strings.HasSuffix(parts[0], "word") {
				t.Errorf("cut inside a paragraph")
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	if got := split.Truncate("Selfie step", 20); got != "Selfie step" {
		t.Errorf("short text changed: %q", got)
	}
	if got := split.Truncate("Lighting and glare", 8); got != "Lightin…" {
		t.Errorf("got %q", got)
	}
	if got := split.Truncate("éééé", 3); got != "éé…" {
		t.Errorf("multi-byte: %q", got)
	}
}
