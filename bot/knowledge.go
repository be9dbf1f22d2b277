package bot

import "time"

// Knowledge is what a bot replies with: its topics' answers and the texts
// around them. The bot never changes it.
type Knowledge struct {
	// Version identifies the knowledge (a content hash); replies carry it.
	Version string
	// Topics in the order they are listed.
	Topics []Topic
	// Guidance is the contact guidance that ends every reply; the bot has a
	// default for an empty one.
	Guidance string
	// GuidanceShort, when not empty, replaces Guidance in the later turns
	// of a conversation, where the full text would only repeat itself.
	GuidanceShort string
	// Fallback is the answer when nothing matches.
	Fallback string
	// FallbackTopics are topic ids suggested with the fallback; without
	// any, the first topics are.
	FallbackTopics []string
	// Clarify is the question asked when topics are close; the bot has a
	// default for an empty one.
	Clarify string
	// OutOfScope, when not empty, replaces Fallback for messages closer to
	// the out-of-scope examples than to any topic.
	OutOfScope string
	// Languages are the knowledge's languages, the default (the one of
	// the texts above) first; empty or one for a knowledge in one.
	Languages []string
	// Langs are the texts above in the other languages, by code.
	Langs map[string]Texts
}

// Topic is one thing the bot can answer.
type Topic struct {
	ID    string
	Title string
	// Answer is the reply, in Markdown.
	Answer string
	// Contact is a contact line shown before the guidance.
	Contact string
	// Related are ids of topics offered as follow-ups.
	Related []string
	// ReviewBy is the day by which the answer should be checked again;
	// zero when not set.
	ReviewBy time.Time
	// Links are resources the answer points to, shown before the guidance.
	Links []Link
	// FollowUps answer the questions that come after this answer.
	FollowUps []FollowUp
	// Langs are the title and answer in the knowledge's other languages,
	// by code.
	Langs map[string]TopicText
	// DiscordTag is the name of the Discord forum tag for this topic;
	// empty means a tag named like the title or the id.
	DiscordTag string
	// Folder is the knowledge sub-folder the topic is defined in
	// ("platforms", "capture/documents"); empty for the folder's top.
	Folder string
}

// PastReview reports whether the topic's review_by day ended before now.
func (t Topic) PastReview(now time.Time) bool {
	return !t.ReviewBy.IsZero() && !now.Before(t.ReviewBy.AddDate(0, 0, 1))
}
