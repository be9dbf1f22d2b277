package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// requester is, by language, how the guidance names the organization
// that asked for the verification, in the fixture and shipped folders.
var requester = map[string]string{
	"en": "organization that asked you to verify",
	"es": "organización que te pidió verificarte",
	"fr": "organisation qui vous a demandé de vous vérifier",
}

// TestEveryOutcomeEndsWithGuidanceInItsLanguage is the product's promise
// in every language of a multilingual folder: whatever happens, the reply
// ends with the guidance, in the reply's language.
func TestEveryOutcomeEndsWithGuidanceInItsLanguage(t *testing.T) {
	messages := map[string][]string{
		"es": {"el selfie no funciona nunca", "no lee el chip nfc del pasaporte", "quiero saber la receta de la tortilla",
			"cuánto cuesta la suscripción premium", "la foto sale mal", "hola", "gracias"},
		"fr": {"le selfie ne marche toujours pas", "la puce nfc de mon passeport ne se lit pas", "je voudrais la recette de la quiche lorraine",
			"combien coûte l'abonnement premium", "la photo est mauvaise", "bonjour", "merci"},
		"en": {"stuck on selfie", "what's the weather", "", "nfc", "thanks"},
	}
	for _, folder := range []struct {
		name string
		ix   *intents.Index
	}{{"fixture", multilingualIndex(t)}, {"shipped", shippedIndex(t)}} {
		t.Run(folder.name, func(t *testing.T) {
			for lang, msgs := range messages {
				t.Run(lang, func(t *testing.T) {
					seen := map[bot.Outcome]bool{}
					b, err := bot.New(folder.ix, bot.DefaultThresholds(), bot.WithConversations(bot.NewMemoryConversations(8, nil), 0))
					if err != nil {
						t.Fatal(err)
					}
					for i, m := range msgs {
						// A conversation opened in the language, then this message.
						conv := lang + string(rune('a'+i))
						if lang != "en" {
							b.Answer(context.Background(), bot.Message{Text: msgs[0], Conversation: conv})
						}
						r := b.Answer(context.Background(), bot.Message{Text: m, Conversation: conv})
						seen[r.Outcome] = true
						assertGuidanceIn(t, r, lang)
						// Alone, a message of three words or more is told
						// apart; a shorter one is in the default language.
						alone := b.Answer(context.Background(), bot.Message{Text: m})
						if len(strings.Fields(m)) >= 3 {
							assertGuidanceIn(t, alone, lang)
						} else {
							assertGuidanceIn(t, alone, "en")
						}
					}
					if !seen[bot.Answered] || !seen[bot.Fallback] {
						t.Errorf("outcomes %v: want answers and fallbacks at least", seen)
					}
				})
			}
			b := newBot(t, folder.ix)
			for _, topic := range b.Topics() {
				assertGuidanceIn(t, b.AnswerIntent(context.Background(), topic.ID), "en")
			}
		})
	}
}

func assertGuidanceIn(t *testing.T, r bot.Reply, lang string) {
	t.Helper()
	if r.Guidance == "" || !strings.HasSuffix(r.Text(), r.Guidance) {
		t.Fatalf("reply %s does not end with the guidance:\n%s", r.Outcome, r.Text())
	}
	want := lang
	if want == "en" {
		want = ""
	}
	if r.Outcome != bot.Failed && r.Outcome != bot.Guarded && r.Language != want && r.Language != lang {
		t.Fatalf("reply %s in %q, want %s", r.Outcome, r.Language, lang)
	}
	if !strings.Contains(strings.ToLower(r.Guidance), requester[lang]) {
		t.Fatalf("the %s reply's guidance does not point to the requesting organization in %s: %q", r.Outcome, lang, r.Guidance)
	}
}
