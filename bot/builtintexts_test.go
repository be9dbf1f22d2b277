package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// TestTheBotsOwnTextsFollowTheLanguage: the guard's warning, written by
// the bot and not by the knowledge, is in the message's language when the
// folder has it, with the guidance in that language too, and in English
// for an English message.
func TestTheBotsOwnTextsFollowTheLanguage(t *testing.T) {
	b := testkit.NewBot(t, nil)
	tests := []struct {
		name, text, body, guidance string
	}{
		{"spanish", "hola, mi tarjeta 4111 1111 1111 1111 no pasa la verificación, qué hago", "Por tu seguridad", "contacta con la empresa u organización"},
		{"french", "bonjour, ma carte 4111 1111 1111 1111 ne passe pas la vérification, que faire", "Pour votre sécurité", "contactez l'entreprise ou l'organisation"},
		{"english", "hi, my card 4111 1111 1111 1111 does not pass the verification, what now", "For your safety", "contact the company or organization"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Answer(context.Background(), bot.Message{Text: tt.text, Public: true, Adapter: "test"})
			if r.Outcome != bot.Guarded {
				t.Fatalf("outcome %s, want guarded", r.Outcome)
			}
			if !strings.HasPrefix(r.Body, tt.body) || !strings.Contains(r.Guidance, tt.guidance) {
				t.Errorf("body %q, guidance %q; want them to start with %q and hold %q", r.Body, r.Guidance, tt.body, tt.guidance)
			}
		})
	}
}
