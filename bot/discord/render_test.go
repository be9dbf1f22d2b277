package discord

import (
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

func TestRenderEndsWithGuidanceAndBoundsComponents(t *testing.T) {
	var many []bot.Choice
	for i := range 30 {
		many = append(many, bot.Choice{ID: "t" + strings.Repeat("x", i), Title: "Topic"})
	}
	r := bot.Reply{Outcome: bot.Answered, Intent: "x", Body: "Answer.", Contact: "Write to them.", Guidance: "Contact the organization that asked you to verify.", Related: many}
	msg := render(r, "")
	last := msg.parts[len(msg.parts)-1]
	if !strings.HasSuffix(last, "\n\nContact the organization that asked you to verify.") || !strings.Contains(last, "Write to them.\n\nContact") {
		t.Fatalf("content %q", last)
	}
	if len(msg.components) > 5 {
		t.Fatalf("%d rows; Discord allows 5", len(msg.components))
	}
}

func TestEscapeMarkdown(t *testing.T) {
	got := escapeMarkdown("@everyone **bold** <@123> `code` > quote")
	for _, bad := range []string{"@everyone", "**", "<@123>", "`code`"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q still holds %q", got, bad)
		}
	}
}

func TestPlainIncoming(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@9000> stuck on selfie", "stuck on selfie"},
		{"<@!9000> hi <@&55> <#77>", "hi"},
		{"glare <:sad:123> <a:cry:456> again", "glare again"},
		{"deadline <t:1700000000:R>", "deadline"},
	}
	for _, tt := range tests {
		if got := plainIncoming(tt.in); got != tt.want {
			t.Errorf("plainIncoming(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
