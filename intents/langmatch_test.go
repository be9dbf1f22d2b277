package intents_test

import (
	"os"
	"slices"
	"testing"
)

// TestMatchInOtherLanguages: messages in Spanish and French match their
// topic, with or without accents, elisions split, and through words the
// languages share with English examples.
func TestMatchInOtherLanguages(t *testing.T) {
	ix := multilingualIndex(t, os.DirFS("testdata/multilingual"))
	tests := []struct {
		name, lang, message, want string
	}{
		{"spanish", "es", "mi selfie no funciona nunca", "selfie"},
		{"spanish without accents", "es", "la camara no detecta mi cara", "selfie"},
		{"spanish with accents", "es", "la cámara no detecta mi cara", "selfie"},
		{"spanish id", "es", "no me aceptan la foto del carnet", "government-id"},
		{"spanish synonym", "es", "la foto del dni sale borrosa", "government-id"},
		{"french", "fr", "le selfie ne marche toujours pas", "selfie"},
		{"french elision", "fr", "je bloque à l'étape du selfie", "selfie"},
		{"french id", "fr", "ma photo du permis est floue", "government-id"},
		{"french without examples, through nfc", "fr", "la puce nfc ne se lit pas", "nfc"},
		{"english", "en", "my selfie keeps failing", "selfie"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ix.MatchIn(tt.message, tt.lang)
			if len(m.Candidates) == 0 || m.Candidates[0].ID != tt.want {
				t.Fatalf("MatchIn(%q, %s) = %+v, want %s first", tt.message, tt.lang, m.Candidates, tt.want)
			}
			if got := ix.Match(tt.message); len(got.Candidates) == 0 || got.Candidates[0].ID != tt.want {
				t.Errorf("Match(%q), its language told, = %+v, want %s first", tt.message, got.Candidates, tt.want)
			}
		})
	}
}

// TestMatchInFoldsAccentsAlike: a message typed with and without accents
// is read as the same terms.
func TestMatchInFoldsAccentsAlike(t *testing.T) {
	ix := multilingualIndex(t, os.DirFS("testdata/multilingual"))
	a := ix.MatchIn("la vérification du visage échoue", "fr")
	b := ix.MatchIn("la verification du visage echoue", "fr")
	if len(a.Terms) == 0 || len(a.Terms) != len(b.Terms) {
		t.Fatalf("terms %v and %v", a.Terms, b.Terms)
	}
	for i := range a.Terms {
		if a.Terms[i] != b.Terms[i] {
			t.Errorf("terms %v and %v differ", a.Terms, b.Terms)
		}
	}
}

// TestMatchInUsesTheLanguagesSynonyms: _synonyms.es.yaml rewrites
// Spanish messages only.
func TestMatchInUsesTheLanguagesSynonyms(t *testing.T) {
	ix := multilingualIndex(t, os.DirFS("testdata/multilingual"))
	tests := []struct {
		lang string
		want bool
	}{{"es", true}, {"fr", false}, {"en", false}}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			m := ix.MatchIn("dni", tt.lang)
			if got := slices.Contains(m.Terms, "document"); got != tt.want {
				t.Errorf("terms of dni in %s = %v; rewritten to document: %v, want %v", tt.lang, m.Terms, got, tt.want)
			}
		})
	}
}
