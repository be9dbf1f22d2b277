package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/console"
)

func (a *app) reportCommand() *cobra.Command {
	var since, htmlFile string
	var asJSON, asCSV bool
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Report on recorded conversations: volume, fallbacks, unanswered questions, 👎, low confidence",
		Example: "  helpdeskbot --config helpdeskbot.yaml report --since 7d\n" +
			"  helpdeskbot --config helpdeskbot.yaml report --since 30d --csv > report.csv\n" +
			"  helpdeskbot --config helpdeskbot.yaml report --since 30d --html report.html",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			window, err := parseWindow(since)
			if err != nil {
				return exitError{code: exitUsage, err: fmt.Errorf("report: --since: %w", err)}
			}
			store, err := a.openAnalytics(cmd)
			if err != nil {
				return err
			}
			defer store.Close()
			b, err := a.newBot()
			if err != nil {
				return err
			}
			rep, err := analytics.BuildReport(cmd.Context(), store, b.Matcher(), time.Now().Add(-window))
			if err != nil {
				return exitError{code: exitFailure, err: err}
			}
			switch {
			case htmlFile != "":
				return writeReportHTML(htmlFile, rep, since)
			case asJSON:
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			case asCSV:
				return writeReportCSV(a.stdout, rep)
			}
			writeReportText(a.stdout, rep)
			return nil
		},
	}
	cmd.Flags().StringVar(&since, "since", "7d", "how far back: 7d, 24h, 30m")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&asCSV, "csv", false, "print CSV (section, name, value, detail)")
	cmd.Flags().StringVar(&htmlFile, "html", "", "write the console's report page, with its charts, to this file (one page, no external assets)")
	cmd.MarkFlagsMutuallyExclusive("json", "csv", "html")
	return cmd
}

// writeReportHTML writes the report page to path, through a temporary file
// beside it, so that a failed write leaves no half page.
func writeReportHTML(path string, rep analytics.Report, since string) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".report-*.html")
	if err != nil {
		return exitError{code: exitFailure, err: fmt.Errorf("report: --html: %w", err)}
	}
	defer os.Remove(f.Name())
	err = console.WriteReport(f, rep, since, time.Now())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		return exitError{code: exitFailure, err: fmt.Errorf("report: --html: %w", err)}
	}
	return nil
}

func (a *app) analyticsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "analytics", Short: "Manage recorded conversations",
		Example: "  helpdeskbot --config helpdeskbot.yaml analytics purge --user U0123ABCD --adapter slack"}
	var user, adapter string
	purge := &cobra.Command{
		Use:     "purge --user ID --adapter slack|discord|http",
		Short:   "Delete one person's recorded turns and feedback (a data-subject request)",
		Example: "  helpdeskbot --config helpdeskbot.yaml analytics purge --user U0123ABCD --adapter slack",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if user == "" || adapter == "" {
				return exitError{code: exitUsage, err: errors.New("analytics purge: --user and --adapter are required")}
			}
			store, err := a.openAnalytics(cmd)
			if err != nil {
				return err
			}
			defer store.Close()
			n, err := store.DeleteUser(cmd.Context(), analytics.HashUser([]byte(a.cfg.Log.UserHashKey), adapter, user))
			if err != nil {
				return exitError{code: exitFailure, err: err}
			}
			fmt.Fprintf(a.stdout, "deleted %d records\n", n)
			if n == 0 {
				fmt.Fprintln(a.stdout, "nothing is recorded for this person under the current log.user_hash_key: "+
					"if the key was different when the turns were recorded, purge again with that key; "+
					"records older than analytics.retention_days are already gone")
			}
			return nil
		},
	}
	purge.Flags().StringVar(&user, "user", "", "the person's id on the platform")
	purge.Flags().StringVar(&adapter, "adapter", "", "the platform: slack, discord or http")
	cmd.AddCommand(purge)
	return cmd
}

func (a *app) openAnalytics(cmd *cobra.Command) (analytics.Store, error) {
	if !a.cfg.Analytics.Enabled() {
		return nil, configError{errors.New("analytics.path: required (HELPDESK_ANALYTICS_PATH), or analytics.postgres_url")}
	}
	store, err := a.cfg.Analytics.open(cmd.Context())
	if err != nil {
		return nil, exitError{code: exitFailure, err: err}
	}
	return store, nil
}

// parseWindow reads durations like 7d, 24h or 90m.
func parseWindow(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("%q is not like 7d, 24h or 90m", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not like 7d, 24h or 90m", s)
	}
	return d, nil
}

func writeReportText(w io.Writer, r analytics.Report) {
	fmt.Fprintf(w, "since %s: %d turns, %d fell back (%.1f%%)\n\n", r.Since.Format(time.RFC3339), r.Turns, r.Fallback, 100*r.FallbackRate)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "intent\tturns\t")
	for _, c := range r.ByIntent {
		fmt.Fprintf(tw, "%s\t%d\t\n", c.Name, c.N)
	}
	fmt.Fprintln(tw, "\t\t")
	fmt.Fprintln(tw, "adapter\tturns\t")
	for _, c := range r.ByAdapter {
		fmt.Fprintf(tw, "%s\t%d\t\n", c.Name, c.N)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nunanswered questions, grouped by wording (%d groups):\n", len(r.Unanswered))
	if c := r.ClusterCaps; c != nil {
		if c.Grouped > 0 {
			fmt.Fprintf(w, "  (only the newest %d of %d unanswered turns were grouped)\n", c.Grouped, c.Of)
		}
		if c.Cut > 0 {
			fmt.Fprintf(w, "  (%d questions were grouped by their first %d characters)\n", c.Cut, c.QuestionChars)
		}
		if c.Crowded > 0 {
			fmt.Fprintf(w, "  (%d questions shared their rarest words with too many groups, were compared with %d of them only and started their own)\n", c.Crowded, c.Compared)
		}
	}
	for _, c := range r.Unanswered {
		fmt.Fprintf(w, "  %4d  closest: %s\n", c.Size, c.Closest)
		for _, ex := range c.Examples {
			fmt.Fprintf(w, "        %q\n", ex)
		}
	}
	if len(r.Disliked) > 0 {
		fmt.Fprintln(w, "\nintents with 👎:")
		for _, v := range r.Disliked {
			fmt.Fprintf(w, "  %-24s %d 👎  %d 👍\n", v.Intent, v.Down, v.Up)
		}
	}
	if len(r.DislikedTurns) > 0 {
		fmt.Fprintln(w, "\nquestions whose answers got 👎:")
		for _, t := range r.DislikedTurns {
			fmt.Fprintf(w, "  %-24s %q\n", t.Intent, t.Text)
		}
	}
	if len(r.LowConfidence) > 0 {
		fmt.Fprintln(w, "\nanswered with low confidence:")
		for _, t := range r.LowConfidence {
			fmt.Fprintf(w, "  %.2f  %-24s %q\n", t.Confidence, t.Intent, t.Text)
		}
	}
	if len(r.Handoffs) > 0 {
		fmt.Fprintln(w, "\npeople called in, by the topic answered before and the reason:")
		for _, h := range r.Handoffs {
			fmt.Fprintf(w, "  %4d  %-24s %s\n", h.N, handoffTopicName(h.Topic), h.Reason)
		}
	}
}

// handoffTopicName is a handoff's topic before, or "(none)".
func handoffTopicName(topic string) string {
	if topic == "" {
		return "(none)"
	}
	return topic
}
