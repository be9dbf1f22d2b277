package redact_test

import (
	"os"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// chatText returns about n bytes of the messages of the table (with and
// without personal data), one per line: a realistic export of a chat.
func chatText(b *testing.B, n int) string {
	data, err := os.ReadFile("testdata/personal-data.tsv")
	if err != nil {
		b.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if _, text, ok := strings.Cut(l, "\t"); ok && !strings.HasPrefix(l, "#") {
			text = strings.NewReplacer("{{", "", "}}", "", `\n`, "\n").Replace(text)
			lines = append(lines, text)
		}
	}
	var sb strings.Builder
	for i := 0; sb.Len() < n; i++ {
		sb.WriteString(lines[i%len(lines)])
		sb.WriteByte('\n')
	}
	return sb.String()[:n]
}

// Benchmarks of redaction (Check: find, decide, mask) on 64 KB messages:
// a chat export, one dense with personal data, ordinary text, and the
// worst shapes for the rules (a long run of digit groups, of MRZ filler,
// of keywords). The 16 and 256 KB sizes show the time is linear in the
// length:
//
//	go test ./bot/redact -run '^$' -bench . -benchmem
func BenchmarkText(b *testing.B) {
	inputs := []struct{ name, text string }{
		{"chat-64KB", chatText(b, 64<<10)},
		{"chat-16KB", chatText(b, 16<<10)},
		{"chat-256KB", chatText(b, 256<<10)},
		{"dense-64KB", strings.Repeat("a@b.co 1234567 ab12345 ", 64<<10/23)},
		{"plain-64KB", strings.Repeat("my selfie keeps failing on the last step ", 64<<10/41)},
		{"digit-groups-64KB", strings.Repeat("1234 ", 64<<10/5)},
		{"filler-64KB", strings.Repeat("<", 64<<10)},
		{"keywords-64KB", strings.Repeat("passport id ssn 12 ", 64<<10/19)},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			for b.Loop() {
				redact.Check(in.text)
			}
		})
	}
}
