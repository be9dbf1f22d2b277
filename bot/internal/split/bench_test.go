package split_test

import (
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/split"
)

// BenchmarkText cuts a 3 MB answer to Slack's 3,000 characters; the time
// must stay linear in the length of the text:
//
//	go test ./bot/internal/split -run '^$' -bench . -benchmem
func BenchmarkText(b *testing.B) {
	text := strings.Repeat("the selfie step needs good light, é ", 3<<20/37)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		split.Text(text, 3000)
	}
}
