package slack

import (
	"testing"
)

func TestMrkdwn(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"bold", "a **bold** word", "a *bold* word"},
		{"bold underscores", "a __bold__ word", "a *bold* word"},
		{"italic star", "an *italic* word", "an _italic_ word"},
		{"italic underscore", "an _italic_ word", "an _italic_ word"},
		{"bold and italic", "**Use** *even* light", "*Use* _even_ light"},
		{"link", "see [the guide](https://example.com/a?b=1&c=2)", "see <https://example.com/a?b=1&amp;c=2|the guide>"},
		{"list", "- one\n- two\n  * nested", "• one\n• two\n  • nested"},
		{"heading", "## Before you start", "*Before you start*"},
		{"escapes", "a < b & c > d", "a &lt; b &amp; c &gt; d"},
		{"no ping", "hi <!channel> and <@U123>", "hi &lt;!channel&gt; and &lt;@U123&gt;"},
		{"not a link", "[x](javascript:alert)", "[x](javascript:alert)"},
		{"multiplication stays", "2 * 3 * 4", "2 * 3 * 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mrkdwn(tt.in); got != tt.want {
				t.Errorf("mrkdwn(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlainIncoming(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"bot mention", "<@UBOT> stuck on selfie", "stuck on selfie"},
		{"named mention", "<@U123|alice> hi", "hi"},
		{"broadcasts", "<!here> <!channel> <!everyone> <!subteam^S1|@team> help", "help"},
		{"channel", "see <#C123|general>", "see #general"},
		{"channel without name", "see <#C123>", "see"},
		{"link with text", "read <https://x.example/a|this page>", "read this page"},
		{"bare link", "<https://x.example/a>", "https://x.example/a"},
		{"mail", "<mailto:a@b.example|a@b.example>", "a@b.example"},
		{"entities", "a &lt; b &amp;&amp; c &gt; d", "a < b && c > d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainIncoming(tt.in); got != tt.want {
				t.Errorf("plainIncoming(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
