package discord_test

import (
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// inChannelNamed are the messages sent so far to channel.
func inChannelNamed(all []sent, channel string) []sent {
	var out []sent
	for _, s := range all {
		if s.Channel == channel {
			out = append(out, s)
		}
	}
	return out
}

// TestChannelSettings drives each per-channel setting through the fake
// gateway and REST API: private replies, auto-answer and mentions only,
// the handoff target, the topics answered and /verifyhelp's visibility;
// a channel without an entry keeps the adapter's settings.
func TestChannelSettings(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	h := start(t, nil, func(c *discord.Config) {
		c.MessageContent = true
		c.HelpChannelIDs = []string{"222"}
		c.HandoffRole = "5000"
		c.Channels = []discord.Channel{
			{ID: "111", Reply: discord.ReplyPrivate},
			{ID: "222", Answer: bot.AnswerMention},
			{ID: "333", Answer: bot.AnswerAuto},
			{ID: "444", HandoffRole: "6000"},
			{ID: "555", HandoffChannel: "7000"},
			{ID: "666", Scope: bot.Scope{Folders: []string{"platforms"}}},
			{ID: "777", Reply: discord.ReplyPublic},
		}
	})
	f := h.fake
	sentSoFar := 0
	// next dispatches a message and waits for n more sends.
	next := func(t *testing.T, m map[string]any, n int) []sent {
		t.Helper()
		f.dispatch("MESSAGE_CREATE", m)
		sentSoFar += n
		all := f.wait("message", sentSoFar)
		return all[sentSoFar-n:]
	}
	t.Run("reply private goes to the asker's direct messages", func(t *testing.T) {
		got := next(t, message("M1", "111", "G1", "my selfie keeps failing", true), 1)
		if got[0].Channel != "DM-1001" {
			t.Fatalf("reply sent to %s, want DM-1001", got[0].Channel)
		}
	})
	t.Run("answer mention and answer auto", func(t *testing.T) {
		f.dispatch("MESSAGE_CREATE", message("M2", "222", "G1", "nfc chip won't read", false))
		got := next(t, message("M3", "333", "G1", "nfc chip won't read", false), 1)
		if got[0].Channel != "333" {
			t.Fatalf("reply sent to %s, want 333", got[0].Channel)
		}
		got = next(t, message("M4", "222", "G1", "nfc chip won't read", true), 1)
		if got[0].Channel != "222" {
			t.Fatalf("mention in 222 answered in %s", got[0].Channel)
		}
	})
	t.Run("handoff: the channel's role", func(t *testing.T) {
		got := next(t, message("M5", "444", "G1", "can I talk to a person", true), 1)
		content, _ := got[0].Body["content"].(string)
		if got[0].Channel != "444" || !strings.Contains(content, "<@&6000>") || strings.Contains(content, "<@&5000>") {
			t.Fatalf("reply in %s: %q, want 444 mentioning role 6000 only", got[0].Channel, content)
		}
	})
	t.Run("handoff: the channel's link channel instead of the global role", func(t *testing.T) {
		got := next(t, message("M6", "555", "G1", "can I talk to a person", true), 2)
		reply, link := inChannelNamed(got, "555"), inChannelNamed(got, "7000")
		if len(reply) != 1 || len(link) != 1 {
			t.Fatalf("sent %v, want the reply in 555 and a link in 7000", got)
		}
		if content, _ := reply[0].Body["content"].(string); strings.Contains(content, "<@&") {
			t.Errorf("reply mentions a role: %q", content)
		}
		if content, _ := link[0].Body["content"].(string); !strings.Contains(content, "https://discord.com/channels/G1/555/M6") {
			t.Errorf("link %q, want one to the message", content)
		}
	})
	t.Run("handoff: the global role elsewhere", func(t *testing.T) {
		got := next(t, message("M7", "888", "G1", "can I talk to a person", true), 1)
		if content, _ := got[0].Body["content"].(string); !strings.Contains(content, "<@&5000>") {
			t.Fatalf("reply %q, want the global role", content)
		}
	})
	t.Run("topics: another folder's topic falls back, guidance last", func(t *testing.T) {
		got := next(t, message("M8", "666", "G1", "my selfie keeps failing", true), 1)
		content, _ := got[0].Body["content"].(string)
		if !strings.HasPrefix(content, "Sorry, I'm not sure I understood that.") {
			t.Fatalf("reply %q, want the fallback", content)
		}
		g := strings.LastIndex(content, "contact the company or organization")
		if g < 0 || strings.Contains(content[g:], "\n\n") {
			t.Errorf("the fallback does not end with the guidance: %q", content)
		}
		other := next(t, message("M9", "888", "G1", "my selfie keeps failing", true), 1)
		if content, _ := other[0].Body["content"].(string); strings.HasPrefix(content, "Sorry, I'm not sure") {
			t.Errorf("a channel without a scope falls back too: %q", content)
		}
	})
	t.Run("no reply in the mention-only help channel", func(t *testing.T) {
		if got := inChannelNamed(f.wait("message", sentSoFar), "222"); len(got) != 1 {
			t.Fatalf("%d replies in 222, want the mention's only", len(got))
		}
	})
	t.Run("verifyhelp is public where reply is public", func(t *testing.T) {
		for i, tt := range []struct {
			channel string
			public  bool
		}{{"777", true}, {"888", false}, {"111", false}} {
			in := interaction("ICmd"+tt.channel, 2, command("my selfie keeps failing"), nil)
			in["channel_id"] = tt.channel
			f.dispatch("INTERACTION_CREATE", in)
			body := f.wait("callback", i+1)[i].Body
			data, _ := body["data"].(map[string]any)
			flags, _ := data["flags"].(float64)
			if public := int(flags)&64 == 0; public != tt.public {
				t.Errorf("in %s: public %v, want %v", tt.channel, public, tt.public)
			}
		}
	})
}

func TestChannelSettingsValidate(t *testing.T) {
	base := discord.Config{Token: "t", ApplicationID: "A", MessageContent: true}
	tests := []struct {
		name     string
		channels []discord.Channel
		content  bool
		want     string
	}{
		{name: "valid", content: true, channels: []discord.Channel{{ID: "1", Reply: discord.ReplyPrivate, Answer: bot.AnswerAuto, HandoffRole: "2"}, {ID: "3", HandoffChannel: "4"}}},
		{name: "bad id", content: true, channels: []discord.Channel{{ID: "C1"}}, want: `channels[0].id: "C1" is not a channel id`},
		{name: "twice", content: true, channels: []discord.Channel{{ID: "1"}, {ID: "1"}}, want: `channels[1].id: "1" is listed twice`},
		{name: "bad reply", content: true, channels: []discord.Channel{{ID: "1", Reply: "dm"}}, want: `channels[0].reply: "dm" is not public or private`},
		{name: "bad answer", content: true, channels: []discord.Channel{{ID: "1", Answer: "all"}}, want: `channels[0].answer: "all" is not auto or mention`},
		{name: "auto without message content", channels: []discord.Channel{{ID: "1", Answer: bot.AnswerAuto}}, want: "channels[0].answer: auto reads messages"},
		{name: "both targets", content: true, channels: []discord.Channel{{ID: "1", HandoffRole: "2", HandoffChannel: "3"}}, want: "channels[0].handoff: a role or a channel, not both"},
		{name: "bad role", content: true, channels: []discord.Channel{{ID: "1", HandoffRole: "mods"}}, want: `channels[0].handoff: "mods" is not a role id`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			c.MessageContent = tt.content
			c.Channels = tt.channels
			err := c.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate: %v, want %q", err, tt.want)
			}
		})
	}
}

// TestUnseenChannelsAreNamed: at start the adapter asks Discord about
// each configured channel and names those it cannot see (20 not found,
// 40 without access), in one log line.
func TestUnseenChannelsAreNamed(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	fake := newFakeDiscord(t)
	fake.setChannel("10", map[string]any{"id": "10", "type": 0})
	fake.setChannel("30", map[string]any{"id": "30", "type": 15})
	fake.setChannel("40", map[string]any{"id": "40", "forbidden": true})
	h := startOn(t, fake, testkit.NewBot(t, nil), nil, func(c *discord.Config) {
		c.Channels = []discord.Channel{{ID: "10"}, {ID: "20"}, {ID: "30"}, {ID: "40"}}
	})
	if got := strings.Join(h.adapter.UnseenChannels(), ","); got != "20,40" {
		t.Fatalf("unseen %q, want 20,40", got)
	}
	logs := h.logs.String()
	if n := strings.Count(logs, "configured channels the bot cannot see"); n != 1 || !strings.Contains(logs, "channels=20,40") {
		t.Errorf("%d log lines naming the channels: %s", n, logs)
	}
}
