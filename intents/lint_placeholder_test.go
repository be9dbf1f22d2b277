package intents_test

import (
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
