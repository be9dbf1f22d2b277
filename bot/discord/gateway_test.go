package discord_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// TestGateway runs one gateway session through everything it does, because
// discordgo's Close sleeps a second per session.
func TestGateway(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	h := start(t, nil, func(c *discord.Config) { c.GuildIDs = []string{"G1"} })
	f := h.fake
	messages := 0 // replies so far
	next := func(n int) []sent {
		messages += n
		return f.wait("message", messages)[messages-n:]
	}

	t.Run("registers the command in the guild", func(t *testing.T) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if len(f.commands) != 1 || f.commands[0]["path"] != "/api/v9/applications/APP/guilds/G1/commands" {
			t.Fatalf("registrations %v", f.commands)
		}
		cmds := f.commands[0]["commands"].([]map[string]any)
		opts := cmds[0]["options"].([]any)
		if cmds[0]["name"] != "verifyhelp" || opts[0].(map[string]any)["autocomplete"] != true {
			t.Fatalf("command %v", cmds[0])
		}
	})
	t.Run("registers the message command beside it", func(t *testing.T) {
		f.mu.Lock()
		defer f.mu.Unlock()
		cmds := f.commands[0]["commands"].([]map[string]any)
		if len(cmds) != 2 || cmds[1]["name"] != "Ask helpdeskbot" || cmds[1]["type"] != float64(3) {
			t.Fatalf("commands %v", cmds)
		}
		if _, ok := cmds[1]["description"]; ok && cmds[1]["description"] != "" {
			t.Errorf("a message command with a description: %v", cmds[1])
		}
		// Discord takes install and context lists on global commands only.
		for _, c := range cmds {
			if _, ok := c["integration_types"]; ok {
				t.Errorf("a guild command with integration types: %v", c)
			}
			if _, ok := c["contexts"]; ok {
				t.Errorf("a guild command with contexts: %v", c)
			}
		}
	})
	t.Run("identifies without the privileged intent", func(t *testing.T) {
		f.mu.Lock()
		defer f.mu.Unlock()
		want := float64(discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages)
		if f.intents != want {
			t.Fatalf("intents %v, want %v", f.intents, want)
		}
	})
	t.Run("mention gets a reply to the message", func(t *testing.T) {
		f.dispatch("MESSAGE_CREATE", message("M1", "C1", "G1", "<@9000> stuck on selfie", true))
		got := next(1)[0]
		ref, _ := got.Body["message_reference"].(map[string]any)
		if got.Channel != "C1" || ref["message_id"] != "M1" {
			t.Fatalf("reply to %v in %s", ref, got.Channel)
		}
		if content := got.Body["content"].(string); !strings.Contains(content, "selfie") {
			t.Fatalf("content:\n%s", content)
		}
		if comps, _ := got.Body["components"].([]any); len(comps) == 0 {
			t.Error("no buttons under the answer")
		}
	})
	t.Run("direct message gets a reply", func(t *testing.T) {
		f.dispatch("MESSAGE_CREATE", message("M2", "D1", "", "why do I have to verify", false))
		if got := next(1)[0]; got.Channel != "D1" {
			t.Fatalf("reply in %s", got.Channel)
		}
	})
	t.Run("unaddressed messages get nothing", func(t *testing.T) {
		f.dispatch("MESSAGE_CREATE", message("M5", "C1", "G1", "nfc chip", false)) // no mention, not a help channel
		f.dispatch("MESSAGE_CREATE", message("M6", "D1", "", "okta", false))       // marker
		if got := next(1)[0]; got.Channel != "D1" || !strings.Contains(got.Body["content"].(string), "Okta") {
			t.Fatalf("the marker's reply is %v", got.Body["content"])
		}
		// No reply to M5: counted once the adapter has stopped, below.
	})
	t.Run("personal data is answered in a direct message", func(t *testing.T) {
		f.dispatch("MESSAGE_CREATE", message("M8", "C1", "G1", "<@9000> my passport number is X12345678", true))
		got := next(1)[0]
		content := got.Body["content"].(string)
		if got.Channel != "DM-1001" || !strings.Contains(content, "never be posted in a chat") || strings.Contains(content, "X12345678") {
			t.Fatalf("warning in %s: %q", got.Channel, content)
		}
		if _, isReply := got.Body["message_reference"]; isReply {
			t.Error("the direct message refers to the channel message")
		}
		if f.count("delete") != 0 {
			t.Error("deleted without being configured to")
		}
	})
	t.Run("slash command is answered privately", func(t *testing.T) {
		f.dispatch("INTERACTION_CREATE", interaction("I1", 2, command("glare on my license <@1002> @everyone"), nil))
		got := f.wait("callback", 1)[0]
		data := got.Body["data"].(map[string]any)
		content := data["content"].(string)
		if got.Body["type"] != float64(4) || data["flags"] != float64(64) || !strings.Contains(content, "glare") {
			t.Fatalf("callback %v", got.Body)
		}
	})
	t.Run("autocomplete ranks topics by fuzzy title match", func(t *testing.T) {
		f.dispatch("INTERACTION_CREATE", interaction("I2", 4, map[string]any{"id": "CMD", "name": "verifyhelp", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": "slf", "focused": true}}}, nil))
		got := f.wait("callback", 2)[1]
		choices := got.Body["data"].(map[string]any)["choices"].([]any)
		first := choices[0].(map[string]any)
		if got.Body["type"] != float64(8) || first["name"] != "Selfie step" || first["value"] != "topic:selfie" {
			t.Fatalf("choices %v", choices)
		}
	})
	t.Run("a chosen topic is answered directly", func(t *testing.T) {
		f.dispatch("INTERACTION_CREATE", interaction("I3", 2, command("topic:nfc"), nil))
		got := f.wait("callback", 3)[2]
		if content := got.Body["data"].(map[string]any)["content"].(string); !strings.Contains(content, "NFC") {
			t.Fatalf("content %q", content)
		}
	})
	t.Run("feedback button is recorded and acknowledged", func(t *testing.T) {
		f.dispatch("INTERACTION_CREATE", interaction("I5", 3, map[string]any{"custom_id": "feedback:down:selfie", "component_type": 2},
			map[string]any{"id": "R1", "channel_id": "C1", "flags": 0}))
		select {
		case fb := <-h.feedback:
			if fb.Adapter != "discord" || fb.Intent != "selfie" || fb.Helpful || fb.User != "1001" || fb.Reply != "R1" {
				t.Fatalf("feedback %+v", fb)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no feedback recorded")
		}
		got := f.wait("callback", 4)[3]
		if data := got.Body["data"].(map[string]any); !strings.Contains(data["content"].(string), "Thanks") || data["flags"] != float64(64) {
			t.Fatalf("acknowledgement %v", got.Body)
		}
	})
	t.Run("malformed interactions are answered without a panic", func(t *testing.T) {
		before := f.count("callback")
		cases := malformedInteractions()
		for _, tt := range cases {
			f.dispatch("INTERACTION_CREATE", tt.body)
		}
		f.wait("callback", before+len(cases))
		if strings.Contains(h.logs.String(), "panic") {
			t.Fatalf("a malformed interaction panicked:\n%s", h.logs.String())
		}
	})
	t.Run("a panicking handler is logged, counted and survived", func(t *testing.T) {
		f.dispatch("INTERACTION_CREATE", interaction("IP", 3, map[string]any{"custom_id": "feedback:up:panic", "component_type": 2},
			map[string]any{"id": "R1", "channel_id": "C1", "flags": 0}))
		testkit.WaitFor(t, "the panic to be counted", func() bool { return h.events.count("panicked") == 1 })
		logs := h.logs.String()
		if !strings.Contains(logs, "feedback recorder panicked") || !strings.Contains(logs, "stack=") || !strings.Contains(logs, "level=ERROR") {
			t.Fatalf("the panic is not logged with its stack:\n%s", logs)
		}
		f.dispatch("MESSAGE_CREATE", message("MP", "D1", "", "okta", false))
		if got := next(1)[0]; !strings.Contains(got.Body["content"].(string), "Okta") {
			t.Fatalf("after the panic: %v", got.Body["content"])
		}
	})
	t.Run("the message command answers that message privately", func(t *testing.T) {
		ask := func(id string, target map[string]any) map[string]any {
			data := map[string]any{"id": "CMDM", "name": "Ask helpdeskbot", "type": 3, "target_id": "M42"}
			if target != nil {
				data["resolved"] = map[string]any{"messages": map[string]any{"M42": target}}
			}
			return interaction(id, 2, data, nil)
		}
		target := message("M42", "C1", "G1", "<@1002> my selfie keeps failing", false)
		target["author"] = map[string]any{"id": "1002", "username": "bob"}
		tests := []struct {
			name        string
			body        map[string]any
			want, avoid string
		}{
			{"its text", ask("IM1", target), "selfie", "1002"},
			{"a message without text", ask("IM2", message("M42", "C1", "G1", "  ", false)), "no text", "selfie"},
			{"no resolved message", ask("IM3", nil), "can't see", "selfie"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := f.count("callback")
				f.dispatch("INTERACTION_CREATE", tt.body)
				got := f.wait("callback", before+1)[before]
				data := got.Body["data"].(map[string]any)
				content, _ := data["content"].(string)
				if got.Body["type"] != float64(4) || data["flags"] != float64(64) || !strings.Contains(content, tt.want) || strings.Contains(content, tt.avoid) {
					t.Fatalf("response %v, want a private one with %q and without %q", got.Body, tt.want, tt.avoid)
				}
			})
		}
	})
	t.Run("reconnects after the connection drops", func(t *testing.T) {
		f.drop()
		testkit.WaitFor(t, "the bot to reconnect", func() bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.conn != nil && f.resumes+f.identifies >= 2
		})
		f.dispatch("MESSAGE_CREATE", message("M7", "D1", "", "nfc", false))
		if got := next(1)[0]; !strings.Contains(got.Body["content"].(string), "NFC") {
			t.Fatalf("after reconnecting: %v", got.Body["content"])
		}
	})
	t.Run("500 messages from concurrent channels get 500 replies", func(t *testing.T) {
		const n = 500
		var wg sync.WaitGroup
		for g := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := g; i < n; i += 10 {
					f.dispatch("MESSAGE_CREATE", message(fmt.Sprintf("MC%d", i), fmt.Sprintf("CH%d", i), "G1", "<@9000> glare on my id", true))
				}
			}()
		}
		wg.Wait()
		replies := next(n)
		channels := map[string]bool{}
		for _, r := range replies {
			channels[r.Channel] = true
		}
		if len(channels) != n {
			t.Fatalf("replies went to %d channels, want %d", len(channels), n)
		}
	})
	h.stop() // every queued answer has been sent once Run returns
	if got := f.count("message"); got != messages {
		t.Fatalf("%d replies in all, want %d: something unaddressed was answered, or something twice", got, messages)
	}
}

// TestLongAnswersAreSplit answers with a 4,300-character topic: it arrives
// in three messages cut between paragraphs, the first a reply to the
// question, the buttons and the guidance at the end.
func TestLongAnswersAreSplit(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	h := start(t, os.DirFS("testdata/long"), nil)
	h.fake.dispatch("MESSAGE_CREATE", message("M1", "D1", "", "give me the long answer", false))
	got := h.fake.wait("message", 3)
	for i, m := range got {
		content := m.Body["content"].(string)
		if n := len([]rune(content)); n > 2000 {
			t.Fatalf("message %d has %d characters", i, n)
		}
		if i < 2 && !strings.HasSuffix(content, ". ") && !strings.HasSuffix(content, ".") {
			t.Errorf("message %d ends inside a paragraph: %q", i, content[len(content)-30:])
		}
		_, hasRef := m.Body["message_reference"]
		_, hasButtons := m.Body["components"].([]any)
		if hasRef != (i == 0) {
			t.Errorf("message %d: reference %v", i, hasRef)
		}
		if hasButtons && len(m.Body["components"].([]any)) > 0 && i != 2 {
			t.Errorf("message %d carries the buttons", i)
		}
	}
	if last := got[2].Body["content"].(string); !strings.HasSuffix(last, "Contact the organization that asked you to verify.") {
		t.Errorf("the guidance is not the end: %q", last[len(last)-60:])
	}
}

func TestPermanentErrorsAreLoggedOnce(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	h := start(t, nil, func(c *discord.Config) { c.HTTPOnly = false })
	h.fake.failChannel, h.fake.failCode = "CGONE", 50001
	h.fake.dispatch("MESSAGE_CREATE", message("M1", "CGONE", "G1", "<@9000> nfc", true))
	testkit.WaitFor(t, "the failure to be logged", func() bool { return strings.Contains(h.logs.String(), "code=50001") })
	h.fake.dispatch("MESSAGE_CREATE", message("M2", "D1", "", "nfc", false))
	h.fake.wait("message", 1)
	if n := strings.Count(h.logs.String(), "code=50001"); n != 1 || !strings.Contains(h.logs.String(), "level=WARN") {
		t.Fatalf("logged %d times:\n%s", n, h.logs.String())
	}
}

// TestHelpChannels: with the message content intent, every message in a
// help channel is answered, mentions or not; other channels still need a
// mention. The command is registered globally without guild ids.
func TestHelpChannels(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	h := start(t, nil, func(c *discord.Config) {
		c.MessageContent = true
		c.HelpChannelIDs = []string{"CHELP"}
		c.DeletePersonalData = true
	})
	f := h.fake
	f.mu.Lock()
	intents, registered := f.intents, f.commands[0]["path"]
	f.mu.Unlock()
	if want := float64(discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages | discordgo.IntentsMessageContent); intents != want {
		t.Errorf("intents %v, want %v", intents, want)
	}
	if registered != "/api/v9/applications/APP/commands" {
		t.Errorf("registered at %v, want the global commands", registered)
	}
	t.Run("global commands can be installed by a person and used everywhere", func(t *testing.T) {
		f.mu.Lock()
		cmds := f.commands[0]["commands"].([]map[string]any)
		f.mu.Unlock()
		// name, type (1: slash, 3: message), contexts (guild, bot DM,
		// private channel), integration types (guild, user install).
		var got []string
		for _, c := range cmds {
			contexts, _ := json.Marshal(c["contexts"])
			types, _ := json.Marshal(c["integration_types"])
			got = append(got, fmt.Sprintf("%v %v %s %s", c["name"], c["type"], contexts, types))
		}
		want := []string{"verifyhelp <nil> [0,1,2] [0,1]", "Ask helpdeskbot 3 [0,1,2] [0,1]"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("registered %q, want %q", got, want)
		}
	})
	f.dispatch("MESSAGE_CREATE", message("M1", "COTHER", "G1", "nfc chip", false))
	f.dispatch("MESSAGE_CREATE", message("M2", "CHELP", "G1", "nfc chip won't read", false))
	if got := f.wait("message", 1); got[0].Channel != "CHELP" {
		t.Fatalf("replies %v", got)
	}

	// With deletion configured, a card number in a help channel is deleted
	// after its author is warned privately.
	f.dispatch("MESSAGE_CREATE", message("M3", "CHELP", "G1", "my card 4111 1111 1111 1111 got charged", false))
	if got := f.wait("message", 2)[1]; got.Channel != "DM-1001" {
		t.Fatalf("warning sent to %s", got.Channel)
	}
	if del := f.wait("delete", 1)[0]; del.Channel != "CHELP" || del.Body["id"] != "M3" {
		t.Fatalf("deleted %v", del)
	}
	h.stop() // every queued answer has been sent once Run returns
	if n := f.count("message"); n != 2 {
		t.Fatalf("%d replies, want the help channel's and the warning: a channel that is not a help channel was answered", n)
	}
}
