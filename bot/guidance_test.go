package bot_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// TestEveryOutcomeEndsWithGuidance is the product's promise: whatever
// happens, the reply ends with the contact guidance.
func TestEveryOutcomeEndsWithGuidance(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	seen := map[bot.Outcome]bool{}
	messages := []string{
		"stuck on selfie", "verify linkedin account", "what's the weather", "", "glaer on my licence",
		"nfc", "hello", "thanks", "my linkedin account got hacked", strings.Repeat("okta ", 2000),
	}
	for _, m := range messages {
		r := b.Answer(context.Background(), bot.Message{Text: m})
		seen[r.Outcome] = true
		assertGuidance(t, r)
	}
	for _, topic := range b.Topics() {
		assertGuidance(t, b.AnswerIntent(context.Background(), topic.ID))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := b.Answer(ctx, bot.Message{Text: "selfie"})
	seen[r.Outcome] = true
	assertGuidance(t, r)

	for _, o := range []bot.Outcome{bot.Answered, bot.Clarify, bot.Fallback, bot.Failed} {
		if !seen[o] {
			t.Errorf("no message produced outcome %s; the invariant is untested for it", o)
		}
	}
}

// FuzzAnswer shows that arbitrary input never panics and always gets the
// guidance. Its seed corpus runs with every "go test".
func FuzzAnswer(f *testing.F) {
	for _, seed := range []string{
		"", "stuck on selfie", "glaer on my licence", "azure ad", "why do I have to verify??",
		"\x00\xff\xfe", "🙂🙂🙂", "'''", "can't won't shouldn't've", "a'b'c'd",
		strings.Repeat("é", 5000), strings.Repeat("verify ", 1000), "<@U123> <!channel> &amp;",
		"ＳＥＬＦＩＥ", "i̇stanbul", "\u2028\u2029", "123 456 7890", "---\nid: x\n---",
	} {
		f.Add(seed)
	}
	b := newBot(f, shippedIndex(f))
	f.Fuzz(func(t *testing.T, msg string) {
		r := b.Answer(context.Background(), bot.Message{Text: msg})
		switch r.Outcome {
		case bot.Answered, bot.Clarify, bot.Fallback:
		default:
			t.Fatalf("outcome %q for %q", r.Outcome, msg)
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			t.Fatalf("confidence %v for %q", r.Confidence, msg)
		}
		if r.Guidance == "" || !strings.HasSuffix(r.Text(), r.Guidance) {
			t.Fatalf("no guidance for %q", msg)
		}
		if !utf8.ValidString(r.Text()) {
			t.Fatalf("reply text is not valid UTF-8 for %q", msg)
		}
	})
}

// FuzzConversation shows that two turns in one conversation, whatever
// they say, never panic and always end with the guidance (or are silent
// after a handoff).
func FuzzConversation(f *testing.F) {
	for _, seed := range [][2]string{
		{"my selfie keeps failing", "it says face not found"}, {"verify linkedin account", "2"}, {"verify linkedin account", "9"},
		{"selfie", "no that didnt help"}, {"what's the weather", "who won"}, {"get me a human", "hello?"},
		{"", ""}, {"nfc", "still nothing"}, {"\x00", "0"}, {"wrong", "the selfie one"},
	} {
		f.Add(seed[0], seed[1])
	}
	ix := shippedIndex(f)
	f.Fuzz(func(t *testing.T, first, then string) {
		b, err := bot.New(ix, bot.DefaultThresholds(), bot.WithConversations(bot.NewMemoryConversations(4, nil), 0))
		if err != nil {
			t.Fatal(err)
		}
		for _, msg := range []string{first, then} {
			r := b.Answer(context.Background(), bot.Message{Text: msg, Conversation: "c", CanHandOff: len(msg)%2 == 0})
			if r.Silent {
				continue
			}
			if r.Guidance == "" || !strings.HasSuffix(r.Text(), r.Guidance) || !utf8.ValidString(r.Text()) {
				t.Fatalf("no guidance at the end for %q then %q", first, then)
			}
		}
	})
}

// TestTextPutsEverythingBeforeTheGuidance: related topics, links and the
// contact line all come before the guidance, which ends the text.
func TestTextPutsEverythingBeforeTheGuidance(t *testing.T) {
	r := bot.Reply{
		Body: "Answer.", Related: []bot.Choice{{ID: "b", Title: "Related topic"}},
		Links:   []bot.Link{{Title: "Persona's general guide to verification tips", URL: "https://example.com/tips"}},
		Contact: "Contact line.", Guidance: "Contact the organization that asked you to verify.",
	}
	text := r.Text()
	want := []string{"Answer.", "Related topic", "[Persona's general guide to verification tips](https://example.com/tips)", "Contact line.", r.Guidance}
	at := -1
	for _, w := range want {
		i := strings.Index(text, w)
		if i <= at {
			t.Fatalf("%q is missing or out of order in:\n%s", w, text)
		}
		at = i
	}
	if !strings.HasSuffix(text, r.Guidance) {
		t.Fatalf("text does not end with the guidance:\n%s", text)
	}
	other := r
	other.Links = []bot.Link{{Title: "Another", URL: "https://example.com/other"}}
	if r.Key() == other.Key() {
		t.Error("replies with different links have the same key")
	}
}
