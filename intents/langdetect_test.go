package intents_test

import (
	"bufio"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// languageLines reads testdata/languages.tsv: messages of three words or
// more, each with its language, written for this test and not taken from
// any folder.
func languageLines(t testing.TB) [][2]string {
	f, err := os.Open("testdata/languages.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		lang, msg, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("bad line %q", sc.Text())
		}
		out = append(out, [2]string{lang, msg})
	}
	return out
}

func multilingualIndex(t testing.TB, fsys fs.FS) *intents.Index {
	t.Helper()
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return intents.NewIndex(k)
}

// TestLanguageDetection: messages of three words or more get their
// language right at least 97% of the time, on the fixture folder and on
// the shipped one.
func TestLanguageDetection(t *testing.T) {
	lines := languageLines(t)
	for _, folder := range []struct {
		name string
		fsys fs.FS
	}{{"fixture", os.DirFS("testdata/multilingual")}, {"shipped", knowledge.FS}} {
		t.Run(folder.name, func(t *testing.T) {
			ix := multilingualIndex(t, folder.fsys)
			right := 0
			for _, l := range lines {
				if got := ix.Language(l[1]); got == l[0] {
					right++
				} else {
					t.Logf("%s message detected as %s: %s", l[0], got, l[1])
				}
			}
			share := float64(right) / float64(len(lines))
			t.Logf("language right on %d of %d (%.1f%%)", right, len(lines), 100*share)
			if share < 0.97 {
				t.Errorf("language right on %.1f%%, want at least 97%%", 100*share)
			}
		})
	}
}

func TestLanguageOfOneLanguageFolderIsTheDefault(t *testing.T) {
	ix := multilingualIndex(t, os.DirFS("testdata/small"))
	for _, msg := range []string{"el selfie no funciona", "le selfie ne marche pas", "selfie"} {
		if got := ix.Language(msg); got != "en" {
			t.Errorf("Language(%q) = %q, want en: the folder has no other", msg, got)
		}
	}
}

// TestLanguageWithoutLettersOrWords: messages with nothing to tell a
// language by are in the default one.
func TestLanguageWithoutLettersOrWords(t *testing.T) {
	ix := multilingualIndex(t, os.DirFS("testdata/multilingual"))
	for _, msg := range []string{"", "123 456", "🙂🙂", "?!", "zzzz qqqq xxxx", "asdfgh jklqwx zzkk"} {
		if got := ix.Language(msg); got != "en" {
			t.Errorf("Language(%q) = %q, want the default, en", msg, got)
		}
	}
}

// BenchmarkLanguage tells the language of the test's messages with the
// shipped folder's model.
func BenchmarkLanguage(b *testing.B) {
	ix := multilingualIndex(b, knowledge.FS)
	lines := languageLines(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ix.Language(lines[i%len(lines)][1])
	}
}
