package intents_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// TestDuplicateIDIsReportedOnTheFileThatRepeatsIt: an admin who copies
// selfie.md to start a new topic sees the error on the copy, whichever
// comes first in walk order, and the message names the original.
func TestDuplicateIDIsReportedOnTheFileThatRepeatsIt(t *testing.T) {
	tests := []struct {
		name         string
		older, newer string // the original and the copy
		want         string
	}{
		{"copy first in walk order", "b.md", "a.md", `a.md:2: duplicate id "selfie": b.md:2 has it first; give this intent an id of its own`},
		{"copy last in walk order", "a.md", "b.md", `b.md:2: duplicate id "selfie": a.md:2 has it first; give this intent an id of its own`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testkit.CopyDir(t, "testdata/broken/duplicate-id")
			day := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
			for name, at := range map[string]time.Time{tt.older: day, tt.newer: day.Add(time.Hour)} {
				if err := os.Chtimes(filepath.Join(dir, name), at, at); err != nil {
					t.Fatal(err)
				}
			}
			k, problems := intents.Parse(intents.Dir(dir))
			assertProblems(t, problems, []string{tt.want})
			if len(k.Intents) != 1 || k.Intents[0].File != tt.older {
				t.Errorf("intents %+v: want only the original, %s", k.Intents, tt.older)
			}
		})
	}
	t.Run("no modification times", func(t *testing.T) {
		// The built-in folder has none: the later file in walk order is
		// the one that repeats the id.
		_, problems := intents.Parse(folderWith(map[string]string{
			"a.md": "---\nid: selfie\ntitle: Selfie\nexamples: [one a, two b, three c]\n---\nA.\n",
			"b.md": "---\nid: selfie\ntitle: Other\nexamples: [four d, five e, six f]\n---\nB.\n",
		}))
		assertProblems(t, problems, []string{`b.md:2: duplicate id "selfie": a.md:2 has it first; give this intent an id of its own`})
	})
}

// TestProblemsShowControlCharacters: a tab in the YAML is shown as \t,
// with a hint, and no problem holds a raw control character.
func TestProblemsShowControlCharacters(t *testing.T) {
	_, problems := intents.Parse(folderWith(map[string]string{
		"a.md": "---\nid: nfc\ntitle: NFC\nexamples:\n\t- one two\n  - three four\n  - five six\n---\nAnswer.\n",
	}))
	if len(problems) != 1 {
		t.Fatalf("problems %v", problems)
	}
	got := problems[0].String()
	if strings.ContainsFunc(got, func(r rune) bool { return r < ' ' }) {
		t.Errorf("%q holds a control character", got)
	}
	for _, want := range []string{"a.md:5: bad YAML: ", `'\t'`, "indent with spaces"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	p := intents.Problem{File: "a.md", Line: 1, Message: "bell \a and escape \x1b"}
	if got, want := p.String(), `a.md:1: bell \a and escape \x1b`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestMissingTextPointsAtALineThatExists: a file that ends with the
// closing --- has its missing answer reported on that line.
func TestMissingTextPointsAtALineThatExists(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"ends at the closing line", "a.md", "---\nid: nfc\ntitle: NFC\nexamples: [one a, two b, three c]\n---\n",
			"a.md:5: missing answer: write the reply in Markdown after the closing ---"},
		{"no newline after it", "a.md", "---\nid: nfc\ntitle: NFC\nexamples: [one a, two b, three c]\n---",
			"a.md:5: missing answer: write the reply in Markdown after the closing ---"},
		{"an empty line after it", "a.md", "---\nid: nfc\ntitle: NFC\nexamples: [one a, two b, three c]\n---\n\n",
			"a.md:6: missing answer: write the reply in Markdown after the closing ---"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := intents.Parse(folderWith(map[string]string{tt.file: tt.data}))
			assertProblems(t, problems, []string{tt.want})
			lines := strings.Count(tt.data, "\n")
			if !strings.HasSuffix(tt.data, "\n") {
				lines++
			}
			if problems[0].Line > lines {
				t.Errorf("line %d of a %d-line file", problems[0].Line, lines)
			}
		})
	}
}

// TestKnockOnErrorsAreMarked: when a file does not parse, the references
// to its id elsewhere are marked as following from it, and the file's own
// error is the only root cause.
func TestKnockOnErrorsAreMarked(t *testing.T) {
	related := "---\nid: %s\ntitle: T\nexamples: [%s one, %s two, %s three]\nrelated: [nfc]\n---\nAnswer.\n"
	fill := func(id string) string { return strings.ReplaceAll(related, "%s", id) }
	tests := []struct {
		name string
		nfc  string // the broken file
		want []string
	}{
		{"bad YAML", "---\nid: nfc\ntitle: NFC\nexamples: [oops\n---\nAnswer.\n", []string{
			`a-tips.md:5: "nfc" is not the id of any intent (knock-on error: capture/nfc.md did not load)`,
			"capture/nfc.md:4: bad YAML: sequence end token ']' not found",
			`z-id.md:5: "nfc" is not the id of any intent (knock-on error: capture/nfc.md did not load)`,
		}},
		{"unclosed front matter, another file name", "---\nid: \"nfc\"\ntitle: NFC\n", []string{
			`a-tips.md:5: "nfc" is not the id of any intent (knock-on error: capture/nfc.md did not load)`,
			"capture/nfc.md:1: front matter starts with --- but never ends with a --- line",
			`z-id.md:5: "nfc" is not the id of any intent (knock-on error: capture/nfc.md did not load)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := intents.Parse(folderWith(map[string]string{
				"a-tips.md": fill("tips"), "z-id.md": fill("government-id"), "capture/nfc.md": tt.nfc,
			}))
			assertProblems(t, problems, tt.want)
			roots := problems.RootCauses()
			if len(roots) != 1 || roots[0].File != "capture/nfc.md" {
				t.Errorf("root causes %v, want the error of capture/nfc.md alone", roots)
			}
		})
	}
	t.Run("a reference to no file at all", func(t *testing.T) {
		_, problems := intents.Parse(folderWith(map[string]string{"a-tips.md": fill("tips")}))
		assertProblems(t, problems, []string{`a-tips.md:5: "nfc" is not the id of any intent`})
		if len(problems.RootCauses()) != 1 {
			t.Errorf("a missing id with no broken file is a root cause: %v", problems)
		}
	})
}
