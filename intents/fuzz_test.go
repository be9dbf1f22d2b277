package intents_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// FuzzParse shows that no file content makes loading panic, and that every
// problem names its file. Its seed corpus runs with every "go test".
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"---\nid: a\ntitle: A\nexamples: [one, two, three]\n---\nAnswer.\n",
		"---\nid: a\ntitle: A\nexamples: [one, two\n---\n",
		"---\n- just\n- a list\n---\nbody",
		"---\nid: [a, b]\ntitle: {x: 1}\nexamples: [[1], {a: b}]\n---\n",
		"---\n&a x: *a\n---\n",
		"---\nid: a\n---\n---\n---\n",
		"---\n\t\tid: a\n---",
		"---\nid: !!binary aGVsbG8=\ntitle: A\nexamples: [1, 2.5, true]\nkeywords: [~]\n---\nx",
		"---\r\nid: a\r\n", "", "---", "\xef\xbb\xbf---\n...\n", "no front matter",
	} {
		f.Add(seed, "pic: photo\nazure ad: entra\n")
	}
	f.Add("---\nid: a\ntitle: A\nexamples: [x, y, z]\n---\nA", ": : :\n- [")
	f.Fuzz(func(t *testing.T, intent, synonyms string) {
		fsys := fstest.MapFS{
			"_guidance.md":   {Data: []byte("Contact the organization that asked you to verify.\n")},
			"_fallback.md":   {Data: []byte("Sorry.\n")},
			"_synonyms.yaml": {Data: []byte(synonyms)},
			"topic.md":       {Data: []byte(intent)},
		}
		k, problems := intents.Lint(fsys, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		for _, p := range problems {
			if p.File == "" || p.Message == "" {
				t.Fatalf("problem without a file or message: %+v", p)
			}
		}
		if !problems.HasErrors() {
			ix := intents.NewIndex(k)
			ix.Match(intent)
		}
	})
}
