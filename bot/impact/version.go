package impact

import (
	"context"
	"fmt"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// Version is one knowledge version: the loaded folder, and a bot
// answering from its index with the decision rule and thresholds in use.
type Version struct {
	Knowledge *intents.Knowledge
	Bot       *bot.Bot
}

// NewVersion builds k's index and a bot answering from it with t.
func NewVersion(k *intents.Knowledge, t bot.Thresholds) (Version, error) {
	return VersionOf(intents.NewIndex(k), t)
}

// VersionOf is the knowledge ix was built from, with a bot answering from
// ix with t: for a caller who already has the index (intents.LintIndex
// returns one).
func VersionOf(ix *intents.Index, t bot.Thresholds) (Version, error) {
	b, err := bot.New(ix, t)
	if err != nil {
		return Version{}, fmt.Errorf("impact: %w", err)
	}
	return Version{Knowledge: ix.Knowledge(), Bot: b}, nil
}

// ExampleChange is an example of either version whose outcome or topic
// changes.
type ExampleChange struct {
	Example string `json:"example"`
	// File and Line locate the example in the new version, or in the old
	// one when the new one no longer has it.
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	// OldTopic and NewTopic are the topics listing the example in each
	// version; empty where it is not listed.
	OldTopic string  `json:"old_topic,omitempty"`
	NewTopic string  `json:"new_topic,omitempty"`
	Old      Outcome `json:"old"`
	New      Outcome `json:"new"`
}

// Examples answers every example of either version with both, and
// returns those whose outcome or topic changes: the new version's
// examples first, in file order, then the ones it dropped.
func Examples(ctx context.Context, old, new Version) []ExampleChange {
	var list []*ExampleChange
	byText := map[string]*ExampleChange{}
	add := func(k *intents.Knowledge, isNew bool) {
		for _, in := range k.Intents {
			for j, ex := range in.Examples {
				e, ok := byText[ex]
				if !ok {
					e = &ExampleChange{Example: ex, File: in.File}
					if j < len(in.ExampleLines) {
						e.Line = in.ExampleLines[j]
					}
					byText[ex] = e
					list = append(list, e)
				}
				if isNew && e.NewTopic == "" {
					e.NewTopic = in.ID
				}
				if !isNew && e.OldTopic == "" {
					e.OldTopic = in.ID
				}
			}
		}
	}
	add(new.Knowledge, true)
	add(old.Knowledge, false)
	oldBot, newBot := quiet(old.Bot), quiet(new.Bot)
	var out []ExampleChange
	for _, e := range list {
		if ctx.Err() != nil {
			break
		}
		e.Old, e.New = ask(ctx, oldBot, e.Example), ask(ctx, newBot, e.Example)
		if e.Old != e.New {
			out = append(out, *e)
		}
	}
	return out
}

// TestChange is a line of _tests.tsv whose outcome or topic changes.
type TestChange struct {
	bot.Case
	Old Outcome `json:"old"`
	New Outcome `json:"new"`
}

// Tests is how two versions do on the same labelled lines.
type Tests struct {
	// Changes are the lines whose outcome or topic changes, in file order.
	Changes []TestChange
	// Old and New are the evaluations of each version (bot.Evaluate).
	Old, New bot.Report
}

// CompareTests evaluates both versions on cases and lists the lines
// whose outcome or topic changes.
func CompareTests(ctx context.Context, old, new *bot.Bot, cases []bot.Case) Tests {
	t := Tests{Old: bot.Evaluate(ctx, quiet(old), cases), New: bot.Evaluate(ctx, quiet(new), cases)}
	for i := range min(len(t.Old.Results), len(t.New.Results)) {
		o, n := t.Old.Results[i], t.New.Results[i]
		oo, no := outcome(o.Outcome, o.Got, o.Reason), outcome(n.Outcome, n.Got, n.Reason)
		if oo != no {
			t.Changes = append(t.Changes, TestChange{Case: o.Case, Old: oo, New: no})
		}
	}
	return t
}

// LintDelta returns the problems of the new version that the old one did
// not have, and those of the old one the new one no longer has. Problems
// are the same when their file, severity and message are: a problem that
// only moved to another line is neither added nor removed.
func LintDelta(old, new intents.Problems) (added, removed intents.Problems) {
	type key struct {
		file, message string
		severity      intents.Severity
	}
	keyOf := func(p intents.Problem) key { return key{p.File, p.Message, p.Severity} }
	left := map[key]int{}
	for _, p := range old {
		left[keyOf(p)]++
	}
	for _, p := range new {
		if k := keyOf(p); left[k] > 0 {
			left[k]--
		} else {
			added = append(added, p)
		}
	}
	for _, p := range old {
		if k := keyOf(p); left[k] > 0 {
			left[k]--
			removed = append(removed, p)
		}
	}
	return added, removed
}
