package impact_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

func TestExamples(t *testing.T) {
	ctx := context.Background()
	old := version(t, base)
	tests := []struct {
		name string
		edit string
		want []impact.ExampleChange
	}{
		{name: "an edit that breaks nothing", edit: harmless},
		{name: "examples moved between topics", edit: moved, want: []impact.ExampleChange{
			{Example: "there is glare on my license", File: "id.md", Line: 8, OldTopic: "glare", NewTopic: "government-id",
				Old: impact.Outcome{Kind: impact.Answered, Topic: "glare"}, New: impact.Outcome{Kind: impact.Answered, Topic: "government-id"}},
			{Example: "my photo is too dark", File: "id.md", Line: 9, OldTopic: "glare", NewTopic: "government-id",
				Old: impact.Outcome{Kind: impact.Answered, Topic: "glare"}, New: impact.Outcome{Kind: impact.Answered, Topic: "government-id"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := impact.Examples(ctx, old, version(t, tt.edit))
			if !slices.Equal(got, tt.want) {
				t.Errorf("changed examples\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	t.Run("examples of a removed topic", func(t *testing.T) {
		got := impact.Examples(ctx, old, version(t, half))
		removed := 0
		for _, e := range got {
			if e.NewTopic == "" {
				removed++
				if e.OldTopic == "" || e.New.Topic == e.OldTopic {
					t.Errorf("%+v: a dropped example should keep its old topic and lose it", e)
				}
			}
		}
		// glare, microsoft-entra and okta had 3 examples each.
		if removed != 9 {
			t.Errorf("%d dropped examples changed, want 9: %+v", removed, got)
		}
	})
}

func TestCompareTests(t *testing.T) {
	ctx := context.Background()
	old := version(t, base)
	cs := cases(t, base)
	tests := []struct {
		name      string
		edit      string
		changed   []int // lines of _tests.tsv
		newRight  int   // answered right with the new version
		newWrong  int
		newFellBk int
	}{
		{name: "an edit that breaks nothing", edit: harmless, newRight: 18},
		{name: "examples moved between topics", edit: moved, changed: []int{8, 9}, newRight: 16, newWrong: 2},
		{name: "an edit that changes half the answers", edit: half, changed: []int{8, 9, 10, 11, 12, 13, 14, 15, 16}, newRight: 9, newWrong: 1, newFellBk: 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := impact.CompareTests(ctx, old.Bot, version(t, tt.edit).Bot, cs)
			var lines []int
			for _, c := range got.Changes {
				lines = append(lines, c.Line)
			}
			if !slices.Equal(lines, tt.changed) {
				t.Errorf("changed lines %v, want %v", lines, tt.changed)
			}
			if got.Old.AnsweredRight != 18 || got.Old.Rejected != 3 {
				t.Errorf("old version: %d answered right, %d rejected; want 18 and 3", got.Old.AnsweredRight, got.Old.Rejected)
			}
			if n := got.New; n.AnsweredRight != tt.newRight || n.WrongTopic != tt.newWrong || n.FellBack != tt.newFellBk {
				t.Errorf("new version: %d right, %d wrong, %d fell back; want %d, %d, %d", n.AnsweredRight, n.WrongTopic, n.FellBack, tt.newRight, tt.newWrong, tt.newFellBk)
			}
		})
	}
}

func TestLintDelta(t *testing.T) {
	warn := func(file string, line int, msg string) intents.Problem {
		return intents.Problem{File: file, Line: line, Severity: intents.Warning, Message: msg}
	}
	tests := []struct {
		name           string
		old, new       intents.Problems
		added, removed intents.Problems
	}{
		{name: "none"},
		{name: "the same problem on another line",
			old: intents.Problems{warn("a.md", 3, "x")}, new: intents.Problems{warn("a.md", 5, "x")}},
		{name: "one added, one removed",
			old:   intents.Problems{warn("a.md", 3, "x"), warn("b.md", 1, "y")},
			new:   intents.Problems{warn("a.md", 3, "x"), warn("c.md", 2, "z")},
			added: intents.Problems{warn("c.md", 2, "z")}, removed: intents.Problems{warn("b.md", 1, "y")}},
		{name: "a repeated problem counts each time",
			old:   intents.Problems{warn("a.md", 3, "x")},
			new:   intents.Problems{warn("a.md", 3, "x"), warn("a.md", 9, "x")},
			added: intents.Problems{warn("a.md", 9, "x")}},
		{name: "a warning become an error is both",
			old:     intents.Problems{warn("a.md", 3, "x")},
			new:     intents.Problems{{File: "a.md", Line: 3, Severity: intents.Error, Message: "x"}},
			added:   intents.Problems{{File: "a.md", Line: 3, Severity: intents.Error, Message: "x"}},
			removed: intents.Problems{warn("a.md", 3, "x")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			added, removed := impact.LintDelta(tt.old, tt.new)
			if !slices.Equal(added, tt.added) || !slices.Equal(removed, tt.removed) {
				t.Errorf("LintDelta = +%v -%v, want +%v -%v", added, removed, tt.added, tt.removed)
			}
		})
	}
}

// TestVersionOf: a version made from an index already built is that
// index's knowledge, answered from that index, and compares as the one
// NewVersion builds does.
func TestVersionOf(t *testing.T) {
	k, err := intents.Load(intents.Dir(filepath.Join("testdata", base)))
	if err != nil {
		t.Fatal(err)
	}
	ix := intents.NewIndex(k)
	v, err := impact.VersionOf(ix, bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	if v.Knowledge != k || v.Bot.Index() != ix {
		t.Errorf("version of knowledge %p answered from %p, want %p and %p", v.Knowledge, v.Bot.Index(), k, ix)
	}
	if got := impact.Examples(context.Background(), version(t, base), v); len(got) != 0 {
		t.Errorf("the same folder changes %d examples: %+v", len(got), got)
	}
	bad := bot.DefaultThresholds()
	bad.Answer = -1
	if _, err := impact.VersionOf(ix, bad); err == nil || !strings.HasPrefix(err.Error(), "impact: ") {
		t.Errorf("bad thresholds: error %v, want one starting with impact:", err)
	}
}
