package adaptertest

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// Start builds and runs an adapter for env against its platform's fake,
// stopping it when the test ends, and returns its harness.
type Start func(t *testing.T, env Env) Harness

// Run checks, through start's harnesses, the guarantees every adapter
// keeps: every reply ends with the contact guidance; a message holding
// personal data is never answered in public and its reply never repeats
// it; the bot ignores itself and other bots; a replayed event is answered
// once; when busy the adapter refuses so that the platform retries, and
// nothing is lost; user text never pings; a choice answers its topic; a
// feedback click reaches the recorder once; and, in conversations, a
// number picks an offered choice, "that didn't help" offers other topics,
// links come before the guidance and a person is called once.
func Run(t *testing.T, start Start) {
	t.Helper()
	b := testkit.NewBot(t, nil)
	fb := &feedbackLog{}
	h := start(t, Env{Bot: b, Feedback: fb, Workers: 1})
	f := h.Features()
	tail := guidanceTail(b.Guidance())
	places := []bool{false}
	if f.Public {
		places = append(places, true)
	}

	t.Run("every reply ends with the guidance", func(t *testing.T) {
		for _, public := range places {
			for _, text := range []string{"stuck on selfie", "linkedin", "what's the weather like on mars"} {
				r := ask(t, h, Message{Text: text, Public: public})
				endsWithGuidance(t, r, tail)
			}
		}
	})
	if f.Public {
		t.Run("personal data is never answered in public nor repeated", func(t *testing.T) {
			r := ask(t, h, Message{Text: "my passport number is X12345678, why was it rejected?", Public: true})
			if r.Public {
				t.Errorf("a message holding a passport number was answered in public: %q", r.Text)
			}
			if strings.Contains(r.Text, "X12345678") {
				t.Errorf("the reply repeats the number: %q", r.Text)
			}
			endsWithGuidance(t, r, tail)
		})
	}
	t.Run("user text never pings", func(t *testing.T) {
		const pings = "<!channel> <!here> <!everyone> @here @everyone <@U999> <@1002> <@&1234> stuck on selfie"
		var replies []Reply
		for _, public := range places {
			replies = append(replies, ask(t, h, Message{Text: pings, Public: public}))
			if c, ok := h.(Commander); ok {
				replies = append(replies, c.Command(t, pings, public))
			}
		}
		for _, r := range replies {
			if len(r.Pings) > 0 {
				t.Errorf("the reply could ping %v: %q", r.Pings, r.Text)
			}
		}
	})
	if f.Bots {
		t.Run("the bot ignores itself and other bots", func(t *testing.T) {
			before := len(h.Settle(t))
			for _, public := range places {
				for _, from := range []Sender{Self, OtherBot} {
					if !h.Say(t, Message{Text: "stuck on selfie", Public: public, From: from}) {
						t.Fatalf("a message from sender %d was refused, not ignored", from)
					}
				}
			}
			if got := h.Settle(t); len(got) != before {
				t.Fatalf("%d replies to bots: %q", len(got)-before, got[before].Text)
			}
		})
	}
	if f.Replays {
		t.Run("a replayed event is answered once", func(t *testing.T) {
			before := len(h.Settle(t))
			for _, public := range places {
				m := Message{ID: fmt.Sprintf("replayed-%v", public), Text: "came from okta", Public: public}
				for range 3 {
					if !h.Say(t, m) {
						t.Fatal("a replay was refused")
					}
				}
			}
			if got := h.Settle(t); len(got) != before+len(places) {
				t.Fatalf("%d replies to %d events said three times each", len(got)-before, len(places))
			}
		})
	}
	if c, ok := h.(Clicker); ok {
		t.Run("a choice answers its topic", func(t *testing.T) {
			for _, text := range []string{"stuck on selfie", "linkedin"} {
				r := ask(t, h, Message{Text: text})
				choice, ok := topicChoice(r)
				if !ok {
					t.Fatalf("the reply to %q offers no topic: %+v", text, r.Choices)
				}
				got := c.Click(t, r, choice)
				if got.Intent != choice.Intent {
					t.Errorf("clicking %q answered %q", choice.Intent, got.Intent)
				}
				endsWithGuidance(t, got, tail)
			}
		})
		t.Run("a feedback click reaches the recorder once", func(t *testing.T) {
			r := ask(t, h, Message{Text: "stuck on selfie"})
			for i, vote := range []string{"up", "down"} {
				choice, ok := feedbackChoice(r, vote)
				if !ok {
					t.Fatalf("no %s button under the answer: %+v", vote, r.Choices)
				}
				c.Click(t, r, choice)
				got := fb.all()
				if len(got) != i+1 {
					t.Fatalf("after %d clicks the recorder has %d: %+v", i+1, len(got), got)
				}
				if last := got[i]; last.Intent != r.Intent || last.Helpful != (vote == "up") || last.Adapter != f.Name {
					t.Errorf("recorded %+v for a %s click on %q", last, vote, r.Intent)
				}
			}
		})
	}
	t.Run("conversations", func(t *testing.T) {
		conversations(t, start, places)
	})
	for _, public := range places {
		t.Run(fmt.Sprintf("a scripted conversation of %d turns/%s", len(script), map[bool]string{false: "private", true: "public"}[public]), func(t *testing.T) {
			scripted(t, start, public)
		})
	}
	if _, ok := h.(Staller); ok && f.Retries {
		t.Run("busy refuses so that the platform retries, and loses nothing", func(t *testing.T) {
			busy(t, start, b)
		})
	}
}

// linkedTopic is the topic of the built-in knowledge the suite gives a
// link, and linkURL its address.
const (
	linkedTopic = "okta"
	linkURL     = "https://help.example.com/okta-verification"
)

// linkedKnowledge is the built-in knowledge with a link on linkedTopic.
func linkedKnowledge(t *testing.T) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(knowledge.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(knowledge.FS, path)
		if err != nil {
			return err
		}
		if path == "platforms/okta.md" {
			text := strings.Replace(string(data), "\nlinks: []", "\nlinks:\n  - title: Okta verification guide\n    url: "+linkURL+"\n", 1)
			if text == string(data) {
				return fmt.Errorf("%s has no empty links: to fill", path)
			}
			data = []byte(text)
		}
		out[path] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// conversations checks, on fresh adapters whose bot remembers
// conversations, what a conversation gives: a number picks a choice the
// previous reply offered; "that didn't help" offers other topics, a person
// and records the vote; links come before the guidance; a person is called
// once per conversation, and what the person wrote is never copied
// elsewhere.
func conversations(t *testing.T, start Start, places []bool) {
	fb := &feedbackLog{}
	b := testkit.NewBot(t, linkedKnowledge(t), bot.WithConversations(bot.NewMemoryConversations(1000, nil), 0), bot.WithFeedback(fb))
	h := start(t, Env{Bot: b, Feedback: bot.DiscardFeedback, Workers: 1, Handoff: HandoffMention})
	f := h.Features()
	tail := guidanceTail(b.Guidance())
	alone := b.Quiet()
	const selfie = "stuck on selfie"
	first := alone.Answer(context.Background(), bot.Message{Text: selfie})
	if first.Intent != "selfie" || len(first.Related) == 0 {
		t.Fatalf("the suite's %q is not answered with related topics: %s %q", selfie, first.Outcome, first.Intent)
	}
	for _, public := range places {
		where := map[bool]string{false: "private", true: "public"}[public]
		t.Run("a number picks an offered choice in the same conversation/"+where, func(t *testing.T) {
			conv := "pick-" + where
			ask(t, h, Message{Text: selfie, Public: public, Conversation: conv})
			got := ask(t, h, Message{Text: "1", Public: public, Conversation: conv})
			if got.Intent != first.Related[0].ID {
				t.Errorf("%q after the selfie answer answered %q, want the first offered %q: %q", "1", got.Intent, first.Related[0].ID, got.Text)
			}
			endsWithGuidance(t, got, tail)
			other := ask(t, h, Message{Text: "1", Public: public, Conversation: conv + "-other"})
			if other.Intent == first.Related[0].ID {
				t.Errorf("%q in another conversation picked %q, offered in a different one", "1", other.Intent)
			}
		})
		t.Run("no that didnt help offers other topics and records the vote/"+where, func(t *testing.T) {
			conv := "unhelpful-" + where
			before := len(fb.all())
			ask(t, h, Message{Text: selfie, Public: public, Conversation: conv})
			got := ask(t, h, Message{Text: "no that didnt help", Public: public, Conversation: conv})
			if got.Intent == "selfie" || strings.Contains(got.Text, firstLine(first.Body)) {
				t.Errorf("the selfie answer again: %q", got.Text)
			}
			offered := false
			for _, c := range got.Choices {
				if c.Feedback == "" && c.Intent != "" && c.Intent != "selfie" && c.Intent != bot.HandoffChoiceID {
					offered = true
				}
			}
			if !offered {
				t.Errorf("no other topic offered: %+v in %q", got.Choices, got.Text)
			}
			endsWithGuidance(t, got, tail)
			votes := fb.all()[before:]
			if len(votes) != 1 || votes[0].Intent != "selfie" || votes[0].Helpful || votes[0].Adapter != f.Name {
				t.Errorf("recorded %+v for %q after the selfie answer", votes, "no that didnt help")
			}
		})
		t.Run("links come before the guidance/"+where, func(t *testing.T) {
			got := ask(t, h, Message{Text: "came from okta", Public: public, Conversation: "links-" + where})
			if got.Intent != linkedTopic {
				t.Fatalf("%q answered %q, want %q", "came from okta", got.Intent, linkedTopic)
			}
			at := strings.Index(got.Text, linkURL)
			if at < 0 {
				t.Fatalf("the link is not in the reply: %q", got.Text)
			}
			if g := strings.LastIndex(got.Text, tail); g < at {
				t.Errorf("the link comes after the guidance: %q", got.Text)
			}
			endsWithGuidance(t, got, tail)
		})
	}
	if !f.Handoff || !f.Public {
		return
	}
	const asked = "can i talk to a real person"
	t.Run("a handoff mentions the group once, in the conversation", func(t *testing.T) {
		before := len(h.Settle(t))
		for range 2 {
			r := ask(t, h, Message{Text: asked, Public: true, Conversation: "handoff-mention"})
			endsWithGuidance(t, r, tail)
		}
		got := h.Settle(t)[before:]
		mentions := 0
		for i, r := range got {
			n := strings.Count(r.Text, f.Mention)
			mentions += n
			if n > 0 && (i != 0 || !r.Public || r.Elsewhere) {
				t.Errorf("reply %d mentions the group (public %v, elsewhere %v): %q", i, r.Public, r.Elsewhere, r.Text)
			}
			for _, p := range r.Pings {
				if p != f.Mention {
					t.Errorf("reply %d could ping %q", i, p)
				}
			}
		}
		if mentions != 1 {
			t.Errorf("%d mentions of %s in %d replies, want 1", mentions, f.Mention, len(got))
		}
	})
	if c, ok := h.(Clicker); ok {
		t.Run("the Talk to a person button calls the group", func(t *testing.T) {
			ask(t, h, Message{Text: selfie, Public: true, Conversation: "handoff-button"})
			r := ask(t, h, Message{Text: "no that didnt help", Public: true, Conversation: "handoff-button"})
			var button Choice
			for _, ch := range r.Choices {
				if ch.Intent == bot.HandoffChoiceID {
					button = ch
				}
			}
			if button.Intent == "" {
				t.Fatalf("no Talk to a person button after %q: %+v", "no that didnt help", r.Choices)
			}
			got := c.Click(t, r, button)
			if !strings.Contains(got.Text, f.Mention) {
				t.Errorf("clicking %q did not mention %s: %q", button.Label, f.Mention, got.Text)
			}
			endsWithGuidance(t, got, tail)
		})
	}
	t.Run("a handoff posts a link elsewhere, never the person's text", func(t *testing.T) {
		lh := start(t, Env{Bot: testkit.NewBot(t, nil, bot.WithConversations(bot.NewMemoryConversations(100, nil), 0)),
			Feedback: bot.DiscardFeedback, Workers: 1, Handoff: HandoffLink})
		const words = "quokka marmalade"
		ask(t, lh, Message{Text: "stuck on selfie " + words, Public: true, Conversation: "handoff-link"})
		for range 2 {
			ask(t, lh, Message{Text: asked, Public: true, Conversation: "handoff-link"})
		}
		elsewhere := 0
		for _, r := range lh.Settle(t) {
			if strings.Contains(r.Text, f.Mention) && f.Mention != "" {
				t.Errorf("a link target mentioned the group: %q", r.Text)
			}
			if !r.Elsewhere {
				continue
			}
			elsewhere++
			if strings.Contains(r.Text, "quokka") || strings.Contains(r.Text, asked) {
				t.Errorf("the post elsewhere copies what the person wrote: %q", r.Text)
			}
			if !strings.Contains(r.Text, "https://") {
				t.Errorf("the post elsewhere has no link to the conversation: %q", r.Text)
			}
			if len(r.Pings) > 0 {
				t.Errorf("the post elsewhere could ping %v", r.Pings)
			}
		}
		if elsewhere != 1 {
			t.Errorf("%d posts elsewhere for two requests for a person, want 1", elsewhere)
		}
	})
}

// firstLine is the first non-empty line of s.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return s
}

// busy fills a fresh adapter's one worker and one queue slot, and checks
// the next message is refused, then answered when delivered again.
func busy(t *testing.T, start Start, b *bot.Bot) {
	h := start(t, Env{Bot: b, Feedback: bot.DiscardFeedback, Workers: 1, Queue: 1})
	held, release := h.(Staller).Stall(t)
	released := false
	defer func() {
		if !released {
			release()
		}
	}()
	texts := []string{"nfc chip won't read", "came from okta", "glare on my id", "why do i have to verify", "stuck on selfie"}
	taken, refused := 0, -1
	for i, text := range texts {
		if !h.Say(t, Message{ID: fmt.Sprintf("busy-%d", i), Text: text}) {
			refused = i
			break
		}
		if taken++; taken == 1 {
			held(t)
		}
	}
	if refused < 0 {
		t.Fatalf("%d messages taken with one worker held and a queue of one", taken)
	}
	release()
	released = true
	h.Replies(t, taken)
	if !h.Say(t, Message{ID: fmt.Sprintf("busy-%d", refused), Text: texts[refused]}) {
		t.Fatal("the platform's retry was refused once the adapter was free")
	}
	got := h.Replies(t, taken+1)[taken]
	want := b.Quiet().Answer(context.Background(), bot.Message{Text: texts[refused]})
	if want.Intent == "" {
		t.Fatalf("the suite's %q is not answered with a topic", texts[refused])
	}
	if got.Intent != want.Intent {
		t.Errorf("the retried %q was answered with %q, want %q", texts[refused], got.Intent, want.Intent)
	}
}

// ask says m and returns its reply.
func ask(t *testing.T, h Harness, m Message) Reply {
	t.Helper()
	n := len(h.Settle(t))
	if !h.Say(t, m) {
		t.Fatalf("%q was refused", m.Text)
	}
	return h.Replies(t, n+1)[n]
}

func endsWithGuidance(t *testing.T, r Reply, tail string) {
	t.Helper()
	if !strings.HasSuffix(strings.TrimSpace(r.Text), tail) {
		end := r.Text
		if len(end) > 120 {
			end = end[len(end)-120:]
		}
		t.Errorf("the reply does not end with the guidance %q: ...%q", tail, end)
	}
}

// guidanceTail is the guidance's last words, which every platform's
// rendering keeps as they are.
func guidanceTail(guidance string) string {
	words := strings.Fields(guidance)
	return strings.Join(words[max(len(words)-4, 0):], " ")
}

func topicChoice(r Reply) (Choice, bool) {
	for _, c := range r.Choices {
		if c.Feedback == "" && c.Intent != "" {
			return c, true
		}
	}
	return Choice{}, false
}

func feedbackChoice(r Reply, vote string) (Choice, bool) {
	for _, c := range r.Choices {
		if c.Feedback == vote {
			return c, true
		}
	}
	return Choice{}, false
}

// feedbackLog is the suite's feedback recorder.
type feedbackLog struct {
	mu  sync.Mutex
	got []bot.Feedback
}

func (l *feedbackLog) RecordFeedback(_ context.Context, f bot.Feedback) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.got = append(l.got, f)
	return nil
}

func (l *feedbackLog) all() []bot.Feedback {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]bot.Feedback(nil), l.got...)
}

// Wait is how long a harness waits for anything before failing the test.
const Wait = 10 * time.Second
