package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// scopedKnowledge has topics in two sub-folders, one nested, and the
// handoff topic at the top.
func scopedKnowledge() *bot.Knowledge {
	return &bot.Knowledge{
		Version: "v-scope", Guidance: "Ask the organization.", Fallback: "Sorry, I don't know.",
		FallbackTopics: []string{"selfie", "linkedin-verification"},
		Topics: []bot.Topic{
			{ID: "selfie", Title: "Selfie", Answer: "Selfie answer.", Folder: "capture"},
			{ID: "nfc", Title: "NFC", Answer: "NFC answer.", Folder: "capture/chips"},
			{ID: "linkedin-verification", Title: "LinkedIn", Answer: "LinkedIn answer.", Folder: "platforms", Related: []string{"selfie", "okta"}},
			{ID: "okta", Title: "Okta", Answer: "Okta answer.", Folder: "platforms"},
			{ID: bot.HandoffTopic, Title: "Talk to someone", Answer: "Someone will help."},
		},
	}
}

// byText is a matcher that reads each text as one confident topic, with
// a weaker runner-up.
func byText(best, runnerUp map[string]string) bot.Matcher {
	return fakeMatcher{MatchFunc: func(text string) bot.Match {
		m := bot.Match{Candidates: []bot.Candidate{cand(best[text], 0.9, 0.9)}, OutOfScope: 0.4}
		if text == "passport?" {
			m = bot.Match{Candidates: []bot.Candidate{cand("selfie", 0.2, 0.2)}, OutOfScope: 0.8}
		}
		if r := runnerUp[text]; r != "" {
			m.Candidates = append(m.Candidates, cand(r, 0.3, 0.95))
		}
		return m
	}}
}

// TestScopeRestrictsTopics: a channel's scope keeps the matcher's
// candidates to its topics before the decision; a message about another
// topic falls back, offering the channel's topics, and every reply still
// ends with the guidance.
func TestScopeRestrictsTopics(t *testing.T) {
	best := map[string]string{"selfie?": "selfie", "linkedin?": "linkedin-verification", "nfc?": "nfc", "person?": bot.HandoffTopic}
	runnerUp := map[string]string{"selfie?": "okta"}
	b, err := bot.NewFrom(byText(best, runnerUp), scopedKnowledge(), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	platforms := bot.Scope{Folders: []string{"platforms"}}
	tests := []struct {
		name    string
		text    string
		scope   bot.Scope
		outcome bot.Outcome
		reason  bot.Reason
		intent  string
		choices []string
		related []string
	}{
		{name: "no scope answers every topic", text: "selfie?", outcome: bot.Answered, intent: "selfie"},
		{name: "a folder's topic is answered", text: "linkedin?", scope: platforms, outcome: bot.Answered, intent: "linkedin-verification", related: []string{"okta"}},
		{name: "another folder's topic falls back with the channel's topics", text: "selfie?", scope: platforms,
			outcome: bot.Fallback, choices: []string{"linkedin-verification", "okta", bot.HandoffTopic}},
		{name: "a folder holds its nested folders", text: "nfc?", scope: bot.Scope{Folders: []string{"capture"}}, outcome: bot.Answered, intent: "nfc"},
		{name: "a nested folder does not hold its parent's topics", text: "selfie?", scope: bot.Scope{Folders: []string{"capture/chips"}},
			outcome: bot.Fallback, choices: []string{"nfc", bot.HandoffTopic}},
		{name: "topic ids", text: "selfie?", scope: bot.Scope{Topics: []string{"okta"}}, outcome: bot.Fallback, choices: []string{"okta", bot.HandoffTopic}},
		{name: "topic ids and folders together", text: "selfie?", scope: bot.Scope{Topics: []string{"selfie"}, Folders: []string{"platforms"}},
			outcome: bot.Answered, intent: "selfie"},
		{name: "off-topic still gets the out-of-scope text", text: "passport?", scope: platforms, outcome: bot.Fallback, reason: bot.ReasonOutOfScope},
		{name: "another folder's topic gets the fallback, not the out-of-scope text", text: "nfc?", scope: platforms, outcome: bot.Fallback, reason: bot.ReasonNoCandidates},
		{name: "the handoff topic is in every scope", text: "person?", scope: platforms, outcome: bot.Answered, intent: bot.HandoffTopic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Answer(context.Background(), bot.Message{Text: tt.text, Scope: tt.scope})
			if r.Outcome != tt.outcome || r.Intent != tt.intent {
				t.Fatalf("outcome %s intent %q, want %s %q (reason %s)", r.Outcome, r.Intent, tt.outcome, tt.intent, r.Reason)
			}
			if tt.reason != "" && r.Reason != tt.reason {
				t.Errorf("reason %s, want %s", r.Reason, tt.reason)
			}
			if tt.choices != nil {
				if got := ids(r.Choices); strings.Join(got, ",") != strings.Join(tt.choices, ",") {
					t.Errorf("choices %v, want %v", got, tt.choices)
				}
			}
			if tt.related != nil {
				if got := ids(r.Related); strings.Join(got, ",") != strings.Join(tt.related, ",") {
					t.Errorf("related %v, want %v", got, tt.related)
				}
			}
			for _, c := range r.Candidates {
				if tt.scope.Topics != nil || tt.scope.Folders != nil {
					if !slicesHas(tt.scope, c.Intent) {
						t.Errorf("candidate %q outside the scope %+v", c.Intent, tt.scope)
					}
				}
			}
			if r.Guidance == "" || !strings.HasSuffix(r.Text(), r.Guidance) {
				t.Errorf("reply does not end with the guidance: %q", r.Text())
			}
		})
	}
}

// slicesHas reports whether id is in the scope of scopedKnowledge.
func slicesHas(sc bot.Scope, id string) bool {
	for _, tp := range scopedKnowledge().Topics {
		if tp.ID == id {
			return sc.Allows(tp)
		}
	}
	return false
}

func ids(cs []bot.Choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// TestScopeAllows checks membership by id, by folder and nested folder,
// and the handoff topic everywhere.
func TestScopeAllows(t *testing.T) {
	tests := []struct {
		name  string
		scope bot.Scope
		topic bot.Topic
		want  bool
	}{
		{name: "zero scope", topic: bot.Topic{ID: "x", Folder: "a"}, want: true},
		{name: "by id", scope: bot.Scope{Topics: []string{"x"}}, topic: bot.Topic{ID: "x"}, want: true},
		{name: "other id", scope: bot.Scope{Topics: []string{"y"}}, topic: bot.Topic{ID: "x"}, want: false},
		{name: "by folder", scope: bot.Scope{Folders: []string{"a"}}, topic: bot.Topic{ID: "x", Folder: "a"}, want: true},
		{name: "nested folder", scope: bot.Scope{Folders: []string{"a/"}}, topic: bot.Topic{ID: "x", Folder: "a/b"}, want: true},
		{name: "folder with the same prefix", scope: bot.Scope{Folders: []string{"a"}}, topic: bot.Topic{ID: "x", Folder: "ab"}, want: false},
		{name: "top-level topic", scope: bot.Scope{Folders: []string{"a"}}, topic: bot.Topic{ID: "x"}, want: false},
		{name: "handoff topic", scope: bot.Scope{Topics: []string{"y"}}, topic: bot.Topic{ID: bot.HandoffTopic}, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.scope.Allows(tt.topic); got != tt.want {
				t.Errorf("Allows = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestScopeOnTheShippedKnowledge: with the shipped folder, each topic's
// examples asked in a channel of the topic's own folder get the answer
// they get anywhere; asked in a channel of another folder they never get
// a topic outside it, and every reply ends with the guidance.
func TestScopeOnTheShippedKnowledge(t *testing.T) {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(intents.NewIndex(k), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	folders := map[string]string{}
	for _, tp := range b.Knowledge().Topics {
		folders[tp.ID] = tp.Folder
	}
	checked := 0
	for _, in := range k.Intents {
		own := folders[in.ID]
		if own == "" || in.ID == bot.HandoffTopic {
			continue
		}
		other := "platforms"
		if own == "platforms" {
			other = "capture"
		}
		for _, ex := range in.Examples[:min(2, len(in.Examples))] {
			anywhere := b.Answer(context.Background(), bot.Message{Text: ex})
			at := b.Answer(context.Background(), bot.Message{Text: ex, Scope: bot.Scope{Folders: []string{own}}})
			if anywhere.Outcome == bot.Answered && anywhere.Intent == in.ID && (at.Outcome != bot.Answered || at.Intent != in.ID) {
				t.Errorf("%q in %s: %s %q, want %s as anywhere", ex, own, at.Outcome, at.Intent, in.ID)
			}
			elsewhere := b.Answer(context.Background(), bot.Message{Text: ex, Scope: bot.Scope{Folders: []string{other}}})
			if elsewhere.Outcome == bot.Answered && elsewhere.Intent != bot.HandoffTopic && folders[elsewhere.Intent] != other {
				t.Errorf("%q in %s answered with %s of %s", ex, other, elsewhere.Intent, folders[elsewhere.Intent])
			}
			for _, r := range []struct {
				reply  bot.Reply
				folder string
			}{{at, own}, {elsewhere, other}} {
				if r.reply.Guidance == "" || !strings.HasSuffix(r.reply.Text(), r.reply.Guidance) {
					t.Errorf("%q in %s: reply does not end with the guidance", ex, r.folder)
				}
				for _, c := range append(r.reply.Choices, r.reply.Related...) {
					if c.ID != bot.HandoffChoiceID && c.ID != bot.HandoffTopic && folders[c.ID] != r.folder {
						t.Errorf("%q in %s: offers %s of %s", ex, r.folder, c.ID, folders[c.ID])
					}
				}
			}
			checked++
		}
	}
	if checked < 20 {
		t.Fatalf("only %d examples checked", checked)
	}
}
