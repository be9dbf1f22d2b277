package bot_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// conversation is a bot remembering conversations in memory, with a fake
// clock, and the feedback it records.
type conversation struct {
	t     *testing.T
	bot   *bot.Bot
	clock *fakeClock
	mu    sync.Mutex
	votes []bot.Feedback
	// msg is the message every turn starts from.
	msg bot.Message
}

func newConversation(t *testing.T, canHandOff bool) *conversation {
	t.Helper()
	c := &conversation{t: t, clock: newFakeClock(),
		msg: bot.Message{Conversation: "slack:C1:1700000000.0001", User: "U1", Channel: "C1", Adapter: "test", CanHandOff: canHandOff}}
	rec := bot.FeedbackFunc(func(_ context.Context, f bot.Feedback) error {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.votes = append(c.votes, f)
		return nil
	})
	b, err := bot.New(shippedIndex(t), bot.DefaultThresholds(),
		bot.WithConversations(bot.NewMemoryConversations(100, c.clock.Now), time.Hour),
		bot.WithHandoffQuiet(2*time.Hour), bot.WithFeedback(rec), bot.WithClock(c.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	c.bot = b
	return c
}

// say sends text in the conversation; every reply must end with the
// guidance.
func (c *conversation) say(text string) bot.Reply {
	c.t.Helper()
	m := c.msg
	m.Text = text
	return c.send(m)
}

func (c *conversation) send(m bot.Message) bot.Reply {
	c.t.Helper()
	r := c.bot.Answer(context.Background(), m)
	if !r.Silent {
		assertGuidance(c.t, r)
	}
	return r
}

func choiceIDs(cs []bot.Choice) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func TestChoicesArePickedByNumberOrTitle(t *testing.T) {
	tests := []struct {
		name string
		pick string
		want string // the intent answered; empty for the not-offered reply
	}{
		{"a number", "2", "second"},
		{"a number with words", "option 1 please", "first"},
		{"the title", "Verifying on LinkedIn", "linkedin-verification"},
		{"a word of the title", "the recovery one", "linkedin-recovery"},
		{"a misspelled title word", "recovring", "linkedin-recovery"},
		{"a number not offered", "7", ""},
		{"zero", "0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newConversation(t, false)
			r := c.say("verify linkedin account")
			if r.Outcome != bot.Clarify || len(r.Choices) != 2 {
				t.Fatalf("verify linkedin account: %s %v", r.Outcome, choiceIDs(r.Choices))
			}
			want := tt.want
			switch want {
			case "first":
				want = r.Choices[0].ID
			case "second":
				want = r.Choices[1].ID
			}
			got := c.say(tt.pick)
			if want == "" {
				if got.Reason != bot.ReasonNumberNotOffered || got.Outcome == bot.Fallback {
					t.Fatalf("%q: %s (%s), want the not-offered reply", tt.pick, got.Outcome, got.Reason)
				}
				if !strings.Contains(got.Body, "1 to 2") || !slices.Equal(choiceIDs(got.Choices), choiceIDs(r.Choices)) {
					t.Fatalf("%q: body %q, choices %v; want the numbers that were offered, and the same choices", tt.pick, got.Body, choiceIDs(got.Choices))
				}
				// The choices still stand.
				if again := c.say("1"); again.Outcome != bot.Answered || again.Intent != r.Choices[0].ID {
					t.Fatalf("then 1: %s %s", again.Outcome, again.Intent)
				}
				return
			}
			if got.Outcome != bot.Answered || got.Intent != want || got.Reason != bot.ReasonPicked {
				t.Fatalf("%q: %s %q (%s), want %s picked", tt.pick, got.Outcome, got.Intent, got.Reason, want)
			}
		})
	}
}

func TestNumbersWithoutAConversationAreMatched(t *testing.T) {
	c := newConversation(t, false)
	c.msg.Conversation = ""
	c.say("verify linkedin account")
	if r := c.say("2"); r.Reason == bot.ReasonPicked || r.Reason == bot.ReasonNumberNotOffered {
		t.Fatalf("without a conversation, \"2\" was read as a pick: %s", r.Reason)
	}
}

func TestConversationsAreSeparate(t *testing.T) {
	c := newConversation(t, false)
	c.say("verify linkedin account")
	c.msg.Conversation = "another thread"
	if r := c.say("2"); r.Reason == bot.ReasonPicked {
		t.Fatal("a choice offered in one conversation was picked in another")
	}
}

func TestFollowUpIsNotTheSameAnswerAgain(t *testing.T) {
	tests := []struct {
		name, first, followUp string
		reason                bot.Reason
	}{
		{"the topic's follow-up answer", "my selfie keeps failing", "it says face not found", bot.ReasonFollowUp},
		{"a continuation", "my selfie keeps failing", "still failing", bot.ReasonFollowUpNoAnswer},
		{"what if", "stuck on the nfc step", "what if that doesn't work", bot.ReasonFollowUpNoAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newConversation(t, true)
			first := c.say(tt.first)
			if first.Outcome != bot.Answered {
				t.Fatalf("%q: %s", tt.first, first.Outcome)
			}
			r := c.say(tt.followUp)
			if r.Reason != tt.reason || r.Intent != first.Intent {
				t.Fatalf("%q after %q: %s %q (%s), want %s of %s", tt.followUp, tt.first, r.Outcome, r.Intent, r.Reason, tt.reason, first.Intent)
			}
			if r.Body == first.Body || strings.Contains(r.Body, first.Body) {
				t.Fatalf("the follow-up repeats the whole answer:\n%s", r.Body)
			}
			if tt.reason == bot.ReasonFollowUpNoAnswer {
				ids := choiceIDs(r.Choices)
				if !slices.Contains(ids, bot.HandoffChoiceID) || len(ids) < 2 {
					t.Fatalf("choices %v: want the related topics and a person", ids)
				}
			}
		})
	}
}

func TestANewTopicIsNotAFollowUp(t *testing.T) {
	c := newConversation(t, false)
	c.say("my selfie keeps failing")
	if r := c.say("how do i recover my linkedin account"); r.Outcome != bot.Answered || r.Intent != "linkedin-recovery" || r.Reason != bot.ReasonConfident {
		t.Fatalf("new topic: %s %q (%s)", r.Outcome, r.Intent, r.Reason)
	}
}

func TestNotHelpfulInWordsIsAVote(t *testing.T) {
	for _, words := range []string{"no that didnt help", "wrong", "not what i asked", "That didn't help at all.",
		"no me ayudó", "ça n'a pas aidé", "hat nicht geholfen", "não ajudou", "non mi ha aiutato", "eso es inútil", "das ist falsch"} {
		t.Run(words, func(t *testing.T) {
			c := newConversation(t, true)
			first := c.say("my selfie keeps failing")
			r := c.say(words)
			if r.Reason != bot.ReasonNotHelpful || r.Outcome == bot.Fallback {
				t.Fatalf("%q: %s (%s)", words, r.Outcome, r.Reason)
			}
			ids := choiceIDs(r.Choices)
			if slices.Contains(ids, first.Intent) || !slices.Contains(ids, bot.HandoffChoiceID) || len(ids) < 2 {
				t.Fatalf("choices %v: want other topics than %s, and a person", ids, first.Intent)
			}
			if len(c.votes) != 1 || c.votes[0].Helpful || c.votes[0].Intent != first.Intent || c.votes[0].User != "U1" {
				t.Fatalf("votes %+v, want one 👎 on %s", c.votes, first.Intent)
			}
		})
	}
}

func TestNotHelpfulNeedsAPreviousReply(t *testing.T) {
	c := newConversation(t, true)
	if r := c.say("wrong"); r.Reason == bot.ReasonNotHelpful || len(c.votes) != 0 {
		t.Fatalf("a first message was read as a vote: %s, %d votes", r.Reason, len(c.votes))
	}
}

func TestHandoff(t *testing.T) {
	t.Run("asked for a person", func(t *testing.T) {
		c := newConversation(t, true)
		r := c.say("can i talk to a real person")
		if r.Intent != bot.HandoffTopic || r.Handoff == nil || !r.Handoff.First || r.Handoff.Reason != bot.HandoffAsked {
			t.Fatalf("%s %q, handoff %+v", r.Outcome, r.Intent, r.Handoff)
		}
		if r.Handoff.Topic != "" {
			t.Errorf("handoff after topic %q in a conversation that answered none before", r.Handoff.Topic)
		}
		if !strings.Contains(r.Body, "asked a person") {
			t.Errorf("body does not say a person was called:\n%s", r.Body)
		}
		// Asked again, mentioning the bot: no second call.
		m := c.msg
		m.Text, m.Mentioned = "get me a human", true
		again := c.send(m)
		if again.Handoff == nil || again.Handoff.First {
			t.Fatalf("second request: handoff %+v, want a reminder, not a second call", again.Handoff)
		}
	})
	t.Run("nobody to call", func(t *testing.T) {
		c := newConversation(t, false)
		r := c.say("can i talk to a real person")
		if r.Intent != bot.HandoffTopic || r.Handoff != nil {
			t.Fatalf("%q, handoff %+v", r.Intent, r.Handoff)
		}
		if !strings.Contains(r.Body, "can't call a person") {
			t.Errorf("body does not say plainly no one can be called:\n%s", r.Body)
		}
		if c.say("selfie fails").Silent {
			t.Error("quiet after a handoff that did not happen")
		}
	})
	t.Run("the talk to a person choice", func(t *testing.T) {
		c := newConversation(t, true)
		c.say("my selfie keeps failing")
		c.say("still failing")
		r := c.send(bot.Message{Conversation: c.msg.Conversation, Choice: bot.HandoffChoiceID, CanHandOff: true, Adapter: "test"})
		if r.Handoff == nil || !r.Handoff.First || r.Handoff.Reason != bot.HandoffChosen {
			t.Fatalf("handoff %+v", r.Handoff)
		}
		if r.Handoff.Topic != "selfie" {
			t.Errorf("handoff after topic %q, want the selfie topic answered before", r.Handoff.Topic)
		}
		if r.Intent != bot.HandoffTopic || r.Label() != bot.HandoffTopic {
			t.Errorf("intent %q, label %q: want the %s answer with the handoff", r.Intent, r.Label(), bot.HandoffTopic)
		}
	})
	t.Run("the choice picked by its number", func(t *testing.T) {
		c := newConversation(t, true)
		c.say("my selfie keeps failing")
		r := c.say("still failing")
		n := slices.Index(choiceIDs(r.Choices), bot.HandoffChoiceID)
		if n < 0 {
			t.Fatalf("no person offered: %v", choiceIDs(r.Choices))
		}
		if r := c.say(string(rune('1' + n))); r.Handoff == nil || r.Handoff.Reason != bot.HandoffChosen {
			t.Fatalf("picking %d: handoff %+v", n+1, r.Handoff)
		}
	})
	t.Run("two fallbacks in a row", func(t *testing.T) {
		c := newConversation(t, true)
		if r := c.say("what's the weather like"); r.Outcome != bot.Fallback || r.Handoff != nil {
			t.Fatalf("first fallback: %s, handoff %+v", r.Outcome, r.Handoff)
		}
		r := c.say("who won the football")
		if r.Outcome != bot.Fallback || r.Handoff == nil || r.Handoff.Reason != bot.HandoffFallbacks || len(r.Choices) == 0 {
			t.Fatalf("second fallback: %s, handoff %+v, choices %v", r.Outcome, r.Handoff, choiceIDs(r.Choices))
		}
	})
	t.Run("fallbacks not in a row", func(t *testing.T) {
		c := newConversation(t, true)
		c.say("what's the weather like")
		c.say("my selfie keeps failing")
		if r := c.say("who won the football"); r.Handoff != nil {
			t.Fatalf("handoff %+v after fallbacks that were not in a row", r.Handoff)
		}
	})
}

func TestQuietAfterHandoff(t *testing.T) {
	c := newConversation(t, true)
	c.say("get me a human")
	r := c.say("hello? anyone?")
	if !r.Silent || r.Outcome != bot.Quiet {
		t.Fatalf("after the handoff: %s silent=%v, want quiet", r.Outcome, r.Silent)
	}
	m := c.msg
	m.Text, m.Mentioned = "my selfie keeps failing", true
	if r := c.send(m); r.Silent || r.Intent != "selfie" {
		t.Fatalf("mentioned: %s %q silent=%v, want an answer", r.Outcome, r.Intent, r.Silent)
	}
	c.clock.Advance(2*time.Hour - time.Second)
	if r := c.say("still there?"); !r.Silent {
		t.Fatal("answered before the quiet time was over")
	}
	c.clock.Advance(time.Second)
	if r := c.say("my selfie keeps failing"); r.Silent || r.Intent != "selfie" {
		t.Fatalf("after the quiet time: %s %q silent=%v", r.Outcome, r.Intent, r.Silent)
	}
}

func TestLaterTurnsEndWithTheShortGuidance(t *testing.T) {
	c := newConversation(t, false)
	k := c.bot.Knowledge()
	if k.GuidanceShort == "" {
		t.Fatal("the shipped knowledge has no short guidance")
	}
	for _, g := range []string{k.Guidance, k.GuidanceShort} {
		if !strings.Contains(g, "contact") || !strings.Contains(g, "organization that asked you to verify") {
			t.Errorf("guidance %q does not tell the person to contact the organization that asked them to verify", g)
		}
	}
	first := c.say("my selfie keeps failing")
	if first.Guidance != k.Guidance {
		t.Errorf("the first turn ends with %q, want the full guidance", first.Guidance)
	}
	var later bot.Reply
	for _, msg := range []string{"it says face not found", "what's the weather like", "nfc"} {
		later = c.say(msg)
		if later.Guidance != k.GuidanceShort || !strings.HasSuffix(later.Text(), k.GuidanceShort) {
			t.Errorf("%q: guidance %q, want the short form", msg, later.Guidance)
		}
	}
	fresh := newConversation(t, false).say("nfc")
	if fresh.Guidance != k.Guidance {
		t.Error("a new conversation starts with the short guidance")
	}
	if fresh.Key() == later.Key() {
		t.Error("the same answer with the full and the short guidance share a key: a cache would render one as the other")
	}
}
