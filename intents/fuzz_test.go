package intents_test

import (
	"io/fs"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

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

// FuzzParseHostileFolder loads a folder with hostile files: deep or large
// YAML, huge lines, invalid UTF-8, odd front matter, and a special file
// that is a link with any target. Loading never panics, stays within a
// memory bound far below what the YAML parser takes on nested input, never
// reads the file beside the folder, and reports invalid UTF-8. Its seed
// corpus runs with every "go test".
func FuzzParseHostileFolder(f *testing.F) {
	answer := "Answer.\n"
	for _, seed := range []struct{ front, body, synonyms, link string }{
		{"id: a\ntitle: A\nexamples: [one, two, three]", answer, "pic: photo\n", "topic.md"},
		{"id: a\ntitle: A\nexamples: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000), answer, "", "../secret.md"},
		{"id: a\ntitle: A\nexamples: " + strings.Repeat("[", 30) + strings.Repeat("]", 30), answer, "x: " + strings.Repeat("{a: ", 5000), "/secret.md"},
		{"id: a\ntitle: A\nexamples:\n" + strings.Repeat("- ", 20_000) + "x", answer, "", "sub/../../secret.md"},
		{"id: a\ntitle: A\nexamples: [a 'b, " + strings.Repeat("[", 3000), answer, "", "./../secret.md"},
		{"id: a\ntitle: A\nexamples: [one, two, three]", strings.Repeat("a very long line ", 70_000), "", "_clarify.md"},
		{"id: a\ntitle: A\nexamples: [one, two, three]", strings.Repeat("x", 1<<20), "", ""},
		{"id: a\ntitle: \xff\xfe\nexamples: [one, two, three]", "caf\xe9\n", "pic: ph\xc3\n", "topic.md"},
		{"id: |\n  a\n   'b\nexamples: [\"x\\\"]]]\", 'y'']]]', z]", answer, "? [a]\n: b\n", "link2.md"},
		{"---\n...\n---", "---\n", "---\n---\n", "."},
		{"id: a\ntitle: A\nexamples: [one, two, three]\n" + strings.Repeat("k: v\n", 3000), answer, strings.Repeat("w: v\n", 3000), "\\secret.md"},
	} {
		f.Add(seed.front, seed.body, seed.synonyms, seed.link)
	}
	f.Fuzz(func(t *testing.T, front, body, synonyms, link string) {
		topic := "---\n" + front + "\n---\n" + body
		root := fstest.MapFS{
			"secret.md":         {Data: []byte("s3cr3t: the process environment\n")},
			"kb/_guidance.md":   {Data: []byte("Contact the organization that asked you to verify.\n")},
			"kb/_fallback.md":   {Data: []byte("Sorry.\n")},
			"kb/_synonyms.yaml": {Data: []byte(synonyms)},
			"kb/topic.md":       {Data: []byte(topic)},
			"kb/sub/other.md":   {Data: []byte("---\nid: other\ntitle: Other\nexamples: [apple pie, apple tart, apple crumble]\n---\nOther.\n")},
		}
		if link != "" {
			root["kb/_clarify.md"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(link)}
		}
		kb, err := fs.Sub(root, "kb")
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		k, problems := intents.Parse(kb)
		runtime.ReadMemStats(&after)
		input := len(front) + len(body) + len(synonyms) + len(link)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20+64*uint64(input) {
			t.Fatalf("Parse allocated %d MB for %d bytes of input", alloc>>20, input)
		}
		for _, p := range problems {
			if p.File == "" || p.Message == "" {
				t.Fatalf("problem without a file or message: %+v", p)
			}
		}
		if strings.Contains(k.Clarify+k.Guidance+k.Fallback, "s3cr3t") {
			t.Fatalf("read the file outside the folder through the link %q", link)
		}
		if len(topic) <= intents.MaxFileSize && !utf8.ValidString(topic) && !strings.Contains(problems.Error(), "invalid UTF-8") {
			t.Fatalf("invalid UTF-8 in topic.md not reported: %v", problems)
		}
		if !problems.HasErrors() {
			intents.NewIndex(k).Match(front)
		}
	})
}
