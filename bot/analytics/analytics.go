// Package analytics records conversation turns and feedback, and reports on
// them: volume by intent and adapter, the fallback rate, unanswered
// questions grouped by wording, the intents with the most 👎, and answers
// given with low confidence. Text is redacted before it is stored.
package analytics

import (
	"context"
	"time"
)

// Turn is one recorded conversation turn.
type Turn struct {
	Time    time.Time
	Adapter string
	// User is a keyed hash of the person's id, never the id itself.
	User string
	// Text is what the person wrote, with personal data masked.
	Text       string
	Intent     string
	Outcome    string
	Confidence float64
	// RunnerUp is the second candidate's intent, if any.
	RunnerUp  string
	Latency   time.Duration
	Knowledge string
	// Handoff is the reason a person was first called into the
	// conversation in this turn ("asked", "chosen", "fallbacks"), or "".
	Handoff string
	// HandoffTopic is, with Handoff, the topic the conversation last
	// answered before, or "".
	HandoffTopic string
}

// Feedback is one recorded 👍 or 👎.
type Feedback struct {
	Time    time.Time
	Adapter string
	User    string
	Intent  string
	Helpful bool
}

// Store keeps turns and feedback. Implementations are safe for concurrent
// use.
type Store interface {
	// AddTurns and AddFeedback write a batch. A person has one vote per
	// turn: a later click changes it, never adds one.
	AddTurns(ctx context.Context, turns []Turn) error
	AddFeedback(ctx context.Context, feedback []Feedback) error
	// Volume counts turns since a time by intent, adapter and outcome.
	Volume(ctx context.Context, since time.Time) ([]Count, error)
	// Timeline counts turns since a time by hour and outcome, oldest
	// first.
	Timeline(ctx context.Context, since time.Time) ([]HourCount, error)
	// Unanswered returns the fallback and clarify turns since a time, newest
	// first, at most limit.
	Unanswered(ctx context.Context, since time.Time, limit int) ([]Turn, error)
	// LowConfidence returns answered turns under a confidence, lowest first.
	LowConfidence(ctx context.Context, since time.Time, below float64, limit int) ([]Turn, error)
	// Votes counts feedback since a time by intent.
	Votes(ctx context.Context, since time.Time) ([]Vote, error)
	// Handoffs counts the turns since a time that called a person, by the
	// topic answered before and the reason, most first.
	Handoffs(ctx context.Context, since time.Time) ([]HandoffCount, error)
	// Disliked returns the turns whose answers got a 👎 since a time, at
	// most limit: what was asked, and what was answered.
	Disliked(ctx context.Context, since time.Time, limit int) ([]Turn, error)
	// DeleteBefore removes turns and feedback older than a time.
	DeleteBefore(ctx context.Context, t time.Time) (int64, error)
	// DeleteUser removes one person's turns and feedback.
	DeleteUser(ctx context.Context, user string) (int64, error)
	Close() error
}

// Count is a number of turns for one intent, adapter and outcome.
type Count struct {
	Intent, Adapter, Outcome string
	N                        int64
}

// HourCount is a number of turns with one outcome in one hour.
type HourCount struct {
	// Hour is the hour's start, in UTC.
	Hour    time.Time
	Outcome string
	N       int64
}

// HandoffCount is a number of handoffs after one topic for one reason.
type HandoffCount struct {
	// Topic is the topic answered before the person was called; "" for
	// none.
	Topic  string `json:"topic"`
	Reason string `json:"reason"`
	N      int64  `json:"n"`
}

// Vote is the feedback on one intent.
type Vote struct {
	Intent   string
	Up, Down int64
}
