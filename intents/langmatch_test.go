package intents_test

import (
	"os"
	"slices"
	"testing"
	"testing/fstest"
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

// TestMatchInGermanAndPortuguese: their stemmers and stopwords make
// other forms of an example's words meet it.
func TestMatchInGermanAndPortuguese(t *testing.T) {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact the organization that asked you to verify.\n\n<!-- lang: de -->\nWenden Sie sich an die Organisation.\n\n<!-- lang: pt-BR -->\nFale com a organização.\n")},
		"_fallback.md": {Data: []byte("---\nlang:\n  de:\n    note: Auf Englisch.\n  pt-BR:\n    note: Em inglês.\n---\nSorry.\n")},
		"selfie.md": {Data: []byte("---\nid: selfie\ntitle: Selfie\nexamples: [my selfie fails, face not recognised, liveness check fails]\n" +
			"lang:\n  de:\n    examples: [die Gesichtserkennung klappt nicht, mein Gesicht wird nicht erkannt]\n" +
			"  pt-BR:\n    examples: [o reconhecimento facial falhou, meu rosto não é reconhecido]\n" +
			"---\nFace the light.\n\n<!-- lang: de -->\nIns Licht schauen.\n\n<!-- lang: pt-BR -->\nOlhe para a luz.\n")},
		"id.md": {Data: []byte("---\nid: government-id\ntitle: ID\nexamples: [my passport photo is blurry, the license is rejected, upload of my id fails]\n" +
			"lang:\n  de:\n    examples: [das Foto vom Reisepass ist unscharf, der Führerschein wird abgelehnt]\n" +
			"  pt-BR:\n    examples: [a foto do passaporte está borrada, a carteira de motorista foi recusada]\n" +
			"---\nWhole document.\n\n<!-- lang: de -->\nDas ganze Dokument.\n\n<!-- lang: pt-BR -->\nO documento inteiro.\n")},
	}
	ix := multilingualIndex(t, fsys)
	tests := []struct{ lang, message, want string }{
		{"de", "Gesichtserkennungen klappen nie", "selfie"},
		{"de", "die Führerscheine werden immer abgelehnt", "government-id"},
		{"pt-BR", "reconhecimentos faciais falhando", "selfie"},
		{"pt-BR", "as carteiras foram recusadas de novo", "government-id"},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			if m := ix.MatchIn(tt.message, tt.lang); len(m.Candidates) == 0 || m.Candidates[0].ID != tt.want {
				t.Errorf("MatchIn(%q, %s) = %+v, want %s first", tt.message, tt.lang, m.Candidates, tt.want)
			}
		})
	}
}
