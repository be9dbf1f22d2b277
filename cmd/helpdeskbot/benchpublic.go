package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// benchSet is one public data set: its files and their format.
type benchSet struct {
	Name, Format string
	Train, Test  string // Test is empty when Train holds its own split
	// PerTopic, when more than 0, keeps only the first PerTopic training
	// sentences of each intent (out-of-scope ones all).
	PerTopic int
}

// fewExamples is the number of training sentences per intent of the
// second row each data set with more gets: how matching does when an admin
// writes a few dozen examples, not a hundred.
const fewExamples = 25

// benchRow is what one data set measured.
type benchRow struct {
	Set    benchSet
	Plan   importPlan
	Report bot.Report
	Topics int
	Build  time.Duration
}

func (a *app) benchPublicCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "bench-public DIR",
		Short:   "Import each intent data set in DIR and measure matching on its held-out sentences",
		Long:    "bench-public imports each data set in DIR (X-train.csv with X-test.csv; JSON with a split; Rasa .yml) into a temporary knowledge folder, as \"import\" does, and evaluates its held-out sentences with the configured thresholds.",
		Example: "  helpdeskbot bench-public ../shared/eval/public",
		Hidden:  true,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			sets, err := findBenchSets(dir)
			if errors.Is(err, os.ErrNotExist) {
				fmt.Fprintf(a.stdout, "bench-public: %s not found; skipped (the public data sets are not part of the project)\n", dir)
				return nil
			}
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("bench-public: %w", err)}
			}
			tmp, err := os.MkdirTemp("", "helpdeskbot-bench-")
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("bench-public: %w", err)}
			}
			defer os.RemoveAll(tmp)
			var rows []benchRow
			var few []benchSet
			for _, s := range sets {
				few = append(few, s)
				if most, err := mostPerIntent(s); err == nil && most > fewExamples {
					s.Name += fmt.Sprintf(" (%d per topic)", fewExamples)
					s.PerTopic = fewExamples
					few = append(few, s)
				}
			}
			sets = few
			for i, s := range sets {
				row, err := a.benchOne(cmd, s, filepath.Join(tmp, fmt.Sprint(i)))
				if err != nil {
					return exitError{code: exitFailure, err: fmt.Errorf("bench-public: %s: %w", s.Name, err)}
				}
				rows = append(rows, row)
			}
			writeBenchTable(a.stdout, fmt.Sprintf("%s, thresholds %+v", dir, a.cfg.Match), rows)
			return nil
		},
	}
}

// findBenchSets lists the data sets of dir, by name.
func findBenchSets(dir string) ([]benchSet, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var sets []benchSet
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		switch ext := filepath.Ext(name); {
		case e.IsDir():
		case strings.HasSuffix(name, "-train.csv"):
			base := strings.TrimSuffix(name, "-train.csv")
			test := filepath.Join(dir, base+"-test.csv")
			if _, err := os.Stat(test); err != nil {
				test = ""
			}
			sets = append(sets, benchSet{Name: base, Format: "csv", Train: path, Test: test})
		case ext == ".json":
			sets = append(sets, benchSet{Name: strings.TrimSuffix(name, ext), Format: "json", Train: path})
		case ext == ".yml" || ext == ".yaml":
			sets = append(sets, benchSet{Name: strings.TrimSuffix(name, ext), Format: "rasa", Train: path})
		}
	}
	slices.SortFunc(sets, func(a, b benchSet) int { return strings.Compare(a.Name, b.Name) })
	return sets, nil
}

// mostPerIntent is the largest number of training sentences of one
// intent in s.
func mostPerIntent(s benchSet) (int, error) {
	ds, err := readFile(s.Format, s.Train)
	if err != nil {
		return 0, err
	}
	count := map[string]int{}
	most := 0
	for _, t := range ds.Sentences {
		if t.Part == partTrain && !isOutOfScopeLabel(t.Label) {
			count[t.Label]++
			most = max(most, count[t.Label])
		}
	}
	return most, nil
}

// benchOne imports one data set into dir and evaluates it.
func (a *app) benchOne(cmd *cobra.Command, s benchSet, dir string) (benchRow, error) {
	row := benchRow{Set: s}
	ds, err := readFile(s.Format, s.Train)
	if err != nil {
		return row, err
	}
	if s.PerTopic > 0 {
		kept := ds.Sentences[:0]
		count := map[string]int{}
		for _, t := range ds.Sentences {
			if t.Part == partTrain && !isOutOfScopeLabel(t.Label) {
				if count[t.Label]++; count[t.Label] > s.PerTopic {
					continue
				}
			}
			kept = append(kept, t)
		}
		ds.Sentences = kept
	}
	if s.Test != "" {
		test, err := readFile(s.Format, s.Test)
		if err != nil {
			return row, err
		}
		for _, t := range test.Sentences {
			t.Part = partTest
			ds.Sentences = append(ds.Sentences, t)
		}
	}
	row.Plan = planImport(ds, "train")
	if len(row.Plan.Topics) == 0 {
		return row, fmt.Errorf("no intent with at least %d distinct examples", importMinExamples)
	}
	tests := filepath.Join(dir, intents.TestsFile)
	if err := writeFolder(row.Plan, dir, tests); err != nil {
		return row, err
	}
	sub := *a
	sub.cfg.Knowledge = dir
	sub.stderr = io.Discard
	start := time.Now()
	b, err := sub.newBot()
	if err != nil {
		return row, fmt.Errorf("the imported folder does not load: %w", err)
	}
	row.Build = time.Since(start)
	row.Topics = len(b.Topics())
	if len(row.Plan.Tests) == 0 {
		return row, nil
	}
	cases, err := readCasesFile(tests)
	if err != nil {
		return row, err
	}
	warmUp(cmd.Context(), b, cases)
	row.Report = bot.Evaluate(cmd.Context(), b, cases)
	return row, nil
}

// writeBenchTable prints one row per data set, and notes on what import
// left out; title says where the sets are and how they were matched.
func writeBenchTable(w io.Writer, title string, rows []benchRow) {
	pct := func(n, of int) string {
		if of == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
	}
	fmt.Fprintf(w, "public intent data sets in %s\n", title)
	fmt.Fprintf(w, "in-scope = the top candidate is right; answered = answered directly with the right topic\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	width := len("data set")
	for _, r := range rows {
		width = max(width, len(r.Set.Name))
	}
	// The table is right-aligned; padding the names aligns them left.
	fmt.Fprintf(tw, "%-*s\ttopics\texamples\ttests\tin-scope\tanswered\tclarified\twrong\tfell back\tout-of-scope rejected\tµs/message\tbuild ms\t\n", width, "data set")
	for _, r := range rows {
		rep := r.Report
		micros := "-"
		if len(rep.Results) > 0 {
			micros = fmt.Sprintf("%.1f", float64(rep.MeanLatency().Nanoseconds())/1e3)
		}
		fmt.Fprintf(tw, "%-*s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t\n",
			width, r.Set.Name, r.Topics, r.Plan.Examples-len(r.Plan.OutOfScope), len(rep.Results),
			pct(rep.TopRight, rep.InScope), pct(rep.AnsweredRight, rep.InScope), pct(rep.ClarifiedRight, rep.InScope),
			pct(rep.WrongTopic, rep.InScope), pct(rep.FellBack, rep.InScope), pct(rep.Rejected, rep.OutOfScope),
			micros, float64(r.Build.Microseconds())/1e3)
	}
	tw.Flush()
	var notes []string
	for _, r := range rows {
		p := r.Plan
		if len(p.Tests) == 0 {
			notes = append(notes, fmt.Sprintf("%s: no held-out sentences to measure", r.Set.Name))
		}
		if len(p.TooFew) > 0 {
			names := make([]string, len(p.TooFew))
			for i, t := range p.TooFew {
				names[i] = fmt.Sprintf("%s (%d)", t.Label, t.Examples)
			}
			notes = append(notes, fmt.Sprintf("%s: left out %s with fewer than %d training examples, and their %s: %s",
				r.Set.Name, plural(len(p.TooFew), "intent"), importMinExamples, plural(p.DroppedTests, "test"), strings.Join(names, ", ")))
		}
		if p.TooFewOutOfScope > 0 {
			notes = append(notes, fmt.Sprintf("%s: only %d out-of-scope training examples: no %s", r.Set.Name, p.TooFewOutOfScope, intents.OutOfScopeFile))
		}
		if len(p.Shared) > 0 {
			notes = append(notes, fmt.Sprintf("%s: %s under two intents left out", r.Set.Name, plural(len(p.Shared), "training sentence")))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range notes {
			fmt.Fprintln(w, n)
		}
	}
}
