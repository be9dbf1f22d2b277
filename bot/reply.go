package bot

import (
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
	// Candidates are the ranked intents behind the reply, for explanations.
	Candidates []Candidate
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
}

// Candidate is a ranked intent behind a reply.
type Candidate struct {
	Intent     string  `json:"intent"`
	Confidence float64 `json:"confidence"`
	// Example is the intent's example closest to the message.
	Example string `json:"example,omitempty"`
}

// Text renders the whole reply as Markdown for plain-text channels: the
// body, the choices as a list, the contact line and, last, the guidance.
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
	if r.Contact != "" {
		b.WriteString("\n\n")
		b.WriteString(r.Contact)
	}
	b.WriteString("\n\n")
	b.WriteString(r.Guidance)
	return b.String()
}

// Key identifies what a reply shows: two replies with the same key render
// the same, so renderings can be cached by it. The knowledge version stands
// for the texts; without one, the texts themselves are part of the key.
func (r Reply) Key() string {
	var b strings.Builder
	b.WriteString(string(r.Outcome))
	b.WriteByte(0)
	b.WriteString(r.Intent)
	b.WriteByte(0)
	b.WriteString(r.KnowledgeVersion)
	for _, c := range r.Choices {
		b.WriteByte(0)
		b.WriteString(c.ID)
	}
	if r.KnowledgeVersion == "" {
		for _, text := range []string{r.Body, r.Contact, r.Guidance} {
			b.WriteByte(0)
			b.WriteString(text)
		}
	}
	return b.String()
}
