package intents_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func TestDiscordTag(t *testing.T) {
	tests := []struct {
		name     string
		front    string
		want     string
		problems []string
	}{
		{"absent", "", "", nil},
		{"set", "discord_tag: Selfie\n", "Selfie", nil},
		{"trimmed", "discord_tag: '  NFC chip '\n", "NFC chip", nil},
		{"longer than Discord allows", "discord_tag: a tag name far too long\n", "a tag name far too long",
			[]string{"a.md:5: warning: discord_tag is longer than 20 characters, the longest name a Discord forum tag can have; it will never match"}},
		{"a list", "discord_tag: [a, b]\n", "", []string{"a.md:5: expected text, found a list or mapping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"_guidance.md": {Data: []byte("Contact them.\n")},
				"_fallback.md": {Data: []byte("Sorry.\n")},
				"a.md":         {Data: []byte("---\nid: a\ntitle: A\nexamples: [apple pie, apple tart, apple crumble]\n" + tt.front + "---\nAnswer.\n")},
			}
			k, problems := intents.Lint(fsys, time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC))
			assertProblems(t, problems, tt.problems)
			if tt.want == "" {
				return
			}
			a, ok := k.Intent("a")
			if !ok || a.DiscordTag != tt.want {
				t.Fatalf("discord tag %q (found %v), want %q", a.DiscordTag, ok, tt.want)
			}
		})
	}
}
