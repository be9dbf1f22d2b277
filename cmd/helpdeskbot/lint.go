package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

func (a *app) lintCommand() *cobra.Command {
	var quality, strict bool
	cmd := &cobra.Command{
		Use:   "lint [DIR]",
		Short: "Check a knowledge folder and print file:line: problem for each mistake",
		Long: "lint checks a knowledge folder (DIR, or the configured one) and prints one\n" +
			"\"file:line: problem\" line per mistake. It exits 1 when there are errors;\n" +
			"warnings are printed but do not fail, unless --strict.\n\n" +
			"--quality also measures how well the examples match: each example held out of\n" +
			"the index must still match its own intent, examples close to two intents mark a\n" +
			"confusable pair, and misspelt examples must still match (share per intent).",
		Example: "  helpdeskbot lint ./knowledge\n" +
			"  helpdeskbot lint --quality --strict ./knowledge",
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: folders,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := a.cfg.Knowledge
			if len(args) == 1 {
				dir = args[0]
				st, err := os.Stat(dir)
				if err != nil || !st.IsDir() {
					return exitError{code: exitUsage, err: fmt.Errorf("lint: %s is not a folder", dir)}
				}
			}
			fsys, name := a.knowledgeFS()
			if dir != "" {
				fsys, name = intents.Dir(dir), dir
			}
			k, _, problems := lintIndex(fsys, time.Now())
			if quality && !problems.HasErrors() {
				q := checkQuality(k)
				problems = append(problems, q.Problems(k)...)
				fmt.Fprintf(a.stderr, "%s: quality: %s\n", name, q.Summary())
				for _, s := range q.Typos {
					if s.Tried > 0 {
						fmt.Fprintf(a.stderr, "  %-28s misspelt examples matched: %3d%% (%d/%d)\n", s.Intent, 100*s.Matched/s.Tried, s.Matched, s.Tried)
					}
				}
			}
			errs, warns := 0, 0
			for _, p := range problems {
				if strict {
					p.Severity = intents.Error
				}
				fmt.Fprintln(a.stdout, prefixed(dir, p))
				if p.Severity == intents.Error {
					errs++
				} else {
					warns++
				}
			}
			if errs > 0 {
				return exitError{code: exitFailure, err: fmt.Errorf("%s: %d errors, %d warnings", name, errs, warns)}
			}
			fmt.Fprintf(a.stderr, "%s: %d intents, %d synonyms, version %s: ok (%d warnings)\n",
				name, len(k.Intents), len(k.Synonyms), k.Version, warns)
			return nil
		},
	}
	cmd.Flags().BoolVar(&quality, "quality", false, "also measure held-out matching, confusable intents and typo robustness")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors (for CI of a knowledge repository)")
	return cmd
}
