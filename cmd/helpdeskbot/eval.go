package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

func (a *app) evalCommand() *cobra.Command {
	var data string
	var maxConfusions int
	cmd := &cobra.Command{
		Use:   "eval --data FILE.tsv",
		Short: "Measure matching on labelled messages (intent<TAB>message, none = out of scope)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return exitError{code: exitUsage, err: fmt.Errorf("eval: --data FILE.tsv is required")}
			}
			f, err := os.Open(data)
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("eval: %w", err)}
			}
			defer f.Close()
			cases, err := bot.ReadCases(f, data)
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("eval: %w", err)}
			}
			b, err := a.newBot()
			if err != nil {
				return err
			}
			rep := bot.Evaluate(cmd.Context(), b, cases)
			writeReport(a.stdout, rep, maxConfusions)
			return nil
		},
	}
	cmd.Flags().StringVar(&data, "data", "", "labelled messages: a header line, then intent<TAB>message lines")
	cmd.Flags().IntVar(&maxConfusions, "confusions", 10, "how many of the most confused pairs to list")
	return cmd
}

func writeReport(w io.Writer, rep bot.Report, maxConfusions int) {
	fmt.Fprintf(w, "in-scope accuracy:     %5.1f%%  (%d/%d)\n", 100*rep.InScopeAccuracy(), rep.InScopeCorrect, rep.InScope)
	fmt.Fprintf(w, "out-of-scope rejected: %5.1f%%  (%d/%d)\n\n", 100*rep.RejectionRate(), rep.Rejected, rep.OutOfScope)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
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
