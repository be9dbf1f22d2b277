// Package intents holds intent definitions, their loading from a knowledge
// folder (an fs.FS), and the matching of a message against them.
//
// The package is pure: no network, no globals that change, and the same
// knowledge and message always give the same result.
package intents

import "time"

// Intent is one topic the bot can answer, defined by one Markdown file in the
// knowledge folder.
type Intent struct {
	// ID is the kebab-case identifier, unique in the folder.
	ID string
	// Title is a short name shown on buttons and in menus.
	Title string
	// Examples are things people actually write when they need this answer.
	Examples []string
	// Keywords are single words that strongly signal this intent.
	Keywords []string
	// Contact is an optional contact line tailored to this intent. It is shown
	// before the general guidance, never instead of it.
	Contact string
	// Related lists ids of intents offered as follow-up topics.
	Related []string
	// Answer is the reply, in Markdown.
	Answer string
	// Owner names who keeps this answer right (optional).
	Owner string
	// ReviewBy is the day by which the answer should be checked again;
	// zero when not set.
	ReviewBy time.Time
	// Links are resources the answer points to ("links": title and https
	// url), shown before the guidance.
	Links []Link
	// FollowUps are short answers to questions that come after this
	// answer ("followups": examples and an answer).
	FollowUps []FollowUp
	// DiscordTag is the name of the Discord forum tag for this topic
	// ("discord_tag"), applied to a forum post it answers; empty means a
	// tag named like the title or the id.
	DiscordTag string
	// File is the path of the defining file inside the knowledge folder.
	File string
	// ExampleLines are the lines of Examples in File.
	ExampleLines []int
	// Langs are the topic's texts in the folder's other languages, by
	// language code; nil when it has none. The fields above are in the
	// folder's default language.
	Langs map[string]Translation
}

// PastReview reports whether the intent's review_by day ended before now.
func (in Intent) PastReview(now time.Time) bool {
	return !in.ReviewBy.IsZero() && !now.Before(in.ReviewBy.AddDate(0, 0, 1))
}
