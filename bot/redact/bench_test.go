package redact_test

import (
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// Benchmarks of redaction on a 64 KB message, dense with personal data and
// plain; the dense one must stay linear in the number of findings:
//
//	go test ./bot/redact -run '^$' -bench . -benchmem
func BenchmarkText(b *testing.B) {
	inputs := []struct{ name, text string }{
		{"dense-64KB", strings.Repeat("a@b.co 1234567 ab12345 ", 64<<10/23)},
		{"plain-64KB", strings.Repeat("my selfie keeps failing on the last step ", 64<<10/41)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			for b.Loop() {
				redact.Text(in.text)
			}
		})
	}
}
