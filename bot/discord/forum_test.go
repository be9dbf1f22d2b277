package discord_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// forumChannel is a forum channel as GET /channels/{id} returns it, with
// tags given as id, name, id, name, ...
func forumChannel(tags ...string) map[string]any {
	var available []any
	for i := 0; i+1 < len(tags); i += 2 {
		available = append(available, map[string]any{"id": tags[i], "name": tags[i+1], "moderated": false})
	}
	return map[string]any{"type": 15, "guild_id": "G1", "available_tags": available}
}

// threadCreate is THREAD_CREATE for a post in forum by owner.
func threadCreate(id, forum, owner string, newly bool, tags ...string) map[string]any {
	applied := []any{}
	for _, t := range tags {
		applied = append(applied, t)
	}
	return map[string]any{
		"id": id, "type": 11, "guild_id": "G1", "parent_id": forum, "owner_id": owner, "name": "help",
		"applied_tags": applied, "newly_created": newly,
		"thread_metadata": map[string]any{"archived": false, "auto_archive_duration": 4320},
	}
}

// postMessage is a message in a forum post by author, not mentioning the bot.
func postMessage(id, post, author, text string) map[string]any {
	m := message(id, post, "G1", text, false)
	m["author"] = map[string]any{"id": author, "username": "user" + author}
	return m
}

// customIDs are the custom ids of the buttons under a message.
func customIDs(body map[string]any) []string {
	var ids []string
	rows, _ := body["components"].([]any)
	for _, row := range rows {
		comps, _ := row.(map[string]any)["components"].([]any)
		for _, c := range comps {
			if id, ok := c.(map[string]any)["custom_id"].(string); ok {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// appliedTags is the applied_tags of a channel edit.
func appliedTags(s sent) []string {
	var out []string
	raw, _ := s.Body["applied_tags"].([]any)
	for _, v := range raw {
		out = append(out, v.(string))
	}
	return out
}

// TestForumPosts runs one gateway session through the forum channels: new
// posts answered in the post and tagged, follow-ups of the author, and
// problems with tags logged once.
func TestForumPosts(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	fake := newFakeDiscord(t)
	fake.setChannel("100", forumChannel("T1", "Answered", "T2", "selfie step", "T3", "NFC", "T4", "Glare", "T7", "Solved", "T9", "Question"))
	fake.setChannel("200", forumChannel("T5", "glare on the document", "T8", "Other"))
	fake.setChannel("300", forumChannel("T6", "answered"))
	h := startOn(t, fake, testkit.NewBot(t, os.DirFS("testdata/forum")), nil, func(c *discord.Config) {
		c.MessageContent = true
		c.ForumChannelIDs = []string{"100", "200", "300"}
		c.ForumTags.Answered = "answered"
		c.ForumTags.Solved = "solved"
	})
	f := h.fake
	messages, edits := 0, 0
	next := func(n int) []sent {
		messages += n
		return f.wait("message", messages)[messages-n:]
	}
	nextEdit := func() sent {
		edits++
		return f.wait("edit", edits)[edits-1]
	}

	t.Run("identifies with the guilds intent, for THREAD_CREATE", func(t *testing.T) {
		f.mu.Lock()
		defer f.mu.Unlock()
		want := float64(discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages | discordgo.IntentsMessageContent)
		if f.intents != want {
			t.Fatalf("intents %v, want %v", f.intents, want)
		}
	})
	t.Run("a new post is answered in the post and tagged", func(t *testing.T) {
		f.dispatch("THREAD_CREATE", threadCreate("P1", "100", "1001", true, "T9"))
		f.dispatch("MESSAGE_CREATE", postMessage("P1", "P1", "1001", "my selfie keeps failing"))
		got := next(1)[0]
		ref, _ := got.Body["message_reference"].(map[string]any)
		content, _ := got.Body["content"].(string)
		if got.Channel != "P1" || ref["message_id"] != "P1" || !strings.Contains(content, "selfie step") {
			t.Fatalf("reply in %s to %v: %q", got.Channel, ref, content)
		}
		if !strings.HasSuffix(content, "Contact the organization that asked you to verify.") {
			t.Errorf("the guidance is not last: %q", content)
		}
		if ids := customIDs(got.Body); !slices.Contains(ids, "feedback:up:selfie") || !slices.Contains(ids, "solved") {
			t.Errorf("buttons %v, want the feedback and Solved buttons", ids)
		}
		// The author's tag kept, the answered tag and the topic's tag
		// (named like its title, whatever the case) added.
		edit := nextEdit()
		if tags := appliedTags(edit); edit.Channel != "P1" || !slices.Equal(tags, []string{"T9", "T1", "T2"}) {
			t.Fatalf("edit of %s with tags %v, want T9 T1 T2 on P1", edit.Channel, tags)
		}
	})
	t.Run("a topic's discord_tag names its tag", func(t *testing.T) {
		f.dispatch("THREAD_CREATE", threadCreate("P2", "100", "1002", true))
		f.dispatch("MESSAGE_CREATE", postMessage("P2", "P2", "1002", "the nfc chip will not read"))
		if got := next(1)[0]; got.Channel != "P2" {
			t.Fatalf("reply in %s", got.Channel)
		}
		if edit := nextEdit(); !slices.Equal(appliedTags(edit), []string{"T1", "T3"}) {
			t.Fatalf("tags %v, want T1 T3", appliedTags(edit))
		}
	})
	t.Run("the author's follow-ups are a conversation, others need a mention", func(t *testing.T) {
		f.dispatch("MESSAGE_CREATE", postMessage("P1F1", "P1", "1003", "i have the same selfie problem"))
		f.dispatch("MESSAGE_CREATE", postMessage("P1F2", "P1", "1001", "there is glare on my license"))
		got := next(1)[0]
		if content, _ := got.Body["content"].(string); got.Channel != "P1" || !strings.Contains(content, "glare") {
			t.Fatalf("follow-up answered in %s: %q", got.Channel, content)
		}
		mention := message("P1F3", "P1", "G1", "<@9000> nfc scan fails", true)
		mention["author"] = map[string]any{"id": "1003", "username": "user1003"}
		f.dispatch("MESSAGE_CREATE", mention)
		if got := next(1)[0]; got.Channel != "P1" || !strings.Contains(got.Body["content"].(string), "NFC") {
			t.Fatalf("mention in the post answered in %s: %v", got.Channel, got.Body["content"])
		}
		// Only the first message tags the post; replies elsewhere have no
		// Solved button.
		f.dispatch("MESSAGE_CREATE", message("MARK1", "D1", "", "nfc scan fails", false))
		if ids := customIDs(next(1)[0].Body); slices.Contains(ids, "solved") {
			t.Errorf("a direct message has a Solved button: %v", ids)
		}
		if n := f.count("edit"); n != edits {
			t.Fatalf("%d edits, want %d: a follow-up tagged the post", n, edits)
		}
	})
	t.Run("posts that are not new, or in other forums, are not answered", func(t *testing.T) {
		f.dispatch("THREAD_CREATE", threadCreate("P3", "100", "1001", false))
		f.dispatch("MESSAGE_CREATE", postMessage("P3", "P3", "1001", "my selfie keeps failing"))
		f.dispatch("THREAD_CREATE", threadCreate("P4", "999", "1001", true))
		f.dispatch("MESSAGE_CREATE", postMessage("P4", "P4", "1001", "my selfie keeps failing"))
		f.dispatch("MESSAGE_CREATE", message("MARK2", "D1", "", "nfc scan fails", false))
		if got := next(1)[0]; got.Channel != "D1" {
			t.Fatalf("answered in %s, want only the marker's reply", got.Channel)
		}
	})
	t.Run("a forum without the answered tag is logged once and the topic's tag still applied", func(t *testing.T) {
		for _, id := range []string{"P5", "P6"} {
			f.dispatch("THREAD_CREATE", threadCreate(id, "200", "1001", true))
			f.dispatch("MESSAGE_CREATE", postMessage(id, id, "1001", "there is glare on my license"))
		}
		next(2)
		for range 2 {
			if edit := nextEdit(); !slices.Equal(appliedTags(edit), []string{"T5"}) {
				t.Fatalf("edit of %s with %v, want the topic's tag T5", edit.Channel, appliedTags(edit))
			}
		}
		if n := strings.Count(h.logs.String(), "forum tag not found"); n != 1 || !strings.Contains(h.logs.String(), "forum=200") {
			t.Fatalf("the missing tag logged %d times:\n%s", n, h.logs.String())
		}
	})
	t.Run("a refused edit is logged once per forum and error, never retried", func(t *testing.T) {
		f.failEdits("P7", 40067)
		f.failEdits("P8", 40067)
		for _, id := range []string{"P7", "P8"} {
			f.dispatch("THREAD_CREATE", threadCreate(id, "300", "1001", true))
			f.dispatch("MESSAGE_CREATE", postMessage(id, id, "1001", "nfc scan fails"))
			next(1)
			if edit := nextEdit(); edit.Channel != id || !slices.Equal(appliedTags(edit), []string{"T6"}) {
				t.Fatalf("edit of %s with %v", edit.Channel, appliedTags(edit))
			}
		}
		testkit.WaitFor(t, "the refusal to be logged", func() bool { return strings.Contains(h.logs.String(), "code=40067") })
		f.dispatch("MESSAGE_CREATE", message("MARK4", "D1", "", "nfc scan fails", false))
		next(1)
		if n := strings.Count(h.logs.String(), "code=40067"); n != 1 {
			t.Fatalf("logged %d times:\n%s", n, h.logs.String())
		}
	})
	t.Run("only the author can mark a post solved", func(t *testing.T) {
		f.setChannel("P1", map[string]any{"type": 11, "guild_id": "G1", "parent_id": "100", "owner_id": "1001", "applied_tags": []any{"T9", "T1", "T2"}})
		click := interaction("IS1", 3, map[string]any{"custom_id": "solved", "component_type": 2}, map[string]any{"id": "R1", "channel_id": "P1", "flags": 0})
		click["channel_id"] = "P1"
		click["member"] = map[string]any{"user": map[string]any{"id": "1003", "username": "user1003"}, "permissions": "0"}
		before := f.count("callback")
		f.dispatch("INTERACTION_CREATE", click)
		got := f.wait("callback", before+1)[before]
		data := got.Body["data"].(map[string]any)
		if data["flags"] != float64(64) || !strings.Contains(data["content"].(string), "Only the author") {
			t.Fatalf("response to someone else %v", got.Body)
		}
		if n := f.count("edit"); n != edits {
			t.Fatalf("%d edits, want %d: someone else closed the post", n, edits)
		}
	})
	t.Run("the author's Solved tags and closes the post after the response", func(t *testing.T) {
		click := interaction("IS2", 3, map[string]any{"custom_id": "solved", "component_type": 2}, map[string]any{"id": "R1", "channel_id": "P1", "flags": 0})
		click["channel_id"] = "P1"
		before := f.count("callback")
		f.dispatch("INTERACTION_CREATE", click)
		got := f.wait("callback", before+1)[before]
		data := got.Body["data"].(map[string]any)
		if data["flags"] == float64(64) || !strings.Contains(data["content"].(string), "solved") {
			t.Fatalf("response to the author %v", got.Body)
		}
		edit := nextEdit()
		if edit.Channel != "P1" || edit.Body["archived"] != true || !slices.Equal(appliedTags(edit), []string{"T9", "T1", "T2", "T7"}) {
			t.Fatalf("edit of %s: %v", edit.Channel, edit.Body)
		}
		f.mu.Lock()
		order := []string{}
		for _, s := range f.sent {
			if s.Kind == "callback" && s.Channel == "IS2" || s.Kind == "edit" && s.Body["archived"] == true {
				order = append(order, s.Kind)
			}
		}
		f.mu.Unlock()
		if !slices.Equal(order, []string{"callback", "edit"}) {
			t.Fatalf("order %v: the post was closed before the response", order)
		}
	})
	t.Run("a member who manages threads can mark it solved, over HTTP too", func(t *testing.T) {
		f.setChannel("P2", map[string]any{"type": 11, "guild_id": "G1", "parent_id": "100", "owner_id": "1002", "applied_tags": []any{"T1", "T3"}})
		click := interaction("IS3", 3, map[string]any{"custom_id": "solved", "component_type": 2}, map[string]any{"id": "R2", "channel_id": "P2", "flags": 0})
		click["channel_id"] = "P2"
		click["member"] = map[string]any{"user": map[string]any{"id": "1004", "username": "mod"}, "permissions": "17179869184"} // Manage Threads
		out := decode(t, h.post(t, click, h.key))
		if data := out["data"].(map[string]any); !strings.Contains(data["content"].(string), "solved") {
			t.Fatalf("response to a moderator %v", out)
		}
		edit := nextEdit()
		if edit.Channel != "P2" || edit.Body["archived"] != true || !slices.Equal(appliedTags(edit), []string{"T1", "T3", "T7"}) {
			t.Fatalf("edit of %s: %v", edit.Channel, edit.Body)
		}
	})
	t.Run("a forum without the solved tag closes the post and logs once", func(t *testing.T) {
		for _, id := range []string{"P7", "P8"} {
			f.setChannel(id, map[string]any{"type": 11, "guild_id": "G1", "parent_id": "300", "owner_id": "1001", "applied_tags": []any{}})
			click := interaction("IS"+id, 3, map[string]any{"custom_id": "solved", "component_type": 2}, map[string]any{"id": "R", "channel_id": id, "flags": 0})
			click["channel_id"] = id
			f.dispatch("INTERACTION_CREATE", click)
			if edit := nextEdit(); edit.Channel != id || edit.Body["archived"] != true || edit.Body["applied_tags"] != nil {
				t.Fatalf("edit of %s: %v", edit.Channel, edit.Body)
			}
		}
		if n := strings.Count(h.logs.String(), "discord.forum_tags.solved"); n != 1 {
			t.Fatalf("the missing solved tag logged %d times:\n%s", n, h.logs.String())
		}
	})
	h.stop()
	if got := f.count("message"); got != messages {
		t.Fatalf("%d replies in all, want %d", got, messages)
	}
	if got := f.count("edit"); got != edits {
		t.Fatalf("%d edits in all, want %d: an edit was retried", got, edits)
	}
}

func TestForumConfiguration(t *testing.T) {
	base := discord.Config{Token: "t", ApplicationID: "1", MessageContent: true}
	tests := []struct {
		name   string
		change func(*discord.Config)
		want   string // in the error; empty when valid
	}{
		{"valid", func(c *discord.Config) { c.ForumChannelIDs = []string{"100"}; c.ForumTags.Answered = "Answered" }, ""},
		{"without message content", func(c *discord.Config) { c.ForumChannelIDs = []string{"100"}; c.MessageContent = false }, "forum_channel_ids"},
		{"not an id", func(c *discord.Config) { c.ForumChannelIDs = []string{"help-forum"} }, "forum_channel_ids"},
		{"without the gateway", func(c *discord.Config) {
			c.ForumChannelIDs, c.HTTPOnly, c.PublicKey = []string{"100"}, true, strings.Repeat("ab", 32)
		}, "needs a token and gateway on"},
		{"answered tag too long", func(c *discord.Config) { c.ForumTags.Answered = strings.Repeat("a", 21) }, "forum_tags.answered"},
		{"solved tag too long", func(c *discord.Config) { c.ForumTags.Solved = strings.Repeat("s", 21) }, "forum_tags.solved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			tt.change(&c)
			err := c.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one naming %s", err, tt.want)
			}
		})
	}
}
