package intents

import (
	"fmt"
	"slices"
	"strings"
)

// Quality is how well a knowledge folder's examples match, measured three
// ways: each example held out of the index must still match its intent;
// examples close to two intents point at intents admins should tell apart;
// misspelt examples must still match.
type Quality struct {
	// HeldOut are the examples that, left out of the index, match another
	// intent (or nothing).
	HeldOut []Miss
	// Confusable are pairs of intents whose examples sit within Margin of
	// each other, most examples first.
	Confusable []ConfusablePair
	// Typos is, per intent, how many misspelt examples were tried and how
	// many still matched.
	Typos []TypoScore
}

// Miss is an example that matched Got instead of its own intent ("none"
// for nothing).
type Miss struct {
	Intent, Example, Got string
	File                 string
	Line                 int
}

// ConfusablePair is two intents that some examples cannot tell apart.
type ConfusablePair struct {
	A, B     string
	Examples []string
}

// TypoScore counts misspelt examples of one intent that still match it.
type TypoScore struct {
	Intent, File   string
	Tried, Matched int
}

// QualityMargin is how close two candidates must be, as a ratio of the best
// one's confidence, for an example to count as confusable.
const QualityMargin = 0.85

// CheckQuality measures k. It is deterministic and costs one index build:
// the held-out examples are those the learned matcher held out to calibrate
// itself (all of them, in four folds, up to a few thousand sentences).
func CheckQuality(k *Knowledge) Quality {
	var q Quality
	ix := NewIndex(k)
	pairs := map[[2]string][]string{}
	for i, in := range k.Intents {
		score := TypoScore{Intent: in.ID, File: in.File}
		for j, ex := range in.Examples {
			if got, ok := ix.learned.heldOutMatch(i, ex); ok && int(got) != i {
				name := "none"
				if got >= 0 {
					name = k.Intents[got].ID
				}
				q.HeldOut = append(q.HeldOut, Miss{Intent: in.ID, Example: ex, Got: name, File: in.File, Line: in.ExampleLines[j]})
			}
			m := ix.Match(ex)
			if len(m.Candidates) >= 2 && m.Candidates[1].Confidence >= QualityMargin*m.Candidates[0].Confidence {
				a, b := m.Candidates[0].ID, m.Candidates[1].ID
				if a > b {
					a, b = b, a
				}
				pairs[[2]string{a, b}] = append(pairs[[2]string{a, b}], ex)
			}
			for _, typo := range misspellings(ex) {
				score.Tried++
				if topIntent(ix, typo) == in.ID {
					score.Matched++
				}
			}
		}
		q.Typos = append(q.Typos, score)
	}
	for p, exs := range pairs {
		q.Confusable = append(q.Confusable, ConfusablePair{A: p[0], B: p[1], Examples: exs})
	}
	slices.SortFunc(q.Confusable, func(x, y ConfusablePair) int {
		if len(x.Examples) != len(y.Examples) {
			return len(y.Examples) - len(x.Examples)
		}
		return strings.Compare(x.A+x.B, y.A+y.B)
	})
	return q
}

// topIntent is the id of the intent ix matches message to, or "none".
func topIntent(ix *Index, message string) string {
	m := ix.Match(message)
	if len(m.Candidates) == 0 || m.OutOfScope >= m.Candidates[0].Confidence {
		return "none"
	}
	return m.Candidates[0].ID
}

// keyboardNeighbours are the keys next to each letter on a QWERTY keyboard.
var keyboardNeighbours = map[byte]string{
	'q': "wa", 'w': "qes", 'e': "wrd", 'r': "etf", 't': "ryg", 'y': "tuh", 'u': "yij", 'i': "uok", 'o': "ipl", 'p': "ol",
	'a': "qsz", 's': "adw", 'd': "sfe", 'f': "dgr", 'g': "fht", 'h': "gjy", 'j': "hku", 'k': "jli", 'l': "ko",
	'z': "xa", 'x': "zcs", 'c': "xvd", 'v': "cbf", 'b': "vng", 'n': "bmh", 'm': "nj",
}

// misspellings returns four misspelt copies of message, each with its
// longest word of five letters or more changed in one way: a letter
// dropped, a letter doubled, two letters swapped, a letter replaced by its
// keyboard neighbour. Messages without such a word give none.
func misspellings(message string) []string {
	fields := strings.Fields(message)
	best := -1
	for i, f := range fields {
		if isASCII(f) && len(f) >= 5 && (best < 0 || len(f) > len(fields[best])) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	w := fields[best]
	mid := len(w) / 2
	variants := []string{
		w[:mid] + w[mid+1:],                                 // dropped
		w[:mid] + w[mid:mid+1] + w[mid:],                    // doubled
		w[:mid-1] + w[mid:mid+1] + w[mid-1:mid] + w[mid+1:], // swapped
	}
	if nb, ok := keyboardNeighbours[lowerByte(w[mid])]; ok {
		variants = append(variants, w[:mid]+nb[:1]+w[mid+1:])
	}
	out := make([]string, 0, len(variants))
	for _, v := range variants {
		f := slices.Clone(fields)
		f[best] = v
		out = append(out, strings.Join(f, " "))
	}
	return out
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// minTypoShare is the share of misspelt examples under which an intent is
// reported as fragile.
const minTypoShare = 0.75

// Problems turns the measurements into warnings, located where admins act.
func (q Quality) Problems(k *Knowledge) Problems {
	var ps Problems
	for _, m := range q.HeldOut {
		ps = append(ps, Problem{File: m.File, Line: m.Line, Severity: Warning,
			Message: fmt.Sprintf("example %q, held out, matches %s: the other examples of %s do not cover it", m.Example, m.Got, m.Intent)})
	}
	for _, c := range q.Confusable {
		in, _ := k.Intent(c.A)
		ps = append(ps, Problem{File: in.File, Severity: Warning,
			Message: fmt.Sprintf("%s and %s are confusable: %d examples sit within %.0f%% of both, e.g. %q", c.A, c.B, len(c.Examples), 100*(1-QualityMargin), c.Examples[0])})
	}
	for _, s := range q.Typos {
		if s.Tried > 0 && float64(s.Matched) < minTypoShare*float64(s.Tried) {
			ps = append(ps, Problem{File: s.File, Severity: Warning,
				Message: fmt.Sprintf("only %d of %d misspelt examples of %s still match it; add keywords or synonyms", s.Matched, s.Tried, s.Intent)})
		}
	}
	sortProblems(ps)
	return ps
}

// Summary is q in one line, as lint --quality prints it: how many held-out
// examples matched another intent, how many confusable pairs, and how many
// misspelt examples still matched.
func (q Quality) Summary() string {
	tried, matched := 0, 0
	for _, s := range q.Typos {
		tried, matched = tried+s.Tried, matched+s.Matched
	}
	return fmt.Sprintf("%d held-out examples matched another intent, %d confusable pairs, %d of %d misspelt examples matched",
		len(q.HeldOut), len(q.Confusable), matched, tried)
}
