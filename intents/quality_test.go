package intents_test

import (
	"testing"
	"testing/fstest"

	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

func TestQualityOfShippedKnowledge(t *testing.T) {
	t.Parallel() // builds its own index and matches every misspelt example
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		t.Fatal(err)
	}
	q := intents.CheckQuality(k)
	tried, matched := 0, 0
	for _, s := range q.Typos {
		tried += s.Tried
		matched += s.Matched
	}
	examples := 0
	for _, in := range k.Intents {
		examples += len(in.Examples)
	}
	t.Logf("held-out misses %d of %d examples, confusable pairs %d, misspelt examples matched %d/%d",
		len(q.HeldOut), examples, len(q.Confusable), matched, tried)
	// Bars for the shipped content, so that edits do not quietly make it
	// worse: at least 80% of examples matched when held out, 95% of
	// misspelt ones.
	if float64(len(q.HeldOut)) > 0.2*float64(examples) {
		t.Errorf("%d of %d held-out examples match another intent", len(q.HeldOut), examples)
	}
	if float64(matched) < 0.95*float64(tried) {
		t.Errorf("only %d of %d misspelt examples match", matched, tried)
	}
}

func TestQualityFindsWhatAdminsShouldFix(t *testing.T) {
	intent := func(id, examples string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: " + id + "\nexamples:\n" + examples + "---\nAnswer " + id + ".\n")}
	}
	fsys := fstest.MapFS{
		"_guidance.md": {Data: []byte("Contact the organization that asked you to verify.\n")},
		"_fallback.md": {Data: []byte("Sorry.\n")},
		"alpha.md":     intent("alpha", "  - crimson apple pie\n  - crimson apple tart\n  - banana split sundae\n"),
		"beta.md":      intent("beta", "  - banana bread loaf\n  - banana muffin batter\n  - yellow banana peel\n"),
		"gamma.md":     intent("gamma", "  - cherry orchard harvest\n  - cherry orchard picking\n  - crimson cherry orchard\n"),
	}
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	q := intents.CheckQuality(k)
	found := false
	for _, m := range q.HeldOut {
		if m.Intent == "alpha" && m.Example == "banana split sundae" && m.Got == "beta" && m.File == "alpha.md" && m.Line == 7 {
			found = true
		}
	}
	if !found {
		t.Errorf("held-out misses %+v, want banana split sundae -> beta at alpha.md:7", q.HeldOut)
	}
	for _, s := range q.Typos {
		if s.Tried == 0 || s.Matched > s.Tried {
			t.Errorf("typo score %+v", s)
		}
	}
	ps := q.Problems(k)
	if len(ps) == 0 || ps[0].Severity != intents.Warning {
		t.Fatalf("problems %v", ps)
	}
	if got := intents.CheckQuality(k); len(got.HeldOut) != len(q.HeldOut) || len(got.Confusable) != len(q.Confusable) {
		t.Error("quality is not deterministic")
	}
}
