package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// diffSample is how many changed recorded questions diff shows.
const diffSample = 10

func (a *app) diffCommand() *cobra.Command {
	var since string
	var asJSON, quality bool
	var failOnChange float64
	cmd := &cobra.Command{
		Use:   "diff OLD_DIR NEW_DIR",
		Short: "Show what an edit of the knowledge changes: examples, _tests.tsv lines, lint, accuracy, recorded questions",
		Long: "diff answers with both knowledge folders, as the bot would, and prints what\n" +
			"the edit changes: each example of either folder and each _tests.tsv line whose\n" +
			"outcome (answered, clarify, fallback, out of scope) or topic changes; the lint\n" +
			"problems and lint --quality warnings added and removed; the _tests.tsv figures\n" +
			"of each folder (NEW_DIR's _tests.tsv, or OLD_DIR's when it has none); and, with\n" +
			"analytics configured, the recorded questions of the last --since whose outcome\n" +
			"or topic would change: counts per topic and a redacted sample.\n\n" +
			"It exits 0, or 1 with --fail-on-change SHARE when more than that share of the\n" +
			"recorded questions changes; a missing or broken folder exits 2.",
		Example: "  helpdeskbot diff /srv/helpdesk/knowledge ./knowledge --since 7d\n" +
			"  helpdeskbot diff ./knowledge ./draft --fail-on-change 0.1   # in a knowledge repository's CI",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			window, err := parseWindow(since)
			if err != nil {
				return exitError{code: exitUsage, err: fmt.Errorf("diff: --since: %w", err)}
			}
			if failOnChange < 0 || failOnChange > 1 {
				return exitError{code: exitUsage, err: errors.New("diff: --fail-on-change must be between 0 and 1")}
			}
			failing := cmd.Flags().Changed("fail-on-change")
			if failing && !a.cfg.Analytics.Enabled() {
				return exitError{code: exitUsage, err: errors.New("diff: --fail-on-change counts recorded questions: set analytics.path or analytics.postgres_url")}
			}
			d, err := a.diff(cmd.Context(), args[0], args[1], quality, window, since)
			if err != nil {
				return err
			}
			if asJSON {
				err = writeDiffJSON(a.stdout, d)
			} else {
				err = writeDiffText(a.stdout, d)
			}
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("diff: %w", err)}
			}
			if rec := d.recorded; failing && rec != nil && rec.result.ChangedShare() > failOnChange {
				return exitError{code: exitFailure, err: fmt.Errorf("diff: %.1f%% of the recorded questions change, more than --fail-on-change %.1f%%",
					100*rec.result.ChangedShare(), 100*failOnChange)}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&since, "since", "7d", "how far back to read recorded questions: 7d, 24h, 30m")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	f.BoolVar(&quality, "quality", true, "also compare the lint --quality warnings (--quality=false to skip; it takes seconds on large folders)")
	f.Float64Var(&failOnChange, "fail-on-change", 0, "exit 1 when more than this share (0 to 1) of the recorded questions changes; needs analytics")
	return cmd
}

// diffSide is one folder of a diff, loaded and linted.
type diffSide struct {
	dir     string
	version impact.Version
	// problems are lint's (warnings only: a folder with errors stops diff);
	// quality the lint --quality warnings, when asked for.
	problems, quality intents.Problems
	// measured is what lint --quality measured, when asked for.
	measured intents.Quality
	// cases are the folder's _tests.tsv, nil without one.
	cases []bot.Case
}

// diffReport is everything diff found.
type diffReport struct {
	old, new *diffSide
	examples []impact.ExampleChange
	// testsDir is the folder whose _tests.tsv was used; empty when neither
	// has one.
	testsDir string
	tests    impact.Tests
	quality  bool
	recorded *recordedDiff
}

// recordedDiff is the comparison on the recorded questions.
type recordedDiff struct {
	since   time.Time
	window  string
	result  impact.Result
	summary impact.Summary
}

// diff compares the folders; window (written as --since was, since) is
// the period of the recorded questions.
func (a *app) diff(ctx context.Context, oldDir, newDir string, quality bool, window time.Duration, since string) (*diffReport, error) {
	// Both folders are read (and measured) at once: lint --quality takes
	// seconds on a large folder.
	sides := [2]*diffSide{}
	errs := [2]error{}
	var wg sync.WaitGroup
	for i, dir := range []string{oldDir, newDir} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sides[i], errs[i] = a.loadDiffSide(dir, quality)
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		// Each problem on its own line, as file:line: problem.
		var broken []string
		for i, err := range errs {
			if err != nil {
				fmt.Fprintln(a.stderr, err)
				broken = append(broken, []string{oldDir, newDir}[i])
			}
		}
		return nil, exitError{code: exitUsage, err: fmt.Errorf("diff: %s cannot be compared", strings.Join(broken, " and "))}
	}
	d := &diffReport{old: sides[0], new: sides[1], quality: quality}
	d.examples = impact.Examples(ctx, d.old.version, d.new.version)
	cases, from := d.new.cases, d.new.dir
	if cases == nil {
		cases, from = d.old.cases, d.old.dir
	}
	if cases != nil {
		d.testsDir = from
		d.tests = impact.CompareTests(ctx, d.old.version.Bot, d.new.version.Bot, cases)
	}
	if a.cfg.Analytics.Enabled() {
		rec, err := a.recordedDiff(ctx, d, window, since)
		if err != nil {
			return nil, err
		}
		d.recorded = rec
	}
	return d, nil
}

// loadDiffSide loads, lints and reads the tests of one folder. A folder
// that is missing or has lint errors is an error naming each problem as
// file:line: problem.
func (a *app) loadDiffSide(dir string, quality bool) (*diffSide, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, problemsError{dir + ": not a folder"}
	}
	fsys := intents.Dir(dir)
	k, ix, problems := lintIndex(fsys, time.Now())
	if problems.HasErrors() {
		var pe problemsError
		for _, p := range problems {
			if p.Severity == intents.Error {
				pe = append(pe, prefixed(dir, p))
			}
		}
		return nil, pe
	}
	s := &diffSide{dir: dir, problems: problems}
	if s.version, err = impact.VersionOf(ix, a.cfg.Match); err != nil {
		return nil, err
	}
	if quality {
		s.measured = checkQuality(k)
		s.quality = s.measured.Problems(k)
	}
	data, err := intents.ReadFile(fsys, intents.TestsFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, intents.TestsFile), err)
	default:
		if s.cases, err = bot.ReadCases(bytes.NewReader(data), filepath.Join(dir, intents.TestsFile)); err != nil {
			return nil, err
		}
		if s.cases == nil {
			s.cases = []bot.Case{}
		}
	}
	return s, nil
}

// problemsError is a folder's lint errors, each as file:line: problem.
type problemsError []string

func (e problemsError) Error() string { return strings.Join(e, "\n") }

// recordedDiff compares the versions on the newest recorded questions of
// the window.
func (a *app) recordedDiff(ctx context.Context, d *diffReport, window time.Duration, windowText string) (*recordedDiff, error) {
	store, err := a.cfg.Analytics.open(ctx)
	if err != nil {
		return nil, exitError{code: exitFailure, err: fmt.Errorf("diff: %w", err)}
	}
	defer store.Close()
	lister, ok := store.(analytics.QuestionLister)
	if !ok {
		return nil, exitError{code: exitFailure, err: errors.New("diff: the analytics store cannot list recorded questions")}
	}
	from := time.Now().Add(-window)
	turns, err := lister.Questions(ctx, from, impact.DefaultRecent)
	if err != nil {
		return nil, exitError{code: exitFailure, err: fmt.Errorf("diff: %w", err)}
	}
	r := impact.Compare(ctx, d.old.version.Bot, d.new.version.Bot, impact.QuestionsOf(turns))
	return &recordedDiff{since: from.UTC(), window: windowText, result: r, summary: impact.Summarize(r, diffSample)}, nil
}
