package slack

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestRenderGolden keeps the Block Kit of each kind of reply in golden
// files; run "go test ./bot/slack -update" after an intended change.
func TestRenderGolden(t *testing.T) {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(intents.NewIndex(k), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		name string
		msg  message
	}{
		{"answered", render(b.Answer(ctx, bot.Message{Text: "my linkedin account was hacked"}), "")},
		{"clarify", render(b.Answer(ctx, bot.Message{Text: "verify linkedin account"}), "")},
		{"fallback", render(b.Answer(ctx, bot.Message{Text: "tell me about dragons"}), "")},
		{"ephemeral-with-question", render(b.Answer(ctx, bot.Message{Text: "the nfc chip will not read <!channel>"}), "the nfc chip will not read <!channel>")},
		{"topics", renderTopics(b.Topics(), b.Guidance(), "/verifyhelp")},
		{"home", message{blocks: homeView(b.Topics(), b.Guidance(), "/verifyhelp", []string{"C0HELP"})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.MarshalIndent(map[string]any{"text": tt.msg.text, "blocks": tt.msg.blocks}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tt.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs (run go test -update if intended):\n%s", path, got)
			}
		})
	}
}

// TestRenderEndsWithGuidance checks the last block of every kind of reply.
func TestRenderEndsWithGuidance(t *testing.T) {
	r := bot.Reply{Outcome: bot.Answered, Intent: "x", Body: strings.Repeat("A long answer. ", 500), Guidance: "Contact the organization that asked you to verify.",
		Related: []bot.Choice{{ID: "y", Title: "Y"}}, Contact: "Write to them."}
	msg := render(r, "")
	raw, _ := json.Marshal(msg.blocks[len(msg.blocks)-1])
	if !strings.Contains(string(raw), "Contact the organization that asked you to verify.") {
		t.Fatalf("last block is %s", raw)
	}
	if len(msg.blocks) < 4 {
		t.Fatalf("a 7,500-character answer was not split: %d blocks", len(msg.blocks))
	}
	if !strings.HasSuffix(msg.text, "Contact the organization that asked you to verify.") || len([]rune(msg.text)) > maxTextFallback {
		t.Fatalf("text fallback (%d characters) does not end with the guidance", len([]rune(msg.text)))
	}
}
