package bot_test

import (
	"os"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// TestFollowUpRecognition measures, on a labelled table of two-turn
// conversations, how the second message is read: the topic's follow-up
// answer, a follow-up with the related topics, a vote ("that didn't
// help"), or a new question with its intent. Every row must come out
// right: the table is small, and each row is a behaviour the issue asks
// for.
func TestFollowUpRecognition(t *testing.T) {
	data, err := os.ReadFile("testdata/followups.tsv")
	if err != nil {
		t.Fatal(err)
	}
	right, total := 0, 0
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if i == 0 || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("followups.tsv:%d: want 3 columns", i+1)
		}
		first, then, want := cols[0], cols[1], cols[2]
		c := newConversation(t, true)
		c.say(first)
		r := c.say(then)
		var got string
		switch r.Reason {
		case bot.ReasonFollowUp:
			got = "specific"
		case bot.ReasonFollowUpNoAnswer:
			got = "related"
		case bot.ReasonNotHelpful:
			got = "vote"
		default:
			got = r.Intent
		}
		total++
		if got == want {
			right++
		} else {
			t.Errorf("followups.tsv:%d: %q then %q: got %s (%s %s), want %s", i+1, first, then, got, r.Outcome, r.Reason, want)
		}
	}
	t.Logf("follow-ups read right: %d of %d", right, total)
}

// TestQuestionsAreNotVotes: no example of another shipped topic, said
// right after the selfie answer, is read as "that didn't help". It logs
// how many are taken for selfie follow-ups instead of their own topic.
func TestQuestionsAreNotVotes(t *testing.T) {
	ix := shippedIndex(t)
	k := ix.Knowledge()
	c := newConversation(t, true)
	votes, followUps, total := 0, 0, 0
	for _, in := range k.Intents {
		if in.ID == "selfie" {
			continue
		}
		for _, ex := range in.Examples {
			c.msg.Conversation = "q:" + ex
			c.say("my selfie keeps failing")
			r := c.say(ex)
			total++
			switch r.Reason {
			case bot.ReasonNotHelpful:
				votes++
				t.Errorf("%s example %q read as a vote", in.ID, ex)
			case bot.ReasonFollowUp, bot.ReasonFollowUpNoAnswer:
				followUps++
			}
		}
	}
	t.Logf("after the selfie answer, %d examples of other topics: %d read as votes, %d as selfie follow-ups", total, votes, followUps)
}
