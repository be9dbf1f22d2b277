package console

import "testing"

func TestMarkup(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"slack bold", string(slackHTML("a *bold* word")), "a <b>bold</b> word"},
		{"slack link", string(slackHTML("see <https://example.com/a?b=1&amp;c=2|the guide>")), `see <a href="https://example.com/a?b=1&amp;c=2">the guide</a>`},
		{"slack escaped stays text", string(slackHTML("&lt;script&gt; \"x\"")), "&lt;script&gt; &quot;x&quot;"},
		{"discord bold", string(discordHTML("**Use** *even* light")), "<b>Use</b> <i>even</i> light"},
		{"discord escapes", string(discordHTML("<script>alert(1)</script>")), "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"discord link", string(discordHTML("[guide](https://example.com)")), `<a href="https://example.com">guide</a>`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
