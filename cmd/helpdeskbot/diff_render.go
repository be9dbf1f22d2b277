package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// writeDiffText prints a diff for people.
func writeDiffText(w io.Writer, d *diffReport) error {
	ew := &errWriter{w: w}
	ok, nk := d.old.version.Knowledge, d.new.version.Knowledge
	ew.printf("%s (version %s, %d topics) -> %s (version %s, %d topics)\n",
		d.old.dir, ok.Version, len(ok.Intents), d.new.dir, nk.Version, len(nk.Intents))

	ew.printf("\nexamples whose answer changes: %d\n", len(d.examples))
	for _, e := range d.examples {
		ew.printf("  %s: %q%s: %s -> %s\n", exampleLocation(d, e), e.Example, exampleOwners(e), e.Old, e.New)
	}

	if d.testsDir == "" {
		ew.printf("\n%s: none in either folder\n", intents.TestsFile)
	} else {
		tf := filepath.Join(d.testsDir, intents.TestsFile)
		ew.printf("\n%s lines whose answer changes: %d of %d\n", tf, len(d.tests.Changes), len(d.tests.Old.Results))
		for _, c := range d.tests.Changes {
			ew.printf("  %s:%d: %q (expected %s): %s -> %s\n", tf, c.Line, c.Message, c.Intent, c.Old, c.New)
		}
		ew.printf("\naccuracy on %s:\n", tf)
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  \told\tnew\tchange\n")
		o, n := d.tests.Old, d.tests.New
		for _, row := range []struct {
			name     string
			old, new int
		}{
			{"answered right", o.AnsweredRight, n.AnsweredRight},
			{"clarified, right first", o.ClarifiedRight, n.ClarifiedRight},
			{"wrong topic", o.WrongTopic, n.WrongTopic},
			{"fell back", o.FellBack, n.FellBack},
			{"out of scope rejected", o.Rejected, n.Rejected},
			{"out of scope not rejected", o.OutOfScope - o.Rejected, n.OutOfScope - n.Rejected},
		} {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\n", row.name, row.old, row.new, signed(row.new-row.old))
		}
		fmt.Fprintf(tw, "  in-scope accuracy\t%.1f%%\t%.1f%%\t%s\n", 100*o.InScopeAccuracy(), 100*n.InScopeAccuracy(), signedPoints(n.InScopeAccuracy()-o.InScopeAccuracy()))
		tw.Flush()
	}

	added, removed := impact.LintDelta(d.old.problems, d.new.problems)
	writeProblemDelta(ew, "lint", d, added, removed, "")
	if d.quality {
		added, removed := impact.LintDelta(d.old.quality, d.new.quality)
		o, n := qualityOf(d.old.measured), qualityOf(d.new.measured)
		writeProblemDelta(ew, "lint --quality", d, added, removed,
			fmt.Sprintf("held-out examples matching another topic %d -> %d, confusable pairs %d -> %d, misspelt examples matched %d/%d -> %d/%d",
				o.HeldOut, n.HeldOut, o.Confusable, n.Confusable, o.TyposMatched, o.TyposTried, n.TyposMatched, n.TyposTried))
	}

	if rec := d.recorded; rec == nil {
		ew.printf("\nrecorded questions: analytics is not configured (analytics.path or analytics.postgres_url)\n")
	} else {
		writeRecordedText(ew, rec)
	}
	return ew.err
}

// maxProblemLines is how many added (and removed) problems the text
// lists; --json lists them all.
const maxProblemLines = 10

func writeProblemDelta(ew *errWriter, name string, d *diffReport, added, removed intents.Problems, figures string) {
	ew.printf("\n%s: %d added, %d removed\n", name, len(added), len(removed))
	if figures != "" {
		ew.printf("  %s\n", figures)
	}
	list := func(sign, dir string, ps intents.Problems) {
		for i, p := range ps {
			if i == maxProblemLines {
				ew.printf("  %s ... and %d more (--json lists them all)\n", sign, len(ps)-i)
				break
			}
			ew.printf("  %s %s\n", sign, prefixed(dir, p))
		}
	}
	list("+", d.new.dir, added)
	list("-", d.old.dir, removed)
}

// qualityFigures are lint --quality's headline numbers.
type qualityFigures struct {
	HeldOut      int `json:"held_out_misses"`
	Confusable   int `json:"confusable_pairs"`
	TyposTried   int `json:"misspelt_tried"`
	TyposMatched int `json:"misspelt_matched"`
}

func qualityOf(q intents.Quality) qualityFigures {
	f := qualityFigures{HeldOut: len(q.HeldOut), Confusable: len(q.Confusable)}
	for _, s := range q.Typos {
		f.TyposTried += s.Tried
		f.TyposMatched += s.Matched
	}
	return f
}

func writeRecordedText(ew *errWriter, rec *recordedDiff) {
	r, s := rec.result, rec.summary
	ew.printf("\nrecorded questions of the last %s: %d of %d change (%.1f%%); of the %d the old version answers, %d (%.1f%%)\n",
		rec.window, r.Changed, r.Questions, 100*r.ChangedShare(), r.Answered, r.ChangedAnswered, 100*r.AnsweredShare())
	if r.Changed == 0 {
		return
	}
	ew.printf("  moved to another topic %d, newly answered %d, newly falling back %d, same topic otherwise %d\n",
		s.Moved, s.NewlyAnswered, s.NewlyFallingBack, s.OutcomeChanged)
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\n  topic\tmoved in\tmoved out\tnewly answered\tnewly falling back\tsame topic otherwise")
	for _, t := range s.Topics {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%d\n", t.Topic, t.MovedIn, t.MovedOut, t.NewlyAnswered, t.NewlyFallingBack, t.OutcomeChanged)
	}
	tw.Flush()
	ew.printf("\n  moves:\n")
	for _, m := range s.Moves {
		ew.printf("  %5d  %s -> %s, e.g. %s\n", m.Count, m.Old, m.New, quoteList(m.Sample))
	}
	ew.printf("\n  sample (redacted):\n")
	for _, c := range s.Sample {
		ew.printf("  %5dx %q: %s -> %s\n", c.Count, c.Question, c.Old, c.New)
	}
}

// exampleLocation is where an example stands: in the new folder, or in
// the old one when the new one dropped it.
func exampleLocation(d *diffReport, e impact.ExampleChange) string {
	dir := d.new.dir
	if e.NewTopic == "" {
		dir = d.old.dir
	}
	loc := filepath.Join(dir, e.File)
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
	}
	return loc
}

// exampleOwners says which topic lists an example, when that changed.
func exampleOwners(e impact.ExampleChange) string {
	switch {
	case e.OldTopic == e.NewTopic:
		return " of " + e.NewTopic
	case e.OldTopic == "":
		return " (new, of " + e.NewTopic + ")"
	case e.NewTopic == "":
		return " (removed from " + e.OldTopic + ")"
	default:
		return " (moved from " + e.OldTopic + " to " + e.NewTopic + ")"
	}
}

func quoteList(qs []string) string {
	out := ""
	for i, q := range qs {
		if i > 0 {
			out += ", "
		}
		out += strconv.Quote(q)
	}
	return out
}

func signed(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%+d", n)
}

func signedPoints(f float64) string {
	if f > -0.0005 && f < 0.0005 {
		return ""
	}
	return fmt.Sprintf("%+.1f", 100*f)
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

// diffJSON is what "diff --json" prints.
type diffJSON struct {
	Old      diffSideJSON           `json:"old"`
	New      diffSideJSON           `json:"new"`
	Examples []impact.ExampleChange `json:"examples"`
	// Tests is null when neither folder has a _tests.tsv.
	Tests *diffTestsJSON `json:"tests"`
	Lint  problemDelta   `json:"lint"`
	// Quality is null with --quality=false.
	Quality *problemDelta `json:"quality"`
	// Recorded is null without analytics.
	Recorded *recordedJSON `json:"recorded"`
}

type diffSideJSON struct {
	Dir     string `json:"dir"`
	Version string `json:"version"`
	Topics  int    `json:"topics"`
}

type diffTestsJSON struct {
	File    string           `json:"file"`
	Lines   int              `json:"lines"`
	Changes []testChangeJSON `json:"changes"`
	Old     testFigures      `json:"old"`
	New     testFigures      `json:"new"`
}

type testChangeJSON struct {
	Line    int            `json:"line"`
	Intent  string         `json:"intent"`
	Message string         `json:"message"`
	Old     impact.Outcome `json:"old"`
	New     impact.Outcome `json:"new"`
}

// testFigures are one version's figures on the labelled lines, as eval
// counts them.
type testFigures struct {
	InScope        int     `json:"in_scope"`
	Accuracy       float64 `json:"accuracy"`
	AnsweredRight  int     `json:"answered_right"`
	ClarifiedRight int     `json:"clarified_right"`
	WrongTopic     int     `json:"wrong_topic"`
	FellBack       int     `json:"fell_back"`
	OutOfScope     int     `json:"out_of_scope"`
	Rejected       int     `json:"rejected"`
}

func figuresOf(r bot.Report) testFigures {
	return testFigures{InScope: r.InScope, Accuracy: r.InScopeAccuracy(), AnsweredRight: r.AnsweredRight, ClarifiedRight: r.ClarifiedRight,
		WrongTopic: r.WrongTopic, FellBack: r.FellBack, OutOfScope: r.OutOfScope, Rejected: r.Rejected}
}

// problemDelta are problems added and removed, as file:line: problem;
// for lint --quality, with each folder's figures.
type problemDelta struct {
	Added   []string        `json:"added"`
	Removed []string        `json:"removed"`
	Old     *qualityFigures `json:"old,omitempty"`
	New     *qualityFigures `json:"new,omitempty"`
}

func problemDeltaOf(d *diffReport, old, new intents.Problems) problemDelta {
	added, removed := impact.LintDelta(old, new)
	pd := problemDelta{Added: []string{}, Removed: []string{}}
	for _, p := range added {
		pd.Added = append(pd.Added, prefixed(d.new.dir, p))
	}
	for _, p := range removed {
		pd.Removed = append(pd.Removed, prefixed(d.old.dir, p))
	}
	return pd
}

type recordedJSON struct {
	Since         time.Time `json:"since"`
	ChangedShare  float64   `json:"changed_share"`
	AnsweredShare float64   `json:"answered_share"`
	impact.Result
	Summary impact.Summary `json:"summary"`
}

// writeDiffJSON prints a diff for machines.
func writeDiffJSON(w io.Writer, d *diffReport) error {
	side := func(s *diffSide) diffSideJSON {
		k := s.version.Knowledge
		return diffSideJSON{Dir: s.dir, Version: k.Version, Topics: len(k.Intents)}
	}
	out := diffJSON{Old: side(d.old), New: side(d.new), Examples: d.examples, Lint: problemDeltaOf(d, d.old.problems, d.new.problems)}
	if out.Examples == nil {
		out.Examples = []impact.ExampleChange{}
	}
	for i := range out.Examples {
		e := &out.Examples[i]
		dir := d.new.dir
		if e.NewTopic == "" {
			dir = d.old.dir
		}
		e.File = filepath.Join(dir, e.File)
	}
	if d.testsDir != "" {
		t := &diffTestsJSON{File: filepath.Join(d.testsDir, intents.TestsFile), Lines: len(d.tests.Old.Results),
			Changes: []testChangeJSON{}, Old: figuresOf(d.tests.Old), New: figuresOf(d.tests.New)}
		for _, c := range d.tests.Changes {
			t.Changes = append(t.Changes, testChangeJSON{Line: c.Line, Intent: c.Intent, Message: c.Message, Old: c.Old, New: c.New})
		}
		out.Tests = t
	}
	if d.quality {
		q := problemDeltaOf(d, d.old.quality, d.new.quality)
		o, n := qualityOf(d.old.measured), qualityOf(d.new.measured)
		q.Old, q.New = &o, &n
		out.Quality = &q
	}
	if rec := d.recorded; rec != nil {
		r := rec.result
		if r.Changes == nil {
			r.Changes = []impact.Change{}
		}
		out.Recorded = &recordedJSON{Since: rec.since, ChangedShare: r.ChangedShare(), AnsweredShare: r.AnsweredShare(), Result: r, Summary: rec.summary}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
