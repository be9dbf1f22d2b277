package intents_test

import (
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func TestLintWarnsAboutPlaceholderAnswers(t *testing.T) {
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact them.\n")},
		"_fallback.md": {Data: []byte("Sorry.\n")},
		"a.md":         {Data: []byte("---\nid: a\ntitle: A\nexamples: [apple pie, apple tart, apple crumble]\n---\nTODO: write the answer\n")},
		"b.md":         {Data: []byte("---\nid: b\ntitle: B\nexamples: [banana bread, banana split, banana cake]\n---\nBake it.\n")},
	}
	k, problems := intents.Lint(fsys, time.Now())
	if k == nil || problems.HasErrors() {
		t.Fatalf("a placeholder answer must not stop the folder from loading: %v", problems)
	}
	assertProblems(t, problems, []string{
		`a.md: warning: the answer of a is a placeholder ("TODO: write the answer"): write the reply`,
	})
}

func TestLintWarnsAboutAnswersAgainstTheStyleGuide(t *testing.T) {
	_, problems := intents.Lint(os.DirFS("testdata/broken/style"), time.Now())
	assertProblems(t, problems, []string{
		`bullets.md: warning: the answer of bullets has 7 bullets; keep at most 6, or split the topic`,
		`long.md: warning: the answer of long has 151 words; chat answers read best under 150: lead with the fix, one idea per bullet`,
		`placeholder.md: warning: the answer of placeholder says "(Ask your help desk or IT team for the link.)" to someone already talking to the help desk: name the resource and add its address under links:`,
	})
}
