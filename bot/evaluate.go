package bot

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// OutOfScope is the label of messages the bot should not answer.
const OutOfScope = "none"

// Case is one labelled message: the intent it should get, or OutOfScope.
type Case struct {
	Line    int
	Intent  string
	Message string
}

// ReadCases reads labelled messages: a header line, then one
// "intent<TAB>message" per line. Blank lines and lines starting with # are
// skipped. name is used in error messages ("name:line: problem").
func ReadCases(r io.Reader, name string) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 || strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		intent, msg, ok := strings.Cut(text, "\t")
		intent, msg = strings.TrimSpace(intent), strings.TrimSpace(msg)
		if !ok || intent == "" || msg == "" {
			return nil, fmt.Errorf("%s:%d: expected \"intent<TAB>message\"", name, line)
		}
		cases = append(cases, Case{Line: line, Intent: intent, Message: msg})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return cases, nil
}

// Verdict says how a case came out.
type Verdict string

// The verdicts of in-scope cases (labelled with an intent) and of
// out-of-scope ones.
const (
	// AnsweredRight: answered with the expected intent.
	AnsweredRight Verdict = "answered-right"
	// ClarifiedRight: asked to clarify, the expected intent offered first.
	ClarifiedRight Verdict = "clarified-right"
	// WrongTopic: answered another intent, or asked to clarify with another
	// intent first.
	WrongTopic Verdict = "wrong-topic"
	// FellBack: no topic offered (fallback, or no answer at all).
	FellBack Verdict = "fell-back"
	// RejectedRight: an out-of-scope message fell back.
	RejectedRight Verdict = "rejected"
	// NotRejected: an out-of-scope message was answered or clarified.
	NotRejected Verdict = "not-rejected"
)

// Result is how the bot did on one case.
type Result struct {
	Case
	// Got is the predicted label: the reply's intent, or OutOfScope for a fallback.
	Got     string
	Outcome Outcome
	// Reason says why the bot gave Outcome.
	Reason     Reason
	Confidence float64
	// Top is the best candidate's intent, whatever the outcome; empty when
	// there was no candidate.
	Top     string
	Verdict Verdict
}

// Correct reports whether the prediction matches the label.
func (r Result) Correct() bool { return r.Got == r.Intent }

// IntentScore is precision and recall for one intent.
type IntentScore struct {
	Intent                string
	Precision, Recall     float64
	Expected, Predicted   int
	TruePositives         int
	UnknownToTheKnowledge bool
}

// Confusion counts messages of one intent predicted as another.
type Confusion struct {
	Expected, Got string
	Count         int
}

// Report summarises an evaluation.
type Report struct {
	Results []Result
	// InScope counts the lines labelled with an intent. Each has one
	// verdict: AnsweredRight + ClarifiedRight + WrongTopic + FellBack = InScope.
	InScope int
	// AnsweredRight and ClarifiedRight count the in-scope lines answered
	// with the expected intent, and clarified with it first.
	AnsweredRight, ClarifiedRight int
	// WrongTopic counts the in-scope lines answered or clarified with
	// another intent first; FellBack those given no topic.
	WrongTopic, FellBack int
	// TopRight counts the in-scope lines whose best candidate was the
	// expected intent, whatever the outcome.
	TopRight int
	// InScopeCorrect counts the in-scope lines answered or clarified with
	// the expected intent first: AnsweredRight + ClarifiedRight.
	InScopeCorrect int
	// OutOfScope counts "none" lines; Rejected those that fell back.
	OutOfScope, Rejected int
	Intents              []IntentScore
	Confusions           []Confusion
	// Elapsed is the time spent answering the messages.
	Elapsed time.Duration
}

// InScopeAccuracy is the share of in-scope lines whose best candidate was
// the expected intent, whatever the outcome: TopRight / InScope (0 when
// there are none).
func (r Report) InScopeAccuracy() float64 { return ratio(r.TopRight, r.InScope) }

// AnsweredRate is the share of in-scope lines answered directly with the
// expected intent: AnsweredRight / InScope.
func (r Report) AnsweredRate() float64 { return ratio(r.AnsweredRight, r.InScope) }

// MeanLatency is the mean time to answer one message.
func (r Report) MeanLatency() time.Duration {
	if n := len(r.Results); n > 0 {
		return r.Elapsed / time.Duration(n)
	}
	return 0
}

// RejectionRate is Rejected / OutOfScope (0 when there are none).
func (r Report) RejectionRate() float64 { return ratio(r.Rejected, r.OutOfScope) }

// Wrong returns the results whose prediction was wrong, in file order.
func (r Report) Wrong() []Result {
	var out []Result
	for _, res := range r.Results {
		if !res.Correct() {
			out = append(out, res)
		}
	}
	return out
}

// ReasonCount is how many lines the bot decided for one reason.
type ReasonCount struct {
	Reason Reason
	// InScope counts the in-scope lines decided for Reason, InScopeRight
	// those of them answered or clarified with the expected intent first,
	// and OutOfScope the "none" lines.
	InScope, InScopeRight, OutOfScope int
}

// ByReason counts the lines by the reason of their decision, the commonest
// first: where the right answers, the misses and the out-of-scope lines
// are decided.
func (r Report) ByReason() []ReasonCount {
	at := map[Reason]int{}
	var out []ReasonCount
	for _, res := range r.Results {
		i, ok := at[res.Reason]
		if !ok {
			i = len(out)
			at[res.Reason] = i
			out = append(out, ReasonCount{Reason: res.Reason})
		}
		switch {
		case res.Intent == OutOfScope:
			out[i].OutOfScope++
		default:
			out[i].InScope++
			if res.Verdict == AnsweredRight || res.Verdict == ClarifiedRight {
				out[i].InScopeRight++
			}
		}
	}
	slices.SortStableFunc(out, func(a, b ReasonCount) int {
		if d := (b.InScope + b.OutOfScope) - (a.InScope + a.OutOfScope); d != 0 {
			return d
		}
		return strings.Compare(string(a.Reason), string(b.Reason))
	})
	return out
}

// verdict classifies a case's outcome.
func verdict(c Case, got string, outcome Outcome) Verdict {
	switch {
	case c.Intent == OutOfScope && got == OutOfScope:
		return RejectedRight
	case c.Intent == OutOfScope:
		return NotRejected
	case got == OutOfScope:
		return FellBack
	case got != c.Intent:
		return WrongTopic
	case outcome == Clarify:
		return ClarifiedRight
	default:
		return AnsweredRight
	}
}

// count adds a result to the totals.
func (r *Report) count(res Result) {
	if res.Intent == OutOfScope {
		r.OutOfScope++
		if res.Verdict == RejectedRight {
			r.Rejected++
		}
		return
	}
	r.InScope++
	if res.Top == res.Intent {
		r.TopRight++
	}
	switch res.Verdict {
	case AnsweredRight:
		r.AnsweredRight++
		r.InScopeCorrect++
	case ClarifiedRight:
		r.ClarifiedRight++
		r.InScopeCorrect++
	case WrongTopic:
		r.WrongTopic++
	default:
		r.FellBack++
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate answers every case and scores the answers.
func Evaluate(ctx context.Context, b *Bot, cases []Case) Report {
	var rep Report
	known := map[string]bool{}
	for _, t := range b.Topics() {
		known[t.ID] = true
	}
	expected, predicted, tp := map[string]int{}, map[string]int{}, map[string]int{}
	confused := map[[2]string]int{}
	for _, c := range cases {
		start := time.Now()
		reply := b.Answer(ctx, Message{Text: c.Message, Adapter: "eval"})
		rep.Elapsed += time.Since(start)
		got := reply.Label()
		res := Result{Case: c, Got: got, Outcome: reply.Outcome, Reason: reply.Reason, Confidence: reply.Confidence}
		if len(reply.Candidates) > 0 {
			res.Top = reply.Candidates[0].Intent
		}
		res.Verdict = verdict(c, got, reply.Outcome)
		rep.Results = append(rep.Results, res)
		rep.count(res)
		expected[c.Intent]++
		predicted[got]++
		if res.Correct() {
			tp[got]++
		} else {
			confused[[2]string{c.Intent, got}]++
		}
	}
	labels := map[string]bool{}
	for l := range expected {
		labels[l] = true
	}
	for l := range predicted {
		labels[l] = true
	}
	for l := range labels {
		if l == OutOfScope {
			continue
		}
		rep.Intents = append(rep.Intents, IntentScore{
			Intent: l, Expected: expected[l], Predicted: predicted[l], TruePositives: tp[l],
			Precision: ratio(tp[l], predicted[l]), Recall: ratio(tp[l], expected[l]),
			UnknownToTheKnowledge: !known[l],
		})
	}
	slices.SortFunc(rep.Intents, func(a, b IntentScore) int { return strings.Compare(a.Intent, b.Intent) })
	for k, n := range confused {
		rep.Confusions = append(rep.Confusions, Confusion{Expected: k[0], Got: k[1], Count: n})
	}
	slices.SortFunc(rep.Confusions, func(a, b Confusion) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if c := strings.Compare(a.Expected, b.Expected); c != 0 {
			return c
		}
		return strings.Compare(a.Got, b.Got)
	})
	return rep
}
