package intents

import (
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"
	"time"
)

// distinctiveKeywordLimit is how many other intents may use a keyword in
// their examples before it is reported as not distinctive.
const distinctiveKeywordLimit = 3

// incidentalShare is the share of an intent's examples under which its use
// of a word is incidental ("okta wants a selfie" among Okta's 60
// examples): it does not make another intent's keyword less distinctive.
// An intent with fewer than 20 examples uses a word by using it once.
const incidentalShare = 0.05

// PlaceholderAnswer marks an answer still to be written, as
// "helpdeskbot import" leaves them. Lint warns about answers that contain it.
const PlaceholderAnswer = "TODO: write the answer"

// Lint checks a knowledge folder as Parse does and, when it has no errors,
// also what only the matcher can tell: examples made only of common words,
// which can never match, and keywords so common in other intents' examples
// that they signal nothing; answers whose review_by day is before today;
// placeholder answers; and answers against the style guide (longer than
// MaxAnswerWords, more than MaxAnswerBullets bullets, "ask your help desk
// for the link"). Those are warnings.
func Lint(fsys fs.FS, today time.Time) (*Knowledge, Problems) {
	k, _, problems := LintIndex(fsys, today)
	return k, problems
}

// LintIndex is Lint that also returns the index it built to check the
// folder, so that a caller who answers with the knowledge builds none of
// its own; the index is nil when the folder has errors.
func LintIndex(fsys fs.FS, today time.Time) (*Knowledge, *Index, Problems) {
	k, problems := Parse(fsys)
	if problems.HasErrors() {
		return k, nil, problems
	}
	for _, in := range k.Intents {
		problems = append(problems, styleProblems(in)...)
		if strings.Contains(in.Answer, PlaceholderAnswer) {
			problems = append(problems, Problem{File: in.File, Severity: Warning,
				Message: fmt.Sprintf("the answer of %s is a placeholder (%q): write the reply", in.ID, PlaceholderAnswer)})
		}
		if in.PastReview(today) {
			msg := fmt.Sprintf("review_by %s has passed: check the answer of %s and set a new date", in.ReviewBy.Format(time.DateOnly), in.ID)
			if in.Owner != "" {
				msg += " (owner: " + in.Owner + ")"
			}
			problems = append(problems, Problem{File: in.File, Line: k.reviewLines[in.File], Severity: Warning, Message: msg})
		}
	}
	ix := NewIndex(k)
	all := k.Intents
	if k.OutOfScope != nil {
		all = append(slices.Clip(all), *k.OutOfScope)
	}
	// usedBy[term] lists the intents whose examples use the term more than
	// incidentally, in order.
	usedBy := map[string][]string{}
	var toks []token
	for _, in := range all {
		uses := map[string]int{} // term -> examples of in using it
		var order []string
		for j, ex := range in.Examples {
			toks = ix.tokens(toks[:0], ex, false)
			usable := false
			seen := map[string]bool{}
			for _, t := range toks {
				if !t.stop {
					usable = true
					if !seen[t.stem] {
						seen[t.stem] = true
						if uses[t.stem] == 0 {
							order = append(order, t.stem)
						}
						uses[t.stem]++
					}
				}
			}
			if !usable {
				problems = append(problems, Problem{File: in.File, Line: in.ExampleLines[j], Severity: Warning,
					Message: fmt.Sprintf("example %q has only common words the matcher ignores; it can never match", ex)})
			}
		}
		least := max(1, int(math.Ceil(incidentalShare*float64(len(in.Examples)))))
		for _, term := range order {
			if uses[term] >= least {
				usedBy[term] = append(usedBy[term], in.ID)
			}
		}
	}
	for _, in := range all {
		for _, kw := range in.Keywords {
			var others []string
			for _, id := range usedBy[stem(lower(kw))] {
				if id != in.ID {
					others = append(others, id)
				}
			}
			if len(others) >= distinctiveKeywordLimit {
				problems = append(problems, Problem{File: in.File, Severity: Warning,
					Message: fmt.Sprintf("keyword %q is not distinctive: the examples of %d other intents use it (%s)", kw, len(others), strings.Join(others, ", "))})
			}
		}
	}
	sortProblems(problems)
	return k, ix, problems
}
