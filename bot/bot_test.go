package bot_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// shippedIndex is the shipped knowledge's index, built once for the
// package's tests: an index is never changed after it is built and is safe
// for concurrent use, and building it takes a second or more under the race
// detector.
func shippedIndex(t testing.TB) *intents.Index {
	t.Helper()
	ix, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

var shipped = sync.OnceValues(func() (*intents.Index, error) {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		return nil, err
	}
	return intents.NewIndex(k), nil
})

func newBot(t testing.TB, ix *intents.Index) *bot.Bot {
	t.Helper()
	b, err := bot.New(ix, bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAnswerOutcomes(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	tests := []struct {
		name    string
		message string
		outcome bot.Outcome
		intent  string // for a clarify, either of two ids split by "|"
	}{
		{"clear winner", "my selfie keeps failing, face not found", bot.Answered, "selfie"},
		{"one keyword", "nfc", bot.Answered, "nfc"},
		{"greeting is an intent", "hello", bot.Answered, "greeting"},
		{"thanks is an intent", "thanks!", bot.Answered, "thanks"},
		{"two close topics", "verify linkedin account", bot.Clarify, "linkedin-recovery|linkedin-verification"},
		{"nothing matches", "what's the weather like", bot.Fallback, ""},
		{"out of scope look-alike", "passport renewal fees", bot.Fallback, ""},
		{"unsure and close to out of scope", "where to get a passport", bot.Fallback, ""},
		{"unsure look-alike of a licence", "where can I get a driving licence", bot.Fallback, ""},
		{"sure despite out-of-scope words", "passport photo fails", bot.Answered, "government-id"},
		{"empty message", "", bot.Fallback, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Answer(context.Background(), bot.Message{Text: tt.message})
			if r.Outcome != tt.outcome || !slices.Contains(strings.Split(tt.intent, "|"), r.Intent) {
				t.Fatalf("Answer(%q) = %s %q (%.2f, candidates %+v), want %s %q",
					tt.message, r.Outcome, r.Intent, r.Confidence, r.Candidates, tt.outcome, tt.intent)
			}
		})
	}
}

func TestClarifyOffersTheCloseTopics(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	r := b.Answer(context.Background(), bot.Message{Text: "verify linkedin account"})
	if r.Outcome != bot.Clarify {
		t.Fatalf("outcome %s", r.Outcome)
	}
	if len(r.Choices) < 2 || len(r.Choices) > 3 {
		t.Fatalf("clarify with %d choices, want 2 or 3: %+v", len(r.Choices), r.Choices)
	}
	ids := map[string]bool{}
	for _, c := range r.Choices {
		ids[c.ID] = true
		if c.Title == "" {
			t.Errorf("choice %s has no title", c.ID)
		}
	}
	if !ids["linkedin-verification"] || !ids["linkedin-recovery"] {
		t.Errorf("choices %+v, want both LinkedIn topics", r.Choices)
	}
}

func TestFallbackSuggestsTopics(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	r := b.Answer(context.Background(), bot.Message{Text: "tell me a story about dragons"})
	if r.Outcome != bot.Fallback || len(r.Choices) == 0 {
		t.Fatalf("outcome %s with choices %+v", r.Outcome, r.Choices)
	}
}

func TestAnswerCarriesRelatedAndContactBeforeGuidance(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	r := b.Answer(context.Background(), bot.Message{Text: "my linkedin account got hacked"})
	if r.Intent != "linkedin-recovery" {
		t.Fatalf("intent %q", r.Intent)
	}
	if r.Contact == "" || !strings.Contains(r.Contact, "LinkedIn support") {
		t.Fatalf("contact = %q", r.Contact)
	}
	text := r.Text()
	ci, gi := strings.Index(text, r.Contact), strings.Index(text, r.Guidance)
	if ci < 0 || gi < 0 || ci > gi || !strings.HasSuffix(text, r.Guidance) {
		t.Fatalf("contact at %d, guidance at %d; text must end with the guidance:\n%s", ci, gi, text)
	}
	if len(r.Related) == 0 || r.Related[0].ID != "linkedin-verification" {
		t.Errorf("related = %+v", r.Related)
	}
}

func TestAnswerIntent(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	r := b.AnswerIntent(context.Background(), "nfc")
	if r.Outcome != bot.Answered || r.Intent != "nfc" || r.Title != "NFC chip reading" || r.Confidence != 1 {
		t.Fatalf("AnswerIntent(nfc) = %+v", r)
	}
	if r := b.AnswerIntent(context.Background(), "no-such-topic"); r.Outcome != bot.Fallback {
		t.Fatalf("unknown id gives %s", r.Outcome)
	}
}

func TestCanceledContextStillGivesGuidance(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, r := range []bot.Reply{
		b.Answer(ctx, bot.Message{Text: "selfie"}),
		b.AnswerIntent(ctx, "selfie"),
	} {
		if r.Outcome != bot.Failed {
			t.Errorf("outcome %s, want %s", r.Outcome, bot.Failed)
		}
		assertGuidance(t, r)
	}
}

func TestSetIndexSwapsKnowledge(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	small, err := intents.Load(os.DirFS("../intents/testdata/small"))
	if err != nil {
		t.Fatal(err)
	}
	b.SetIndex(intents.NewIndex(small))
	r := b.Answer(context.Background(), bot.Message{Text: "nfc chip"})
	if r.Outcome != bot.Fallback {
		t.Fatalf("after swapping to knowledge without NFC, got %s %s", r.Outcome, r.Intent)
	}
	if r.KnowledgeVersion != small.Version {
		t.Errorf("reply version %s, want %s", r.KnowledgeVersion, small.Version)
	}
	b.SetIndex(nil) // ignored
	if b.Index() == nil {
		t.Fatal("SetIndex(nil) removed the knowledge")
	}
}

func TestNewValidates(t *testing.T) {
	if _, err := bot.New(nil, bot.DefaultThresholds()); !errors.Is(err, bot.ErrNoKnowledge) {
		t.Errorf("New(nil) error = %v", err)
	}
	bad := bot.Thresholds{Answer: 0.3, Clarify: 0.5, Margin: 0.8}
	if _, err := bot.New(shippedIndex(t), bad); err == nil {
		t.Error("clarify above answer accepted")
	}
}

func TestThresholdsValidate(t *testing.T) {
	tests := []struct {
		name string
		t    bot.Thresholds
		ok   bool
	}{
		{"defaults", bot.DefaultThresholds(), true},
		{"answer above 1", bot.Thresholds{Answer: 1.5, Clarify: 0.3, Margin: 0.8}, false},
		{"negative margin", bot.Thresholds{Answer: 0.5, Clarify: 0.3, Margin: -1}, false},
		{"clarify above answer", bot.Thresholds{Answer: 0.4, Clarify: 0.5, Margin: 0.8}, false},
		{"all zero", bot.Thresholds{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.t.Validate(); (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestThresholdsChangeOutcomes(t *testing.T) {
	ix := shippedIndex(t)
	c := newBot(t, ix).Answer(context.Background(), bot.Message{Text: "nfc"}).Confidence
	if c >= 1 {
		t.Fatalf("confidence %v: calibrated confidences never reach certainty", c)
	}
	above := c + (1-c)/2
	strict, err := bot.New(ix, bot.Thresholds{Answer: above, Clarify: above, Margin: 0.85})
	if err != nil {
		t.Fatal(err)
	}
	if r := strict.Answer(context.Background(), bot.Message{Text: "nfc"}); r.Outcome != bot.Fallback {
		t.Errorf("with thresholds above the confidence %v, got %s", c, r.Outcome)
	}
}

func assertGuidance(t *testing.T, r bot.Reply) {
	t.Helper()
	if strings.TrimSpace(r.Guidance) == "" {
		t.Fatalf("reply %s has no guidance", r.Outcome)
	}
	if !strings.HasSuffix(r.Text(), r.Guidance) {
		t.Fatalf("reply %s does not end with the guidance:\n%s", r.Outcome, r.Text())
	}
	// In the reply's language: the shipped knowledge has more than one.
	lang := r.Language
	if lang == "" {
		lang = "en"
	}
	if !strings.Contains(strings.ToLower(r.Guidance), requester[lang]) {
		t.Fatalf("guidance does not point to the requesting organization: %q", r.Guidance)
	}
}

func TestOutOfScopeUsesItsOwnText(t *testing.T) {
	ix := shippedIndex(t)
	b := newBot(t, ix)
	r := b.Answer(context.Background(), bot.Message{Text: "how much does a passport renewal cost"})
	if r.Outcome != bot.Fallback {
		t.Fatalf("outcome %s %s", r.Outcome, r.Intent)
	}
	if want := ix.Knowledge().OutOfScope.Answer; r.Body != want {
		t.Fatalf("body %q, want the out-of-scope text %q", r.Body, want)
	}
	assertGuidance(t, r)
}

func TestUnsureLoneCandidateIsSuggested(t *testing.T) {
	ix := shippedIndex(t)
	// "okta" alone is a clear but not certain match: with the answer
	// threshold well above its confidence and the clarify threshold just
	// under it, it is only suggested, first among the fallback topics.
	c := newBot(t, ix).Answer(context.Background(), bot.Message{Text: "okta"}).Confidence
	d := (1 - c) / 20
	b, err := bot.New(ix, bot.Thresholds{Answer: c + 10*d, Clarify: c - d, Margin: 0.85})
	if err != nil {
		t.Fatal(err)
	}
	r := b.Answer(context.Background(), bot.Message{Text: "okta"})
	if r.Outcome != bot.Fallback || len(r.Choices) == 0 || r.Choices[0].ID != "okta" {
		t.Fatalf("confidence %v: outcome %s, choices %+v", c, r.Outcome, r.Choices)
	}
}

// TestHowPeopleWrite covers the kinds of messages the bot must cope with:
// typos in words of four letters or more, multi-word synonyms, one word,
// and out-of-scope look-alikes that must fall back instead of guessing.
func TestHowPeopleWrite(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	tests := []struct {
		message string
		want    string // the top intent, or "none" for a fallback
	}{
		{"stuck on selfie", "selfie"},
		{"came from Okta", "okta"},
		{"glaer on my license", "lighting-glare"},
		{"why do I have to verify??", "why-verify"},
		{"slefie", "selfie"},
		{"okat", "okta"},
		{"linkdin verification", "linkedin-verification"},
		{"nfc", "nfc"},
		{"entra", "microsoft-entra"},
		{"azure ad sent me", "microsoft-entra"},
		{"pic too dark", "lighting-glare"},
		{"licence photo rejected", "government-id"},
		{"hello i need help with okta", "okta"},
		{"hi, my nfc won't read", "nfc"},
		{"thanks but the selfie still fails", "selfie"},
		{"that worked, thanks", "thanks"},
		{"help", bot.OutOfScope},
		{"liveliness check failed", "selfie"},
		{"what's the weather", bot.OutOfScope},
		{"asdfghjkl", bot.OutOfScope},
		{"my linkedin post got no likes", bot.OutOfScope},
		{"passport renewal fees", bot.OutOfScope},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			r := b.Answer(context.Background(), bot.Message{Text: tt.message})
			got := r.Intent
			if r.Outcome == bot.Fallback {
				got = bot.OutOfScope
			}
			if got != tt.want {
				t.Fatalf("got %s %q (%.2f, candidates %+v), want %s", r.Outcome, r.Intent, r.Confidence, r.Candidates, tt.want)
			}
		})
	}
}

func TestReplyKeySeparatesWhatRendersDifferently(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	ctx := context.Background()
	a1 := b.Answer(ctx, bot.Message{Text: "stuck on selfie"})
	a2 := b.Answer(ctx, bot.Message{Text: "my selfie keeps failing"})
	if a1.Key() != a2.Key() {
		t.Error("two answers of the same topic have different keys")
	}
	for _, other := range []bot.Reply{
		b.Answer(ctx, bot.Message{Text: "nfc"}),
		b.Answer(ctx, bot.Message{Text: "linkedin"}),
		b.Answer(ctx, bot.Message{Text: "weather"}),
	} {
		if other.Key() == a1.Key() {
			t.Errorf("%s %s shares the selfie answer's key", other.Outcome, other.Intent)
		}
	}
	unversioned := bot.Reply{Outcome: bot.Answered, Intent: "x", Body: "one", Guidance: "g"}
	changed := unversioned
	changed.Body = "two"
	if unversioned.Key() == changed.Key() {
		t.Error("without a knowledge version, different texts share a key")
	}
}

func TestObserversSeeEveryTurn(t *testing.T) {
	var mu sync.Mutex
	var turns []bot.Turn
	record := bot.ObserverFunc(func(_ context.Context, turn bot.Turn) {
		mu.Lock()
		turns = append(turns, turn)
		mu.Unlock()
	})
	panicky := bot.ObserverFunc(func(context.Context, bot.Turn) { panic("observer bug") })
	b, err := bot.New(shippedIndex(t), bot.DefaultThresholds(), bot.WithObserver(panicky), bot.WithObserver(record))
	if err != nil {
		t.Fatal(err)
	}
	r := b.Answer(context.Background(), bot.Message{Text: "nfc", User: "U1", Adapter: "test"})
	b.AnswerIntent(context.Background(), "okta")
	if len(turns) != 2 {
		t.Fatalf("%d turns observed", len(turns))
	}
	if turns[0].Message.User != "U1" || turns[0].Reply.Intent != r.Intent || turns[0].Latency <= 0 {
		t.Errorf("turn %+v", turns[0])
	}
	if turns[1].Topic != "okta" || turns[1].Reply.Intent != "okta" {
		t.Errorf("turn %+v", turns[1])
	}
	if r.Intent != "nfc" {
		t.Error("a panicking observer changed the reply")
	}
}

// TestPanicIsAnsweredSafelyAndLogged: a Bot without knowledge (its zero
// value) panics inside matching; the panic becomes a failed reply with the
// guidance, logged with its stack.
func TestPanicIsAnsweredSafelyAndLogged(t *testing.T) {
	var logs strings.Builder
	var b bot.Bot
	bot.WithLogger(slog.New(slog.NewTextHandler(&logs, nil)))(&b)
	r := b.Answer(context.Background(), bot.Message{Text: "stuck on selfie"})
	if r.Outcome != bot.Failed {
		t.Fatalf("outcome %s", r.Outcome)
	}
	assertGuidance(t, r)
	if !strings.Contains(logs.String(), "answering panicked") || !strings.Contains(logs.String(), "stack=") {
		t.Fatalf("logs:\n%s", logs.String())
	}
}

func TestAnswersPastTheirReviewAreMarked(t *testing.T) {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact the organization that asked you to verify.\n")},
		"_fallback.md": {Data: []byte("Sorry.\n")},
		"old.md":       {Data: []byte("---\nid: old\ntitle: Old\nexamples: [apple pie, apple tart, apple crumble]\nreview_by: 2020-01-01\n---\nOld answer.\n")},
		"new.md":       {Data: []byte("---\nid: new\ntitle: New\nexamples: [banana bread, banana split, banana cake]\nreview_by: 2999-01-01\n---\nNew answer.\n")},
	}
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b := newBot(t, intents.NewIndex(k))
	if r := b.Answer(context.Background(), bot.Message{Text: "apple pie"}); !r.PastReview {
		t.Errorf("old answer not marked: %+v", r)
	}
	if r := b.Answer(context.Background(), bot.Message{Text: "banana bread"}); r.PastReview {
		t.Error("answer still in date marked past review")
	}
}

// TestReplyKeySeparatesTheTwoFallbacks: the out-of-scope fallback and the
// ordinary fallback have the same outcome, intent, topics and knowledge
// version, but not the same text, so they must not share a key.
func TestReplyKeySeparatesTheTwoFallbacks(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	ctx := context.Background()
	outOfScope := b.Answer(ctx, bot.Message{Text: "where do I renew my passport"})
	gibberish := b.Answer(ctx, bot.Message{Text: "zzzz qqqq xxxx"})
	if outOfScope.Outcome != bot.Fallback || gibberish.Outcome != bot.Fallback || outOfScope.Body == gibberish.Body {
		t.Fatalf("want two fallbacks with different texts, got %s %q and %s %q", outOfScope.Outcome, outOfScope.Body, gibberish.Outcome, gibberish.Body)
	}
	if outOfScope.Key() == gibberish.Key() {
		t.Fatal("the out-of-scope fallback and the ordinary fallback share a key")
	}
}
