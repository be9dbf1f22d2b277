package markdown_test

import (
	"testing"

	"github.com/helpdeskbot/helpdeskbot/internal/markdown"
)

func TestPlain(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"strong", "a **bright, even light** and __this__", "a bright, even light and this"},
		{"emphasis", "hold it *slowly*, not 2*3*4", "hold it slowly, not 2*3*4"},
		{"link", "see [the guide](https://example.com/a) or [help](mailto:h@example.com)", "see the guide (https://example.com/a) or help (mailto:h@example.com)"},
		{"bullets", "- one\n  * two\n+ three", "• one\n  • two\n• three"},
		{"heading", "## Before you start ##\ntext", "Before you start\ntext"},
		{"plain stays", "nothing to change here", "nothing to change here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markdown.Plain(tt.in); got != tt.want {
				t.Errorf("Plain(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
