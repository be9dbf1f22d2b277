package slack_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// inChannel is ev sent in another channel.
func inChannel(ev map[string]any, channel string) map[string]any {
	ev["channel"] = channel
	return ev
}

const guidanceStart = "Your best next step: contact the company or organization"

// TestChannelSettings drives each per-channel setting through the fake
// Web API: the reply's visibility, which messages are answered, the
// handoff target and the topics answered; a channel without an entry
// keeps the adapter's settings.
func TestChannelSettings(t *testing.T) {
	channels := []slack.Channel{
		{ID: "CPRIV", Private: true},
		{ID: "CAUTO", Answer: bot.AnswerAuto},
		{ID: "C1", Answer: bot.AnswerMention}, // C1 is also a help channel
		{ID: "CGROUP", HandoffUsergroup: "S9"},
		{ID: "CLINK", HandoffChannel: "CDESK"},
		{ID: "CPLAT", Scope: bot.Scope{Folders: []string{"platforms"}}},
		{ID: "CPRIVLINK", Private: true, HandoffChannel: "CDESK"},
	}
	start := func(t *testing.T) *harness {
		b := testkit.NewBot(t, nil, bot.WithConversations(bot.NewMemoryConversations(100, nil), 0))
		return startWith(t, b, nil, func(c *slack.Config) {
			c.HelpChannelIDs = []string{"C1"}
			c.HandoffUsergroup = "S1"
			c.Channels = channels
		})
	}
	t.Run("reply private is ephemeral to the asker", func(t *testing.T) {
		h := start(t)
		h.event(t, "Ev1", inChannel(mention("<@UBOT> my selfie keeps failing", "1000.1"), "CPRIV"))
		p := h.fake.waitPosts(1)[0]
		if p.Channel != "CPRIV" || !p.Ephemeral || p.User != "U1" || p.Thread != "1000.1" {
			t.Fatalf("posted to %s thread %q ephemeral %v for %q, want ephemeral to U1 in CPRIV thread 1000.1", p.Channel, p.Thread, p.Ephemeral, p.User)
		}
		if !strings.Contains(p.Blocks, "selfie step") {
			t.Errorf("private reply without the answer: %.200s", p.Blocks)
		}
	})
	t.Run("a channel without an entry replies in public", func(t *testing.T) {
		h := start(t)
		h.event(t, "Ev1", inChannel(mention("<@UBOT> my selfie keeps failing", "1000.1"), "COTHER"))
		if p := h.fake.waitPosts(1)[0]; p.Channel != "COTHER" || p.Ephemeral {
			t.Fatalf("posted to %s ephemeral %v, want in public in COTHER", p.Channel, p.Ephemeral)
		}
	})
	t.Run("answer auto answers top-level messages without a mention", func(t *testing.T) {
		h := start(t)
		h.event(t, "Ev1", inChannel(helpMessage("my selfie keeps failing", "1000.1", ""), "CAUTO"))
		if p := h.fake.waitPosts(1)[0]; p.Channel != "CAUTO" || p.Thread != "1000.1" || p.Ephemeral {
			t.Fatalf("posted to %s thread %q, want CAUTO thread 1000.1", p.Channel, p.Thread)
		}
	})
	t.Run("answer mention turns a help channel to mentions only", func(t *testing.T) {
		h := start(t)
		if code := h.event(t, "Ev1", helpMessage("my selfie keeps failing", "1000.1", "")); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
		if posts := h.marker(t, 1); len(posts) != 1 {
			t.Fatalf("%d posts, want only the marker's: %s", len(posts), summary(posts))
		}
		h.event(t, "Ev2", mention("<@UBOT> my selfie keeps failing", "1000.2"))
		if p := h.fake.waitPosts(2)[1]; p.Channel != "C1" || p.Thread != "1000.2" {
			t.Fatalf("mention posted to %s thread %q, want C1 thread 1000.2", p.Channel, p.Thread)
		}
	})
	handoffs := []struct {
		name, channel, mention, link string
	}{
		{name: "the channel's user group", channel: "CGROUP", mention: "subteam^S9"},
		{name: "the global user group elsewhere", channel: "COTHER", mention: "subteam^S1"},
		{name: "the channel's link channel instead of the global group", channel: "CLINK", link: "CDESK"},
		{name: "a private channel calls through its link channel", channel: "CPRIVLINK", link: "CDESK"},
	}
	for _, tt := range handoffs {
		t.Run("handoff: "+tt.name, func(t *testing.T) {
			h := start(t)
			h.event(t, "Ev1", inChannel(mention("<@UBOT> can I talk to a person", "1000.1"), tt.channel))
			want := 1
			if tt.link != "" {
				want = 2
			}
			posts := h.fake.waitPosts(want)
			reply := posts[0]
			if reply.Channel != tt.channel {
				t.Fatalf("reply posted to %s, want %s: %s", reply.Channel, tt.channel, summary(posts))
			}
			for _, p := range posts {
				if strings.Contains(p.Blocks, "subteam") != (tt.mention != "" && p == reply) {
					t.Errorf("post to %s mentions a group: %.300s", p.Channel, p.Blocks)
				}
			}
			if tt.mention != "" && !strings.Contains(reply.Blocks, tt.mention) {
				t.Errorf("reply does not mention %s: %.300s", tt.mention, reply.Blocks)
			}
			if tt.link != "" && (posts[1].Channel != tt.link || !strings.Contains(posts[1].Text, "/archives/"+tt.channel+"/p10001")) {
				t.Errorf("handoff link posted to %s: %q, want %s with a link to the thread", posts[1].Channel, posts[1].Text, tt.link)
			}
		})
	}
	t.Run("a private channel without a link channel calls nobody", func(t *testing.T) {
		h := start(t)
		h.event(t, "Ev1", inChannel(mention("<@UBOT> can I talk to a person", "1000.1"), "CPRIV"))
		p := h.fake.waitPosts(1)[0]
		if !p.Ephemeral || strings.Contains(p.Blocks, "subteam") || !strings.Contains(p.Text, "can't call a person") {
			t.Fatalf("ephemeral %v, reply %q: want a private reply that says it cannot call anyone, without a mention", p.Ephemeral, p.Text)
		}
		if posts := h.marker(t, 2); len(posts) != 2 {
			t.Fatalf("%d posts, want the reply and the marker's: %s", len(posts), summary(posts))
		}
	})
	t.Run("topics: another folder's topic falls back, guidance last", func(t *testing.T) {
		h := start(t)
		h.event(t, "Ev1", inChannel(mention("<@UBOT> my selfie keeps failing", "1000.1"), "CPLAT"))
		h.event(t, "Ev2", inChannel(mention("<@UBOT> my selfie keeps failing", "1000.2"), "COTHER"))
		posts := h.fake.waitPosts(2)
		byChannel := map[string]post{}
		for _, p := range posts {
			byChannel[p.Channel] = p
		}
		const fallback = "Sorry, I'm not sure I understood that."
		plat, other := byChannel["CPLAT"], byChannel["COTHER"]
		if !strings.HasPrefix(plat.Text, fallback) || strings.HasPrefix(other.Text, fallback) {
			t.Errorf("CPLAT %q (want the fallback), COTHER %q (want the selfie answer)", plat.Text, other.Text)
		}
		if !strings.Contains(plat.Blocks, "linkedin-verification") {
			t.Errorf("the fallback does not offer the channel's topics: %.500s", plat.Blocks)
		}
		if g := strings.LastIndex(plat.Text, guidanceStart); g < 0 || strings.Contains(plat.Text[g:], "\n\n") {
			t.Errorf("the fallback does not end with the guidance: %q", plat.Text)
		}
	})
	t.Run("topics: the channel's own topic is answered", func(t *testing.T) {
		h := start(t)
		h.event(t, "Ev1", inChannel(mention("<@UBOT> linkedin asks me to verify my identity", "1000.1"), "CPLAT"))
		if p := h.fake.waitPosts(1)[0]; !strings.Contains(strings.ToLower(p.Text), "linkedin") {
			t.Fatalf("reply without the LinkedIn answer: %.300s", p.Text)
		}
	})
}

func TestChannelSettingsValidate(t *testing.T) {
	base := slack.Config{BotToken: "xoxb-1", SigningSecret: "s"}
	tests := []struct {
		name     string
		channels []slack.Channel
		want     string
	}{
		{name: "valid", channels: []slack.Channel{{ID: "C1", Private: true, Answer: bot.AnswerAuto, HandoffUsergroup: "S1"}, {ID: "G2", HandoffChannel: "C3"}}},
		{name: "bad id", channels: []slack.Channel{{ID: "general"}}, want: `channels[0].id: "general" is not a channel id`},
		{name: "twice", channels: []slack.Channel{{ID: "C1"}, {ID: "C1"}}, want: `channels[1].id: "C1" is listed twice`},
		{name: "bad answer", channels: []slack.Channel{{ID: "C1", Answer: "always"}}, want: `channels[0].answer: "always" is not auto or mention`},
		{name: "both targets", channels: []slack.Channel{{ID: "C1", HandoffUsergroup: "S1", HandoffChannel: "C2"}}, want: "channels[0].handoff: a user group or a channel, not both"},
		{name: "bad user group", channels: []slack.Channel{{ID: "C1", HandoffUsergroup: "U1"}}, want: `channels[0].handoff: "U1" is not a user group id`},
		{name: "bad handoff channel", channels: []slack.Channel{{ID: "C1", HandoffChannel: "D1"}}, want: `channels[0].handoff: "D1" is not a channel id`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
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

// TestUnseenChannelsAreNamed: once connected, the adapter asks Slack
// about each configured channel and names those it cannot see, in one
// log line.
func TestUnseenChannelsAreNamed(t *testing.T) {
	h := start(t, func(c *slack.Config) {
		c.Channels = []slack.Channel{{ID: "C1"}, {ID: "CGONE1"}, {ID: "G2"}, {ID: "CGONE2"}}
	})
	testkit.WaitFor(t, "the channels to be checked", func() bool { return h.adapter.UnseenChannels() != nil })
	if got := strings.Join(h.adapter.UnseenChannels(), ","); got != "CGONE1,CGONE2" {
		t.Fatalf("unseen %q, want CGONE1,CGONE2", got)
	}
	logs := h.logs.String()
	if n := strings.Count(logs, "configured channels the bot cannot see"); n != 1 || !strings.Contains(logs, "channels=CGONE1,CGONE2") {
		t.Errorf("%d log lines naming the channels: %s", n, logs)
	}
}

// TestNoChannelsNoCheck: without a channels list nothing is checked.
func TestNoChannelsNoCheck(t *testing.T) {
	h := start(t, nil)
	h.marker(t, 1)
	if got := h.adapter.UnseenChannels(); got != nil {
		t.Fatalf("unseen %v without a channels list", got)
	}
}

// TestAppHomeNamesTheAutoAnswerChannels: the App Home's help channels are
// those answered without a mention: help channels less those set to
// mentions only, and channels set to auto.
func TestAppHomeNamesTheAutoAnswerChannels(t *testing.T) {
	h := startHelpChannel(t, func(c *slack.Config) {
		c.HelpChannelIDs = []string{"C1", "CHELP"}
		c.Channels = []slack.Channel{{ID: "C1", Answer: bot.AnswerMention}, {ID: "CAUTO", Answer: bot.AnswerAuto}}
	})
	h.event(t, "Ev1", homeOpened("home"))
	view := h.fake.waitPublished(1)[0].View
	for _, tt := range []struct {
		channel string
		named   bool
	}{{"CHELP", true}, {"CAUTO", true}, {"C1", false}} {
		if got := strings.Contains(view, "#"+tt.channel+`\u003e`); got != tt.named {
			t.Errorf("%s named %v, want %v: %.400s", tt.channel, got, tt.named, view)
		}
	}
}
