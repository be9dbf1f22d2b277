package bot_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// multilingualIndex is the index of intents' fixture folder in English,
// Spanish and French.
func multilingualIndex(t testing.TB) *intents.Index {
	t.Helper()
	k, err := intents.Load(os.DirFS("../intents/testdata/multilingual"))
	if err != nil {
		t.Fatal(err)
	}
	return intents.NewIndex(k)
}

// TestConversationLanguage: a message of three words or more sets the
// conversation's language; shorter ones keep it, and before any, the
// default language is the one.
func TestConversationLanguage(t *testing.T) {
	tests := []struct {
		name     string
		messages []string
		want     string // the conversation's language after them
	}{
		{"spanish", []string{"el selfie no funciona"}, "es"},
		{"french", []string{"le selfie ne marche pas"}, "fr"},
		{"short keeps spanish", []string{"el chip del pasaporte no se lee", "nfc"}, "es"},
		{"short keeps french", []string{"la photo de mon permis est floue", "ok merci"}, "fr"},
		{"switch back to english", []string{"el selfie no funciona", "my selfie keeps failing"}, "en"},
		{"short alone tells nothing", []string{"nfc"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := bot.NewMemoryConversations(8, nil)
			b, err := bot.New(multilingualIndex(t), bot.DefaultThresholds(), bot.WithConversations(store, 0))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range tt.messages {
				b.Answer(context.Background(), bot.Message{Text: m, Conversation: "c"})
			}
			st, ok, err := store.Get(context.Background(), "c")
			if err != nil || !ok {
				t.Fatalf("no state: %v", err)
			}
			if st.Language != tt.want {
				t.Errorf("language = %q, want %q", st.Language, tt.want)
			}
		})
	}
}

// TestOneLanguageKnowledgeRemembersNoLanguage: the shipped knowledge's
// conversations, in one language, never record one.
func TestOneLanguageKnowledgeRemembersNoLanguage(t *testing.T) {
	k, err := intents.Load(os.DirFS("../intents/testdata/small"))
	if err != nil {
		t.Fatal(err)
	}
	store := bot.NewMemoryConversations(8, nil)
	b, err := bot.New(intents.NewIndex(k), bot.DefaultThresholds(), bot.WithConversations(store, 0))
	if err != nil {
		t.Fatal(err)
	}
	b.Answer(context.Background(), bot.Message{Text: "el selfie no funciona", Conversation: "c"})
	if st, _, _ := store.Get(context.Background(), "c"); st.Language != "" {
		t.Errorf("language = %q, want none", st.Language)
	}
}

// TestRepliesInTheMessagesLanguage: the answer, title, buttons and
// guidance come in the message's language when the knowledge has them,
// else in the default one after the language's note.
func TestRepliesInTheMessagesLanguage(t *testing.T) {
	b, err := bot.New(multilingualIndex(t), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	k := b.Knowledge()
	tests := []struct {
		name, message string
		lang, intent  string
		body          string // the start of the body
		guidance      string
	}{
		{"spanish", "el selfie no funciona nunca", "es", "selfie", "Ponte frente a una luz clara", k.Langs["es"].Guidance},
		{"french", "la photo de mon permis de conduire est floue", "fr", "government-id", "Prenez tout le document en photo", k.Langs["fr"].Guidance},
		{"french, a topic without it", "la puce nfc ne se lit toujours pas", "fr", "nfc", k.Langs["fr"].Note + "\n\nHold the top of the phone", k.Langs["fr"].Guidance},
		{"english", "my selfie keeps failing", "en", "selfie", "Face a bright light", k.Guidance},
		{"spanish out of scope", "qué tiempo hará el fin de semana", "es", "", k.Langs["es"].OutOfScope, k.Langs["es"].Guidance},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Answer(context.Background(), bot.Message{Text: tt.message})
			if r.Language != tt.lang || r.Intent != tt.intent {
				t.Fatalf("reply in %q with %q (%s), want %q with %q", r.Language, r.Intent, r.Outcome, tt.lang, tt.intent)
			}
			if !strings.HasPrefix(r.Body, tt.body) {
				t.Errorf("body %q, want it to start with %q", r.Body, tt.body)
			}
			if r.Guidance != tt.guidance || !strings.HasSuffix(r.Text(), tt.guidance) {
				t.Errorf("guidance %q, want %q at the end", r.Guidance, tt.guidance)
			}
		})
	}
	t.Run("titles", func(t *testing.T) {
		r := b.Answer(context.Background(), bot.Message{Text: "el selfie no funciona nunca"})
		if r.Title != "Paso del selfie" {
			t.Errorf("title %q, want the Spanish one", r.Title)
		}
		if len(r.Related) != 1 || r.Related[0].Title != "Foto del documento de identidad" {
			t.Errorf("related %+v, want the Spanish title of government-id", r.Related)
		}
	})
	t.Run("fallback choices", func(t *testing.T) {
		r := b.Answer(context.Background(), bot.Message{Text: "quel temps fera-t-il demain à Paris"})
		if r.Outcome != bot.Fallback || r.Body != k.Langs["fr"].OutOfScope {
			t.Fatalf("outcome %s, body %q, want the French out-of-scope answer", r.Outcome, r.Body)
		}
		if len(r.Choices) == 0 || r.Choices[0].Title != "Étape du selfie" {
			t.Errorf("choices %+v, want French titles", r.Choices)
		}
	})
}

// TestShortMessageRepliesInTheConversationsLanguage: "2" after a
// Spanish question picks the choice in Spanish.
func TestShortMessageRepliesInTheConversationsLanguage(t *testing.T) {
	b, err := bot.New(multilingualIndex(t), bot.DefaultThresholds(), bot.WithConversations(bot.NewMemoryConversations(8, nil), 0))
	if err != nil {
		t.Fatal(err)
	}
	first := b.Answer(context.Background(), bot.Message{Text: "quiero saber la receta de la tortilla", Conversation: "c"})
	if first.Language != "es" || len(first.Choices) < 2 {
		t.Fatalf("first reply in %q with choices %+v", first.Language, first.Choices)
	}
	r := b.Answer(context.Background(), bot.Message{Text: "2", Conversation: "c"})
	if r.Language != "es" || r.Intent != first.Choices[1].ID || r.Guidance != b.Knowledge().Langs["es"].GuidanceShort {
		t.Errorf("reply in %q to %q ending %q; want Spanish, %s, the Spanish short guidance", r.Language, r.Intent, r.Guidance, first.Choices[1].ID)
	}
}
