package intents_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func TestParseMultilingualFolder(t *testing.T) {
	k, problems := intents.Parse(os.DirFS("testdata/multilingual"))
	assertProblems(t, problems, []string{
		"nfc.md:1: warning: lacks language fr, which 2 of 4 topics have: messages in fr get the en answer",
		"thanks.md:1: warning: lacks language es, which 3 of 4 topics have: messages in es get the en answer",
		"thanks.md:1: warning: lacks language fr, which 2 of 4 topics have: messages in fr get the en answer",
	})
	if want := []string{"en", "es", "fr"}; !slices.Equal(k.Languages, want) {
		t.Errorf("Languages = %v, want %v", k.Languages, want)
	}
	if k.DefaultLanguage != "en" {
		t.Errorf("DefaultLanguage = %q, want en", k.DefaultLanguage)
	}
	selfie, _ := k.Intent("selfie")
	if selfie.Answer != "Face a bright light and hold the phone at eye level." {
		t.Errorf("default answer = %q", selfie.Answer)
	}
	es := selfie.Langs["es"]
	if es.Title != "Paso del selfie" || len(es.Examples) != 5 || es.Answer != "Ponte frente a una luz clara y sujeta el teléfono a la altura de los ojos." {
		t.Errorf("es = %+v", es)
	}
	if fr := selfie.Langs["fr"]; fr.ExampleLines[0] != 24 {
		t.Errorf("fr example lines = %v, want the first on line 24", fr.ExampleLines)
	}
	tests := []struct {
		name, got, want string
	}{
		{"es guidance", k.Texts["es"].Guidance, "Contacta con la empresa u organización que te pidió verificarte: ellos deciden qué se necesita y pueden ayudarte con tu caso."},
		{"fr short guidance", k.Texts["fr"].GuidanceShort, "Pensez à contacter l'organisation qui vous a demandé de vous vérifier."},
		{"es note", k.Texts["es"].Note, "Esta respuesta aún no está disponible en español; aquí está en inglés."},
		{"fr clarify", k.Texts["fr"].Clarify, "Lequel de ces sujets correspond le mieux à votre besoin ?"},
		{"es fallback", k.Texts["es"].Fallback[:26], "Perdona, no estoy seguro d"},
		{"default guidance", k.Guidance[:19], "Contact the company"},
		{"fr out of scope answer", k.OutOfScope.Langs["fr"].Answer, "Ce n'est pas un sujet sur lequel je peux vous aider ici."},
		{"es out of scope example", k.OutOfScope.Langs["es"].Examples[0], "dónde renuevo mi pasaporte"},
		{"es synonym", k.LangSynonyms["es"][0].Variant + ">" + k.LangSynonyms["es"][0].Canonical, "dni>documento"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

// TestParseEnglishOnlyFolderHasOneLanguage: a folder without lang
// blocks or markers is read as before, in the default language alone.
func TestParseEnglishOnlyFolderHasOneLanguage(t *testing.T) {
	k, err := intents.Load(os.DirFS("testdata/small"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(k.Languages, []string{"en"}) || len(k.Texts) != 0 {
		t.Errorf("Languages = %v, Texts = %v, want [en] and none", k.Languages, k.Texts)
	}
	for _, in := range k.Intents {
		if in.Langs != nil {
			t.Errorf("%s has languages %v", in.ID, in.Langs)
		}
	}
}

func TestParseLanguageProblems(t *testing.T) {
	const guidance = "Contact the organization that asked you to verify.\n"
	const guidanceES = guidance + "\n<!-- lang: es -->\nContacta con la organización que te pidió verificarte.\n"
	// fallbackES has the note of Spanish, which a folder in Spanish needs.
	const fallbackES = "---\nlang:\n  es:\n    note: Esta respuesta está en inglés.\n---\nSorry.\n"
	topic := func(front, body string) string {
		return "---\nid: a\ntitle: A\nexamples: [one, two, three]\n" + front + "---\nAnswer.\n" + body
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"unknown key in a language", map[string]string{
			"_guidance.md": guidanceES,
			"_fallback.md": fallbackES,
			"a.md":         topic("lang:\n  es:\n    title: Uno\n    answer: x\n", "\n<!-- lang: es -->\nRespuesta.\n"),
		}, []string{
			`a.md:6: warning: lang: es has an answer but no examples: add examples under lang: es: examples:, or messages in es match only through the other languages' examples`,
			`a.md:8: lang: es: unknown key "answer" (known: title, examples, keywords)`,
		}},
		{"examples without an answer", map[string]string{
			"_guidance.md": guidanceES,
			"_fallback.md": fallbackES,
			"a.md":         topic("lang:\n  es:\n    examples: [uno, dos]\n", ""),
		}, []string{
			"a.md:6: lang: es has examples but no answer: add the answer after a line <!-- lang: es --> in the body",
		}},
		{"bad code", map[string]string{
			"_guidance.md": guidance,
			"a.md":         topic("lang:\n  Spanish:\n    title: Uno\n", "\n<!-- lang: espanol -->\nRespuesta.\n"),
		}, []string{
			`a.md:6: lang: "Spanish" is not a language code like es, fr or pt-BR`,
			`a.md:11: lang marker: "espanol" is not a language code like es, fr or pt-BR`,
		}},
		{"the default language in a block", map[string]string{
			"_guidance.md": guidance,
			"a.md":         topic("lang:\n  en:\n    title: One\n", ""),
		}, []string{
			"a.md:6: lang: en is the folder's default language: write its text outside the lang: block",
		}},
		{"repeated marker", map[string]string{
			"_guidance.md": guidanceES,
			"_fallback.md": fallbackES,
			"a.md":         topic("lang:\n  es:\n    examples: [uno, dos]\n", "\n<!-- lang: es -->\nRespuesta.\n\n<!-- lang: es -->\nOtra.\n"),
		}, []string{
			"a.md:14: lang marker: es is repeated (first on line 11)",
		}},
		{"guidance lacks a language", map[string]string{
			"_guidance.md": guidance,
			"a.md":         topic("lang:\n  fr:\n    examples: [un, deux]\n", "\n<!-- lang: fr -->\nRéponse.\n"),
		}, []string{
			"_fallback.md: warning: lang: fr has no note: answers a topic lacks in fr are given in en without a line that says why; add lang: fr: note: to the front matter",
			"_guidance.md: missing the guidance in fr: every reply ends with the guidance in its language; add it after a line <!-- lang: fr -->",
		}},
		{"empty answer after a marker", map[string]string{
			"_guidance.md": guidanceES,
			"_fallback.md": fallbackES,
			"a.md":         topic("lang:\n  es:\n    examples: [uno, dos]\n", "\n<!-- lang: es -->\n\n"),
		}, []string{
			"a.md:11: lang: es: the answer after the marker is empty",
		}},
		{"synonyms of a bad language", map[string]string{
			"_guidance.md":           guidance,
			"a.md":                   topic("", ""),
			"_synonyms.spanish.yaml": "dni: documento\n",
		}, []string{
			`_synonyms.spanish.yaml: "spanish" is not a language code like es, fr or pt-BR: name the file _synonyms.CODE.yaml`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if _, ok := tt.files["_fallback.md"]; !ok {
				fsys["_fallback.md"] = &fstest.MapFile{Data: []byte("Sorry.\n")}
			}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, problems := intents.Parse(fsys)
			assertProblems(t, problems, tt.want)
		})
	}
}

// TestLintStyleInEveryLanguage: an answer too long in another language
// is warned about as in the default one.
func TestLintStyleInEveryLanguage(t *testing.T) {
	long := strings.Repeat("palabra ", intents.MaxAnswerWords+1)
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact the organization that asked you to verify.\n\n<!-- lang: es -->\nContacta con la organización que te pidió verificarte.\n")},
		"_fallback.md": {Data: []byte("---\nlang:\n  es:\n    note: En inglés.\n---\nSorry.\n")},
		"a.md":         {Data: []byte("---\nid: a\ntitle: A\nexamples: [selfie fails, selfie broken, selfie stuck]\nlang:\n  es:\n    examples: [selfie falla, selfie roto]\n---\nAnswer.\n\n<!-- lang: es -->\n" + long + "\n")},
	}
	_, problems := intents.Lint(fsys, time.Now())
	assertProblems(t, problems, []string{
		fmt.Sprintf("a.md: warning: the es answer of a has %d words; chat answers read best under %d: lead with the fix, one idea per bullet", intents.MaxAnswerWords+1, intents.MaxAnswerWords),
	})
}

// TestFolderLanguage: _guidance.md's language: key names the language of
// the unmarked content, so a folder written in Spanish first gives English
// under lang: blocks; a bad code is an error at its line.
func TestFolderLanguage(t *testing.T) {
	topic := "---\nid: selfie\ntitle: Paso del selfie\nexamples:\n  - el selfie no funciona\n  - no reconoce mi cara\n  - falla la foto de la cara\n" +
		"lang:\n  en:\n    title: Selfie step\n    examples:\n      - my selfie fails\n      - face not recognized\n      - the face photo keeps failing\n---\n" +
		"Ponte frente a una luz clara.\n\n<!-- lang: en -->\nFace a bright light.\n"
	// Read as English, the folder's lang: en block and marker are errors.
	englishRead := []string{
		"selfie.md:9: lang: en is the folder's default language: write its text outside the lang: block",
		"selfie.md:18: lang marker: en is the folder's default language: its text goes before the first marker",
	}
	tests := []struct {
		name     string
		guidance string
		want     string
		problems []string
	}{
		{"spanish first", "---\nlanguage: es\n---\nContacta con la organización.\n\n<!-- lang: en -->\nContact the organization.\n", "es", nil},
		{"no key: the folder is read as English", "Contact the organization.\n\n<!-- lang: es -->\nContacta con la organización.\n", "en", englishRead},
		{"a bad code", "---\nlanguage: Spanish\n---\nContact the organization.\n", "en",
			append([]string{`_guidance.md:2: language: "Spanish" is not a language code: write it as en, es, fr, de or pt-BR`}, englishRead...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"_guidance.md": {Data: []byte(tt.guidance)},
				"_fallback.md": {Data: []byte("No estoy seguro.\n")},
				"selfie.md":    {Data: []byte(topic)},
			}
			k, problems := intents.Parse(fsys)
			if k.DefaultLanguage != tt.want {
				t.Errorf("DefaultLanguage = %q, want %q", k.DefaultLanguage, tt.want)
			}
			var errs []string
			for _, p := range problems {
				if p.Severity == intents.Error {
					errs = append(errs, p.String())
				}
			}
			if strings.Join(errs, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}
