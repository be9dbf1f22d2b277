// Package adaptertest is the conformance suite every adapter runs: the
// guarantees people rely on whatever platform they ask on, checked through
// a small Harness that drives one adapter against its platform's local fake.
// Only tests import it.
package adaptertest

import (
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Env is what the suite gives a harness to build its adapter with.
type Env struct {
	// Bot answers; the suite builds it on the built-in knowledge.
	Bot *bot.Bot
	// Feedback receives the adapter's feedback clicks.
	Feedback bot.FeedbackRecorder
	// Workers and Queue size the adapter's worker pool, where it has one.
	// The suite asks for one worker, so that replies come in order, and
	// for one worker and a queue of one to make the adapter busy.
	Workers, Queue int
	// Handoff is the target the adapter calls a person with, if any.
	Handoff HandoffTarget
}

// HandoffTarget is how an adapter calls a person into a conversation.
type HandoffTarget int

// Handoff targets.
const (
	// NoHandoff: nobody can be called.
	NoHandoff HandoffTarget = iota
	// HandoffMention: a group (a Slack user group, a Discord role) is
	// mentioned in the conversation; Features.Mention is what the mention
	// looks like.
	HandoffMention
	// HandoffLink: a link to the conversation is posted in another
	// channel; the harness marks that post Reply.Elsewhere.
	HandoffLink
)

// Features say which guarantees apply to an adapter: what its platform
// can send it.
type Features struct {
	// Name is the adapter's name, as in bot.Feedback.Adapter.
	Name string
	// Public: people ask in public places (channels) as well as privately.
	Public bool
	// Bots: messages from other bots and from the bot itself reach the
	// adapter.
	Bots bool
	// Replays: the platform delivers an event again (a retry, a resume).
	Replays bool
	// Retries: an event the adapter refuses because it is busy is
	// delivered again by the platform, so refusing loses nothing.
	Retries bool
	// Handoff: with Env.Handoff set, the adapter calls a person from
	// conversations in public places.
	Handoff bool
	// Mention is the text of the mention of the group a HandoffMention
	// target calls ("<!subteam^S1>").
	Mention string
}

// Harness drives one running adapter through its platform's fake.
type Harness interface {
	Features() Features
	// Say delivers m as the platform would and reports whether the adapter
	// took it: false means it refused it so that the platform delivers it
	// again. Ignored messages are taken (acknowledged) too.
	Say(t *testing.T, m Message) bool
	// Replies waits until at least n replies have been posted since the
	// harness started and returns them all, in the order they arrived.
	Replies(t *testing.T, n int) []Reply
	// Settle returns every reply posted so far, once everything said
	// before it has been decided and answered.
	Settle(t *testing.T) []Reply
}

// Clicker is a Harness whose replies have buttons.
type Clicker interface {
	// Click presses c, one of r's choices, and returns what the adapter
	// answered: the topic's answer, or the acknowledgement of feedback.
	Click(t *testing.T, r Reply, c Choice) Reply
}

// Commander is a Harness whose platform has a slash command, which quotes
// the question in its reply.
type Commander interface {
	// Command asks question with the slash command and returns the reply.
	Command(t *testing.T, question string, public bool) Reply
}

// Staller is a Harness whose platform can be made slow, so that the
// adapter gets busy.
type Staller interface {
	// Stall makes the platform hold what the adapter does next (posting a
	// reply, or a request in flight) until release is called; held returns
	// once the adapter is held, after it has taken a message.
	Stall(t *testing.T) (held func(t *testing.T), release func())
}

// Sender is who sends a Message.
type Sender int

// Senders.
const (
	Person   Sender = iota // a person, the default
	Self                   // the bot itself, its own message coming back
	OtherBot               // another bot
)

// Message is what the platform delivers to the adapter.
type Message struct {
	// ID is the platform's event id; saying the same ID again is a replay
	// (or, after a refusal, the platform's retry). Empty: a new one.
	ID   string
	Text string
	// Public: in a public place, addressed to the bot (a mention);
	// otherwise in a private conversation with it.
	Public bool
	From   Sender
	// Conversation names the conversation the message belongs to: messages
	// with the same name are in the same place (the same thread, channel or
	// direct message), and those with different names in different places.
	// Empty: the harness's usual place.
	Conversation string
}

// Reply is what the adapter posted, as the platform delivers it.
type Reply struct {
	// Text is what people read, message part by part or block by block in
	// order, without the buttons.
	Text string
	// Public: everyone in the place sees it; false: only the asker.
	Public bool
	// Intent is the topic the reply answers, as its feedback buttons name
	// it; empty without feedback buttons.
	Intent  string
	Choices []Choice
	// Pings lists what in the reply would notify people on the platform:
	// mentions of everyone, of roles or users, or a setting that turns
	// names into mentions.
	Pings []string
	// Ref is what the harness needs to click the reply's buttons.
	Ref any
	// Elsewhere: posted outside any conversation the suite talks in (the
	// handoff channel).
	Elsewhere bool
}

// Choice is a button (or menu entry) under a reply.
type Choice struct {
	Label string
	// Intent is the topic the choice answers, or rates.
	Intent string
	// Feedback is "up" or "down" for the feedback buttons, empty for topics.
	Feedback string
	// Ref is what the harness needs to click it.
	Ref any
}
