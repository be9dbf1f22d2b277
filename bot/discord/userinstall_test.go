package discord_test

import (
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/discord"
)

// TestUserInstallCallsNobodyInOtherServers: /verifyhelp used through a
// person's install in a server the bot is not in answers there, but calls
// nobody; in the bot's own server it calls the handoff channel.
func TestUserInstallCallsNobodyInOtherServers(t *testing.T) {
	h := start(t, nil, func(c *discord.Config) {
		c.HTTPOnly, c.Public, c.HandoffChannel = true, true, "5555"
	})
	tests := []struct {
		name    string
		guild   string
		owners  map[string]any
		handoff bool
	}{
		{"a server where only the person installed it", "G7", map[string]any{"1": "1001"}, false},
		{"the bot's own server", "G1", map[string]any{"0": "G1", "1": "1001"}, true},
	}
	for n, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := h.fake.count("message")
			i := interaction("IU"+tt.guild, 2, command("get me a human"), nil)
			i["guild_id"], i["channel_id"] = tt.guild, "CU"+tt.guild
			i["authorizing_integration_owners"] = tt.owners
			i["context"] = 0
			out := decode(t, h.post(t, i, h.key))
			content := out["data"].(map[string]any)["content"].(string)
			said := "I can't call a person into this chat from here."
			if tt.handoff {
				said = "I've asked a person from the support team to join this conversation."
			}
			if !strings.Contains(content, said) || !strings.HasSuffix(content, "help with your specific case.") {
				t.Fatalf("answer without %q or the guidance last: %q", said, content)
			}
			if !tt.handoff {
				if h.fake.count("message") != before {
					t.Fatalf("a person was called from a server the bot is not in: %v", h.fake.wait("message", before+1)[before])
				}
				return
			}
			got := h.fake.wait("message", before+1)[before]
			if got.Channel != "5555" || !strings.Contains(got.Body["content"].(string), "/"+tt.guild+"/") {
				t.Fatalf("handoff %d to %s: %v", n, got.Channel, got.Body["content"])
			}
		})
	}
}
