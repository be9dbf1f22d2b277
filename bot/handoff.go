package bot

import "time"

// DefaultHandoffQuiet is how long the bot stays quiet in a conversation
// after calling a person, unless it is mentioned (handoff.quiet).
const DefaultHandoffQuiet = 2 * time.Hour

// HandoffTopic is the id of the topic whose answer also calls a person.
const HandoffTopic = "talk-to-someone"

// HandoffChoiceID is the id of the "Talk to a person" choice: a button the
// adapters show, and a Message.Choice that calls a person.
const HandoffChoiceID = "talk-to-a-person"

// handoffChoice is the choice that calls a person.
var handoffChoice = Choice{ID: HandoffChoiceID, Title: "Talk to a person"}

// HandoffReason says what made the bot call a person.
type HandoffReason string

// The reasons of a handoff, as metrics and analytics label them.
const (
	// HandoffAsked: the person asked for someone (the talk-to-someone topic).
	HandoffAsked HandoffReason = "asked"
	// HandoffChosen: the person picked the "Talk to a person" choice.
	HandoffChosen HandoffReason = "chosen"
	// HandoffFallbacks: the bot fell back twice in a row.
	HandoffFallbacks HandoffReason = "fallbacks"
)

// Handoff on a reply asks the adapter to call a person into the
// conversation: who to call is the adapter's configuration (a user group
// or role to mention, a channel to post a link to the thread in). It is
// set only when the message said CanHandOff.
type Handoff struct {
	Reason HandoffReason
	// First is true the first time a person is called in the
	// conversation: only then does the adapter mention anyone. Later
	// handoffs only remind the person that someone was called.
	First bool
	// Topic is the topic the conversation last answered before the person
	// was called (other than talk-to-someone), empty when there was none:
	// where the knowledge left people needing someone.
	Topic string
}

// handOff calls a person into the conversation for reason, or says
// plainly that the bot cannot: the reply's body gets the text that says
// which.
func (b *Bot) handOff(r *Reply, st *ConversationState, m Message, reason HandoffReason, now time.Time) {
	texts := textsIn(r.Language)
	switch {
	case !m.CanHandOff:
		r.Body = joinParagraphs(r.Body, texts.NoHandoff)
	case st.HandedOff:
		r.Handoff = &Handoff{Reason: reason, Topic: st.lastTopicBefore(HandoffTopic)}
		r.Body = joinParagraphs(r.Body, texts.HandoffAlready)
	default:
		r.Handoff = &Handoff{Reason: reason, First: true, Topic: st.lastTopicBefore(HandoffTopic)}
		st.HandedOff, st.HandoffAt = true, now
		r.Body = joinParagraphs(r.Body, texts.HandoffCalled)
	}
}

// lastTopicBefore is the topic last answered in the conversation other
// than except, or "".
func (st *ConversationState) lastTopicBefore(except string) string {
	for i := len(st.Topics) - 1; i >= 0; i-- {
		if st.Topics[i] != except {
			return st.Topics[i]
		}
	}
	return ""
}

// quiet reports whether the bot should stay silent: a person was called
// into the conversation less than the quiet time ago, and the message does
// not mention the bot.
func (b *Bot) quiet(st ConversationState, m Message, now time.Time) bool {
	return st.HandedOff && !m.Mentioned && now.Before(st.HandoffAt.Add(b.handoffQuiet))
}

func joinParagraphs(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}
