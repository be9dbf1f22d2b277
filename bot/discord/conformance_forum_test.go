package discord_test

import (
	"sync"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/adaptertest"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
)

// TestConformanceForum runs the adapters' conformance suite with the
// public place a forum post: each conversation is a post created in a
// forum channel, whose first message does not mention the bot. Later
// messages do, as the suite's public messages are addressed to the bot
// (after a handoff the bot answers only mentions; unmentioned follow-ups
// are TestForumPosts').
func TestConformanceForum(t *testing.T) {
	t.Parallel() // every gateway session waits a second as it closes
	adaptertest.Run(t, func(t *testing.T, env adaptertest.Env) adaptertest.Harness {
		fake := newFakeDiscord(t)
		fake.setChannel("100", forumChannel("T1", "Answered", "T2", "selfie step"))
		s := &suiteHarness{harness: startOn(t, fake, env.Bot, env.Feedback, func(c *discord.Config) {
			c.Workers, c.Queue = env.Workers, env.Queue
			c.MessageContent, c.ForumChannelIDs, c.ForumTags.Answered = true, []string{"100"}, "Answered"
			switch env.Handoff {
			case adaptertest.HandoffMention:
				c.HandoffRole = handoffRole
			case adaptertest.HandoffLink:
				c.HandoffChannel = handoffChannel
			}
		})}
		return &forumHarness{gatewayHarness: &gatewayHarness{suiteHarness: s}, posts: map[string]bool{}}
	})
}

// forumHarness is the gateway harness with public messages in forum
// posts: the first message of a conversation creates its post and is its
// starter message.
type forumHarness struct {
	*gatewayHarness
	mu    sync.Mutex
	posts map[string]bool
}

func (h *forumHarness) Say(t *testing.T, m adaptertest.Message) bool {
	t.Helper()
	if !m.Public {
		return h.gatewayHarness.Say(t, m)
	}
	if m.ID == "" {
		m.ID = h.id("MForum")
	}
	post := channelOf(m)
	h.mu.Lock()
	created := h.posts[post]
	h.posts[post] = true
	h.mu.Unlock()
	if !created {
		h.fake.dispatch("THREAD_CREATE", threadCreate(post, "100", "1001", true))
	}
	msg := postMessage(m.ID, post, "1001", m.Text)
	if created {
		msg = message(m.ID, post, "G1", "<@9000> "+m.Text, true)
	}
	switch m.From {
	case adaptertest.Self:
		msg["author"] = map[string]any{"id": "9000", "username": "helpdeskbot", "bot": true}
	case adaptertest.OtherBot:
		msg["author"] = map[string]any{"id": "9002", "username": "otherbot", "bot": true}
	}
	h.fake.dispatch("MESSAGE_CREATE", msg)
	return true
}
