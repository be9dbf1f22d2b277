package bot

// ChannelAnswer says which messages of a channel an adapter answers, as a
// channel's settings give it.
type ChannelAnswer string

// The values of ChannelAnswer.
const (
	// AnswerDefault keeps the adapter's choice: every message in help
	// channels (and, on Discord, forum posts), mentions elsewhere.
	AnswerDefault ChannelAnswer = ""
	// AnswerAuto answers every top-level message, as in a help channel.
	AnswerAuto ChannelAnswer = "auto"
	// AnswerMention answers only messages that mention the bot, even in a
	// help channel.
	AnswerMention ChannelAnswer = "mention"
)

// Valid reports whether a is one of the values above.
func (a ChannelAnswer) Valid() bool {
	return a == AnswerDefault || a == AnswerAuto || a == AnswerMention
}
