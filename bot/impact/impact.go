// Package impact tells what an edit of the knowledge changes for the
// people asking: given two knowledge versions and questions, how each
// question comes out with each version (answered, clarify, fallback, out
// of scope, and the topic), and a summary of the changes per topic.
//
// Each version answers with the bot's own decision (bot.Bot.Answer, on a
// quiet copy of the bot: nothing is recorded, nobody is rate-limited), so
// what impact says is what the bot would do. The package is pure: no
// files, no network, no clock.
package impact

import (
	"context"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Kind is how a question comes out.
type Kind string

// The kinds of outcome a question can have.
const (
	// Answered: one topic's answer.
	Answered Kind = "answered"
	// Clarify: a question asking which of two or three topics is meant;
	// the topic is the one offered first.
	Clarify Kind = "clarify"
	// Fallback: no topic; the generic answer.
	Fallback Kind = "fallback"
	// OutOfScope: the fallback, because the question is closer to the
	// out-of-scope examples than to any topic.
	OutOfScope Kind = "out-of-scope"
)

// Outcome is how one version answers one question.
type Outcome struct {
	Kind Kind `json:"outcome"`
	// Topic is the answered topic, or the one offered first when asking
	// which; empty for the fallbacks.
	Topic string `json:"topic,omitempty"`
}

// String renders the outcome as "answered selfie", "clarify selfie",
// "fallback" or "out of scope".
func (o Outcome) String() string {
	switch {
	case o.Kind == OutOfScope:
		return "out of scope"
	case o.Topic == "":
		return string(o.Kind)
	default:
		return string(o.Kind) + " " + o.Topic
	}
}

// HasTopic reports whether the outcome gives a topic (answered, or
// offered first).
func (o Outcome) HasTopic() bool { return o.Topic != "" }

// OutcomeOf reads a reply's outcome. Outcomes that are not a decision on
// the words (guarded, limited, error) keep the bot's name for them.
func OutcomeOf(r bot.Reply) Outcome { return outcome(r.Outcome, r.Label(), r.Reason) }

// outcome classifies a decision from its outcome, its label (bot.Reply's
// Label) and its reason.
func outcome(o bot.Outcome, label string, reason bot.Reason) Outcome {
	topic := label
	if topic == bot.OutOfScope {
		topic = ""
	}
	switch o {
	case bot.Answered:
		return Outcome{Kind: Answered, Topic: topic}
	case bot.Clarify:
		return Outcome{Kind: Clarify, Topic: topic}
	case bot.Fallback:
		if reason == bot.ReasonOutOfScope {
			return Outcome{Kind: OutOfScope}
		}
		return Outcome{Kind: Fallback}
	default:
		return Outcome{Kind: Kind(o)}
	}
}

// quiet is a copy of b that records nothing and limits no one, so that
// comparing never counts as a conversation.
func quiet(b *bot.Bot) *bot.Bot { return b.Quiet() }

// ask returns how b (a quiet bot) answers text as a message of its own.
func ask(ctx context.Context, b *bot.Bot, text string) Outcome {
	return OutcomeOf(b.Answer(ctx, bot.Message{Text: text, Adapter: "impact"}))
}

// Class says how a question's outcome changes.
type Class string

// The classes of change.
const (
	// Moved: another topic answers (or is offered first).
	Moved Class = "moved"
	// NewlyAnswered: a question that got no topic now gets one.
	NewlyAnswered Class = "newly answered"
	// NewlyFallingBack: a question that got a topic now gets none.
	NewlyFallingBack Class = "newly falling back"
	// OutcomeChanged: the same topic (or none) in another way: answered
	// instead of clarified, out of scope instead of the fallback, or back.
	OutcomeChanged Class = "outcome changed"
)

// Change is a question whose outcome or topic differs between the
// versions.
type Change struct {
	Question string `json:"question"`
	// Count is how many times the question was asked.
	Count int     `json:"count"`
	Old   Outcome `json:"old"`
	New   Outcome `json:"new"`
}

// Class says how the outcome changes.
func (c Change) Class() Class { return classOf(c.Old, c.New) }

func classOf(old, new Outcome) Class {
	switch {
	case old.HasTopic() && new.HasTopic() && old.Topic != new.Topic:
		return Moved
	case !old.HasTopic() && new.HasTopic():
		return NewlyAnswered
	case old.HasTopic() && !new.HasTopic():
		return NewlyFallingBack
	default:
		return OutcomeChanged
	}
}

// Result is how a set of questions comes out with two versions.
type Result struct {
	// Questions counts the questions compared, repeats included; Distinct
	// the different texts among them.
	Questions int `json:"questions"`
	Distinct  int `json:"distinct"`
	// Changed counts the questions, repeats included, whose outcome or
	// topic changes.
	Changed int `json:"changed"`
	// Answered counts the questions the old version answers (outcome
	// answered); ChangedAnswered those of them whose outcome or topic
	// changes.
	Answered        int `json:"answered"`
	ChangedAnswered int `json:"changed_answered"`
	// Changes are the distinct questions that change, in the order they
	// were first given.
	Changes []Change `json:"changes"`
}

// ChangedShare is Changed / Questions (0 without questions).
func (r Result) ChangedShare() float64 { return ratio(r.Changed, r.Questions) }

// AnsweredShare is ChangedAnswered / Answered: the share of the answered
// questions that the new version answers otherwise (0 when none were
// answered).
func (r Result) AnsweredShare() float64 { return ratio(r.ChangedAnswered, r.Answered) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Compare answers each question with the old and the new bot and says
// which change. A text given several times is answered once and counted
// as often as it was given. The bots are used through quiet copies:
// nothing is recorded. It stops early, with what it has, when ctx ends.
func Compare(ctx context.Context, old, new *bot.Bot, questions []string) Result {
	type seen struct {
		count    int
		old, new Outcome
	}
	at := map[string]int{}
	var distinct []string
	var counts []int
	for _, q := range questions {
		i, ok := at[q]
		if !ok {
			i = len(distinct)
			at[q] = i
			distinct = append(distinct, q)
			counts = append(counts, 0)
		}
		counts[i]++
	}
	oldBot, newBot := quiet(old), quiet(new)
	var r Result
	for i, q := range distinct {
		if ctx.Err() != nil {
			break
		}
		n := counts[i]
		o, nw := ask(ctx, oldBot, q), ask(ctx, newBot, q)
		r.Questions += n
		r.Distinct++
		if o.Kind == Answered {
			r.Answered += n
		}
		if o == nw {
			continue
		}
		r.Changed += n
		if o.Kind == Answered {
			r.ChangedAnswered += n
		}
		r.Changes = append(r.Changes, Change{Question: q, Count: n, Old: o, New: nw})
	}
	return r
}
