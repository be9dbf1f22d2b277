package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// maxReported is how many shared sentences import lists by name.
const maxReported = 5

func (a *app) importCommand() *cobra.Command {
	var from, tests, split string
	var force bool
	cmd := &cobra.Command{
		Use:   "import --from csv|json|rasa FILE DIR",
		Short: "Write a knowledge folder from labelled sentences (CSV, JSON data sets, Rasa nlu.yml)",
		Long: "import writes a knowledge folder in DIR from a file of labelled sentences:\n" +
			"  csv   a header naming a text column (text, sentence, example, utterance, query)\n" +
			"        and an intent column (intent, category, label), in any order\n" +
			"  json  {\"sentences\": [{\"text\", \"intent\", \"training\"}]} (SIGDIAL 2017 corpora),\n" +
			"        {\"train\": [[text, intent]], \"test\": ..., \"oos_train\": ...} (CLINC150),\n" +
			"        or [{\"text\", \"intent\"}, ...]\n" +
			"  rasa  Rasa's nlu.yml (or the older Markdown format); entity annotations\n" +
			"        [text](entity) are reduced to their text\n\n" +
			"Each intent becomes one topic file, titled from the intent name, with its\n" +
			"sentences as examples and a placeholder answer that lint flags. Sentences\n" +
			"labelled none, oos or out_of_scope go into _out-of-scope.md. Sentences under two\n" +
			"intents are left out of both, and intents with fewer than 3 examples are left\n" +
			"out; import lists both. When the data has a split, only training sentences\n" +
			"become examples and the held-out ones are written as tests (intent<TAB>message,\n" +
			"none = out of scope) to DIR/_tests.tsv, which \"helpdeskbot eval --knowledge DIR\"\n" +
			"reads.",
		Example: "  helpdeskbot import --from csv questions.csv ./knowledge\n" +
			"  helpdeskbot import --from rasa nlu.yml ./knowledge && helpdeskbot lint ./knowledge",
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			file, dir := args[0], args[1]
			switch {
			case from != "csv" && from != "json" && from != "rasa":
				return exitError{code: exitUsage, err: fmt.Errorf("import: --from must be csv, json or rasa")}
			case split != "train" && split != "all":
				return exitError{code: exitUsage, err: fmt.Errorf("import: --split must be train or all")}
			}
			if err := checkImportDir(dir, force); err != nil {
				return exitError{code: exitUsage, err: fmt.Errorf("import: %s %w", dir, err)}
			}
			ds, err := readFile(from, file)
			if err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("import: %w", err)}
			}
			if tests == "" {
				tests = filepath.Join(dir, intents.TestsFile)
			}
			p := planImport(ds, split)
			if len(p.Topics) == 0 {
				return exitError{code: exitFailure, err: fmt.Errorf("import: %s: no intent with at least %d distinct examples", file, importMinExamples)}
			}
			if err := writeFolder(p, dir, tests); err != nil {
				return exitError{code: exitFailure, err: fmt.Errorf("import: %w", err)}
			}
			fmt.Fprintf(a.stdout, "imported %s (%s, %d sentences) into %s\n", file, from, len(ds.Sentences), dir)
			writeImportSummary(a.stdout, ds, p, tests)
			return checkImported(a.stdout, dir)
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "format of FILE: csv, json or rasa")
	f.StringVar(&tests, "tests", "", "where to write the held-out sentences (default DIR/_tests.tsv)")
	f.StringVar(&split, "split", "train", "train: held-out sentences become tests; all: every sentence is an example")
	f.BoolVar(&force, "force", false, "write into DIR even if it is not empty")
	return cmd
}

// readFile reads a file of labelled sentences.
func readFile(format, name string) (dataset, error) {
	f, err := os.Open(name)
	if err != nil {
		return dataset{}, err
	}
	defer f.Close()
	ds, err := readSentences(format, f)
	if err != nil {
		return dataset{}, fmt.Errorf("%s: %w", name, err)
	}
	return ds, nil
}

// writeImportSummary says what was written and what was left out.
func writeImportSummary(w io.Writer, ds dataset, p importPlan, testsPath string) {
	oos := "no out-of-scope examples"
	if len(p.OutOfScope) > 0 {
		oos = fmt.Sprintf("%d out-of-scope examples (%s)", len(p.OutOfScope), strings.Join(p.OutOfScopeLabels, ", "))
	}
	fmt.Fprintf(w, "  %s, %s; %s\n", plural(len(p.Topics), "topic"), plural(p.Examples-len(p.OutOfScope), "example"), oos)
	if len(p.Tests) > 0 {
		fmt.Fprintf(w, "  %s written as tests to %s\n", plural(len(p.Tests), "held-out sentence"), testsPath)
	}
	if p.Unused > 0 {
		fmt.Fprintf(w, "  %s not used (--split all makes them examples)\n", plural(p.Unused, "validation sentence"))
	}
	if len(p.Shared) > 0 {
		fmt.Fprintf(w, "  %s under two or more intents, left out of all of them:\n", plural(len(p.Shared), "sentence"))
		for i, s := range p.Shared {
			if i == maxReported {
				fmt.Fprintf(w, "    ... and %d more\n", len(p.Shared)-maxReported)
				break
			}
			fmt.Fprintf(w, "    %q (%s)\n", s.Text, strings.Join(s.Labels, ", "))
		}
	}
	if len(p.TooFew) > 0 {
		names := make([]string, len(p.TooFew))
		for i, t := range p.TooFew {
			names[i] = fmt.Sprintf("%s (%d)", t.Label, t.Examples)
		}
		fmt.Fprintf(w, "  %s with fewer than %d distinct training examples left out: %s\n", plural(len(p.TooFew), "intent"), importMinExamples, strings.Join(names, ", "))
		if p.DroppedTests > 0 {
			fmt.Fprintf(w, "  %s of those intents left out of the tests\n", plural(p.DroppedTests, "held-out sentence"))
		}
	}
	if p.TooFewOutOfScope > 0 {
		fmt.Fprintf(w, "  only %d out-of-scope examples (%s), fewer than %d: no %s written\n", p.TooFewOutOfScope, strings.Join(p.OutOfScopeLabels, ", "), importMinExamples, intents.OutOfScopeFile)
	}
	if p.Repeated > 0 {
		fmt.Fprintf(w, "  %s repeated under the same intent, kept once\n", plural(p.Repeated, "sentence"))
	}
	if p.NoWords > 0 {
		fmt.Fprintf(w, "  %s without a label or without any word left out\n", plural(p.NoWords, "sentence"))
	}
	for _, n := range ds.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}

// checkImported lints the written folder: it must load with no error.
func checkImported(w io.Writer, dir string) error {
	_, _, problems := lintIndex(os.DirFS(dir), time.Now())
	placeholders, others := 0, 0
	for _, pr := range problems {
		switch {
		case pr.Severity == intents.Error:
		case strings.Contains(pr.Message, intents.PlaceholderAnswer):
			placeholders++
		default:
			others++
		}
	}
	if problems.HasErrors() {
		for _, pr := range problems {
			if pr.Severity == intents.Error {
				fmt.Fprintln(w, prefixed(dir, pr))
			}
		}
		return exitError{code: exitFailure, err: fmt.Errorf("import: the folder written in %s does not load", dir)}
	}
	fmt.Fprintf(w, "lint: the folder loads; %s to write, %s (helpdeskbot lint %s lists them)\n", plural(placeholders, "placeholder answer"), plural(others, "other warning"), dir)
	fmt.Fprintf(w, "next: write each topic's answer, and the texts of %s and %s\n", intents.GuidanceFile, intents.FallbackFile)
	return nil
}

// plural is "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
