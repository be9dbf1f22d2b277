package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

func (a *app) evalCommand() *cobra.Command {
	var data string
	var maxConfusions int
	var asJSON bool
	var minAccuracy, minRejection float64
	cmd := &cobra.Command{
		Use:   "eval [--data FILE.tsv]",
		Short: "Measure matching on labelled messages (intent<TAB>message, none = out of scope)",
		Long: "eval answers labelled messages (a header line, then intent<TAB>message lines;\n" +
			"none = out of scope) and reports, for the in-scope ones, the share whose top\n" +
			"candidate is the right topic (the in-scope accuracy), and how many were answered\n" +
			"right, clarified with the right topic first, given a wrong topic (answered or\n" +
			"clarified first), or fell back; for the out-of-scope ones, the share rejected.\n" +
			"Without --data, it reads the knowledge folder's _tests.tsv.\n\n" +
			"--min-accuracy and --min-rejection make it exit 1 below them, for the CI of a\n" +
			"knowledge repository; --min-rejection is --min-accuracy unless given.",
		Example: "  helpdeskbot eval --knowledge ./knowledge --min-accuracy 0.9\n" +
			"  helpdeskbot eval --data testdata/eval/dev.tsv --json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("min-rejection") {
				minRejection = minAccuracy
			}
			for _, m := range []struct {
				flag string
				v    float64
			}{{"--min-accuracy", minAccuracy}, {"--min-rejection", minRejection}} {
				if m.v < 0 || m.v > 1 {
					return exitError{code: exitUsage, err: fmt.Errorf("eval: %s must be between 0 and 1", m.flag)}
				}
			}
			name, cases, err := a.evalCases(data)
			if err != nil {
				return err
			}
			start := time.Now()
			b, err := a.newBot()
			if err != nil {
				return err
			}
			build := time.Since(start)
			warmUp(cmd.Context(), b, cases)
			rep := bot.Evaluate(cmd.Context(), b, cases)
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(newEvalSummary(name, len(b.Topics()), build, rep)); err != nil {
					return exitError{code: exitFailure, err: fmt.Errorf("eval: %w", err)}
				}
			} else {
				writeReport(a.stdout, rep, maxConfusions)
			}
			return belowMinimum(rep, minAccuracy, minRejection)
		},
	}
	f := cmd.Flags()
	f.StringVar(&data, "data", "", "labelled messages: a header line, then intent<TAB>message lines (default: the knowledge folder's _tests.tsv)")
	f.IntVar(&maxConfusions, "confusions", 10, "how many of the most confused pairs to list")
	f.BoolVar(&asJSON, "json", false, "print the figures as JSON")
	f.Float64Var(&minAccuracy, "min-accuracy", 0, "exit 1 if the in-scope accuracy is below this share (0 to 1)")
	f.Float64Var(&minRejection, "min-rejection", 0, "exit 1 if the share of out-of-scope lines rejected is below this (0 to 1; default: --min-accuracy)")
	return cmd
}

// evalCases reads the labelled messages of data or, when data is empty,
// the _tests.tsv of the knowledge folder in use (the built-in one too),
// and returns their name for reports.
func (a *app) evalCases(data string) (string, []bot.Case, error) {
	if data != "" {
		cases, err := readCasesFile(data)
		if err != nil {
			return "", nil, exitError{code: exitFailure, err: fmt.Errorf("eval: %w", err)}
		}
		return data, cases, nil
	}
	fsys, folder := a.knowledgeFS()
	name := intents.TestsFile
	if a.cfg.Knowledge != "" {
		name = filepath.Join(a.cfg.Knowledge, intents.TestsFile)
	}
	raw, err := intents.ReadFile(fsys, intents.TestsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, exitError{code: exitUsage, err: fmt.Errorf("eval: %s has no %s: give --data FILE.tsv", folder, intents.TestsFile)}
	}
	if err != nil {
		return "", nil, exitError{code: exitFailure, err: fmt.Errorf("eval: %w", err)}
	}
	cases, err := bot.ReadCases(bytes.NewReader(raw), name)
	if err != nil {
		return "", nil, exitError{code: exitFailure, err: fmt.Errorf("eval: %w", err)}
	}
	return name, cases, nil
}

// readCasesFile reads a file of labelled messages.
func readCasesFile(name string) ([]bot.Case, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return bot.ReadCases(f, name)
}

// warmUp answers every message once, untimed, so that what the process
// loads once, on first use (word lists), is not counted as time per
// message. The bot keeps nothing from one answer to the next.
func warmUp(ctx context.Context, b *bot.Bot, cases []bot.Case) {
	for _, c := range cases {
		b.Answer(ctx, bot.Message{Text: c.Message, Adapter: "eval"})
	}
}

// belowMinimum fails with exit 1 when a measured share is below its
// minimum, naming every one that is.
func belowMinimum(rep bot.Report, minAccuracy, minRejection float64) error {
	var below []string
	if rep.InScope > 0 && rep.InScopeAccuracy() < minAccuracy {
		below = append(below, fmt.Sprintf("in-scope accuracy %.1f%% is below --min-accuracy %.1f%%", 100*rep.InScopeAccuracy(), 100*minAccuracy))
	}
	if rep.OutOfScope > 0 && rep.RejectionRate() < minRejection {
		below = append(below, fmt.Sprintf("out-of-scope rejection %.1f%% is below --min-rejection %.1f%%", 100*rep.RejectionRate(), 100*minRejection))
	}
	if len(below) == 0 {
		return nil
	}
	return exitError{code: exitFailure, err: fmt.Errorf("eval: %s", strings.Join(below, "; "))}
}

// evalSummary is what "eval --json" prints.
type evalSummary struct {
	Data   string `json:"data"`
	Topics int    `json:"topics"`
	// InScope are the figures of the lines labelled with an intent.
	InScope struct {
		Messages int `json:"messages"`
		// Accuracy is the share whose top candidate is right.
		Accuracy       float64 `json:"accuracy"`
		TopRight       int     `json:"top_right"`
		AnsweredRate   float64 `json:"answered_rate"`
		AnsweredRight  int     `json:"answered_right"`
		ClarifiedRight int     `json:"clarified_right"`
		WrongTopic     int     `json:"wrong_topic"`
		FellBack       int     `json:"fell_back"`
	} `json:"in_scope"`
	OutOfScope struct {
		Messages  int     `json:"messages"`
		Rejected  int     `json:"rejected"`
		Rejection float64 `json:"rejection"`
	} `json:"out_of_scope"`
	// Reasons count the lines by the reason of their decision.
	Reasons []evalReason `json:"reasons"`
	// MicrosPerMessage is the mean time to answer one message.
	MicrosPerMessage float64 `json:"us_per_message"`
	// BuildMillis is the time to load the knowledge and build the matcher.
	BuildMillis float64 `json:"build_ms"`
}

// evalReason is one reason's line counts in "eval --json".
type evalReason struct {
	Reason       string `json:"reason"`
	InScope      int    `json:"in_scope"`
	InScopeRight int    `json:"in_scope_right"`
	OutOfScope   int    `json:"out_of_scope"`
}

func newEvalSummary(data string, topics int, build time.Duration, rep bot.Report) evalSummary {
	s := evalSummary{Data: data, Topics: topics}
	s.InScope.Messages = rep.InScope
	s.InScope.Accuracy = rep.InScopeAccuracy()
	s.InScope.TopRight = rep.TopRight
	s.InScope.AnsweredRate = rep.AnsweredRate()
	s.InScope.AnsweredRight = rep.AnsweredRight
	s.InScope.ClarifiedRight = rep.ClarifiedRight
	s.InScope.WrongTopic = rep.WrongTopic
	s.InScope.FellBack = rep.FellBack
	s.OutOfScope.Messages = rep.OutOfScope
	s.OutOfScope.Rejected = rep.Rejected
	s.OutOfScope.Rejection = rep.RejectionRate()
	s.Reasons = []evalReason{}
	for _, rc := range rep.ByReason() {
		s.Reasons = append(s.Reasons, evalReason{Reason: string(rc.Reason), InScope: rc.InScope, InScopeRight: rc.InScopeRight, OutOfScope: rc.OutOfScope})
	}
	s.MicrosPerMessage = float64(rep.MeanLatency().Nanoseconds()) / 1e3
	s.BuildMillis = float64(build.Microseconds()) / 1e3
	return s
}

func writeReport(w io.Writer, rep bot.Report, maxConfusions int) {
	share := func(n int) float64 { return 100 * float64(n) / float64(max(rep.InScope, 1)) }
	fmt.Fprintf(w, "in-scope accuracy:        %5.1f%%  (%d/%d: the top candidate is the right topic)\n", 100*rep.InScopeAccuracy(), rep.TopRight, rep.InScope)
	fmt.Fprintf(w, "  answered right:         %5.1f%%  (%d)\n", share(rep.AnsweredRight), rep.AnsweredRight)
	fmt.Fprintf(w, "  clarified, right first: %5.1f%%  (%d)\n", share(rep.ClarifiedRight), rep.ClarifiedRight)
	fmt.Fprintf(w, "  wrong topic:            %5.1f%%  (%d)\n", share(rep.WrongTopic), rep.WrongTopic)
	fmt.Fprintf(w, "  fell back:              %5.1f%%  (%d)\n", share(rep.FellBack), rep.FellBack)
	fmt.Fprintf(w, "out-of-scope rejected:    %5.1f%%  (%d/%d)\n", 100*rep.RejectionRate(), rep.Rejected, rep.OutOfScope)
	fmt.Fprintf(w, "time per message:         %.1f µs (mean, after a warm-up pass)\n\n", float64(rep.MeanLatency().Nanoseconds())/1e3)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "decided because\tin scope\tof them right\tout of scope\t")
	for _, rc := range rep.ByReason() {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", rc.Reason, rc.InScope, rc.InScopeRight, rc.OutOfScope)
	}
	tw.Flush()
	fmt.Fprintln(w)

	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "intent\tprecision\trecall\texpected\tpredicted\t")
	for _, s := range rep.Intents {
		note := ""
		if s.UnknownToTheKnowledge {
			note = "not an intent of this knowledge"
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%d\t%d\t%s\n", s.Intent, s.Precision, s.Recall, s.Expected, s.Predicted, note)
	}
	tw.Flush()

	if len(rep.Confusions) > 0 {
		fmt.Fprintln(w, "\nmost confused (expected -> got):")
		for i, c := range rep.Confusions {
			if i == maxConfusions {
				break
			}
			fmt.Fprintf(w, "  %3d  %s -> %s\n", c.Count, c.Expected, c.Got)
		}
	}
	if wrong := rep.Wrong(); len(wrong) > 0 {
		fmt.Fprintf(w, "\nwrong (%d):\n", len(wrong))
		for _, r := range wrong {
			fmt.Fprintf(w, "  line %d: expected %s, got %s (%s %.2f): %s\n", r.Line, r.Intent, r.Got, r.Outcome, r.Confidence, r.Message)
		}
	}
}
