package bot_test

import (
	"context"
	"os"
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
