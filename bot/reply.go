package bot

import (
	"strconv"
	"strings"
)

// Outcome says how the bot answered.
type Outcome string

// The outcomes of Answer.
const (
	// Answered: one intent matched clearly; the reply is its answer.
	Answered Outcome = "answered"
	// Clarify: two or three intents were close; the reply asks which one.
	Clarify Outcome = "clarify"
	// Fallback: nothing matched well enough; the reply is the generic answer.
	Fallback Outcome = "fallback"
	// Failed: the bot could not answer at all (no knowledge loaded). The reply
	// still carries the contact guidance.
	Failed Outcome = "error"
	// Guarded: a public message looked like it held personal data (an ID or
	// card number, a passport line, an image); the reply, sent privately,
	// asks not to post such things.
	Guarded Outcome = "guarded"
	// Limited: the person sent more messages than the rate limit allows; the
	// reply is one notice, then Silent replies until the limit refills.
	Limited Outcome = "limited"
	// Quiet: a person was called into the conversation, and the message
	// does not mention the bot; the reply is Silent.
	Quiet Outcome = "quiet"
)

// Choice is a topic offered to the person: a button on chat platforms.
type Choice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Reply is the bot's answer to a message, in parts that adapters render in
// their own way. Every reply has Guidance, and Text ends with it.
type Reply struct {
	Outcome Outcome
	// Reason says which rule of the decision gave the outcome.
	Reason Reason
	// Intent is the id of the answered intent, or of the best candidate for
	// Clarify. Empty for Fallback and Failed.
	Intent string
	// Title is the answered intent's title.
	Title string
	// Confidence of the best candidate, in [0, 1].
	Confidence float64
	// Body is the answer, the clarifying question or the fallback text, in Markdown.
	Body string
	// Choices are the topics to pick from: the close candidates for Clarify,
	// suggested topics for Fallback.
	Choices []Choice
	// Related are follow-up topics offered after an answer.
	Related []Choice
	// Contact is the intent's tailored contact line, shown before Guidance.
	Contact string
	// Guidance is the contact guidance that ends every reply.
	Guidance string
	// Candidates are the ranked topics behind the reply, best first, for
	// explanations; empty when no message was matched.
	Candidates []Candidate
	// OutOfScope is how close the message was to the out-of-scope
	// examples, on the candidates' scale.
	OutOfScope float64
	// Terms are the message's words the knowledge knows, and Unknown the
	// ones it never uses.
	Terms, Unknown []string
	// KnowledgeVersion identifies the knowledge that produced the reply.
	KnowledgeVersion string
	// Private says the reply must reach only the person: an ephemeral
	// message or a direct message, never the public channel.
	Private bool
	// Silent says nothing should be sent at all.
	Silent bool
	// PastReview says the answer's review_by day has passed: it may be out
	// of date.
	PastReview bool
	// Links are resources the answer points to: link buttons, or a list
	// before the contact line and guidance.
	Links []Link
	// Handoff, when set, asks the adapter to call a person into the
	// conversation.
	Handoff *Handoff
	// Language is the language of the reply's texts that come from the
	// knowledge; empty for a knowledge in one language.
	Language string
}

// Label is the topic the reply gives: the answered intent, or the one
// offered first when asking which; OutOfScope for every other outcome.
func (r Reply) Label() string {
	if (r.Outcome != Answered && r.Outcome != Clarify) || r.Intent == "" {
		return OutOfScope
	}
	return r.Intent
}

// Text renders the whole reply as Markdown for plain-text channels: the
// body, the choices as a list, the related topics, the links, the contact
// line and, last, the guidance.
func (r Reply) Text() string {
	var b strings.Builder
	b.WriteString(r.Body)
	if len(r.Choices) > 0 {
		b.WriteString("\n")
		for _, c := range r.Choices {
			b.WriteString("\n- ")
			b.WriteString(c.Title)
		}
	}
	if len(r.Related) > 0 {
		b.WriteString("\n\nRelated topics:")
		for _, c := range r.Related {
			b.WriteString("\n- ")
			b.WriteString(c.Title)
		}
	}
	if len(r.Links) > 0 {
		b.WriteString("\n")
		for _, l := range r.Links {
			b.WriteString("\n- [")
			b.WriteString(l.Title)
			b.WriteString("](")
			b.WriteString(l.URL)
			b.WriteString(")")
		}
	}
	if r.Contact != "" {
		b.WriteString("\n\n")
		b.WriteString(r.Contact)
	}
	b.WriteString("\n\n")
	b.WriteString(r.Guidance)
	return b.String()
}

// Key identifies what a reply shows: two replies with the same key render
// the same, so renderings can be cached by it. The body and contact line are
// always part of it, since one outcome can carry different texts (the
// out-of-scope fallback and the ordinary one), and so is the guidance,
// which has a full and a short form; the knowledge version stands for the
// titles, and without one the titles are part of it as well. Every field is written with its length first, so
// no two replies run together into one key.
func (r Reply) Key() string {
	b := make([]byte, 0, len(r.Outcome)+len(r.Intent)+len(r.KnowledgeVersion)+len(r.Body)+len(r.Contact)+16*(len(r.Choices)+len(r.Related))+32)
	field := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	for _, s := range []string{string(r.Outcome), r.Intent, r.KnowledgeVersion, r.Body, r.Contact} {
		field(s)
	}
	for _, list := range [][]Choice{r.Choices, r.Related} {
		b = strconv.AppendInt(b, int64(len(list)), 10)
		b = append(b, '#')
		for _, c := range list {
			field(c.ID)
			if r.KnowledgeVersion == "" {
				field(c.Title)
			}
		}
	}
	b = strconv.AppendInt(b, int64(len(r.Links)), 10)
	b = append(b, '#')
	for _, l := range r.Links {
		field(l.URL)
		field(l.Title)
	}
	// The guidance is always part of it: one knowledge has a full and a
	// short form.
	field(r.Guidance)
	// The titles of one version differ by language.
	if r.Language != "" {
		field(r.Language)
	}
	return string(b)
}
