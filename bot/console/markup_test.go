package console

import "testing"

func TestMarkup(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"slack bold", string(slackHTML("a *bold* word")), "a <b>bold</b> word"},
		{"slack link", string(slackHTML("see <https://example.com/a?b=1&amp;c=2|the guide>")), `see <a href="https://example.com/a?b=1&amp;c=2">the guide</a>`},
		{"slack bold link", string(slackHTML("*see <https://example.com|the guide>*")), `<b>see <a href="https://example.com">the guide</a></b>`},
		{"slack escaped stays text", string(slackHTML("&lt;script&gt; \"x\"")), "&lt;script&gt; &#34;x&#34;"},
		{"slack raw tag stays text", string(slackHTML("[Glare <img src=x onerror=alert(1)>]")), "[Glare &lt;img src=x onerror=alert(1)&gt;]"},
		{"slack script link stays text", string(slackHTML("<javascript:alert(1)|click>")), "&lt;javascript:alert(1)|click&gt;"},
		{"slack link attribute escaped", string(slackHTML(`<https://example.com/"&gt;&lt;img/src=x&gt;|x>`)), `<a href="https://example.com/&#34;&gt;&lt;img/src=x&gt;">x</a>`},
		{"slack label escaped", string(slackHTML(`<https://example.com|&lt;img src=x&gt;>`)), `<a href="https://example.com">&lt;img src=x&gt;</a>`},
		{"slack stars in a link stay", string(slackHTML("<https://example.com/*a*|x>")), `<a href="https://example.com/*a*">x</a>`},
		{"slack placeholder in text", string(slackHTML("a \x000\x00 b")), "a 0 b"},
		{"discord bold", string(discordHTML("**Use** *even* light")), "<b>Use</b> <i>even</i> light"},
		{"discord escapes", string(discordHTML("<script>alert(1)</script>")), "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"discord link", string(discordHTML("[guide](https://example.com)")), `<a href="https://example.com">guide</a>`},
		{"discord script link stays text", string(discordHTML("[x](javascript:alert(1))")), "[x](javascript:alert(1))"},
		{"discord link attribute escaped", string(discordHTML(`[x](https://example.com/"><img/src=x>)`)), `<a href="https://example.com/&#34;&gt;&lt;img/src=x&gt;">x</a>`},
		{"discord stars in a link stay", string(discordHTML("[x](https://example.com/**a**)")), `<a href="https://example.com/**a**">x</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("%q, want %q", tt.got, tt.want)
			}
		})
	}
}
