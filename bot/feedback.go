package bot

import (
	"context"
	"time"
)

// Feedback is a person's rating of a reply: the 👍 or 👎 under an answer.
type Feedback struct {
	// Adapter names the platform ("slack", "discord").
	Adapter string
	// User and Channel identify the person and conversation on the platform.
	User, Channel string
	// Reply identifies the rated message on the platform (a Slack ts, a
	// Discord message id).
	Reply string
	// Intent is the id of the answered intent.
	Intent string
	// Helpful is true for 👍 and false for 👎.
	Helpful bool
	// Time is when the person clicked.
	Time time.Time
}

// FeedbackRecorder stores feedback. Adapters call it when someone clicks a
// feedback button; implementations must be safe for concurrent use.
type FeedbackRecorder interface {
	RecordFeedback(ctx context.Context, f Feedback) error
}

// FeedbackFunc lets an ordinary function be a FeedbackRecorder.
type FeedbackFunc func(ctx context.Context, f Feedback) error

// RecordFeedback calls f.
func (f FeedbackFunc) RecordFeedback(ctx context.Context, fb Feedback) error { return f(ctx, fb) }

// DiscardFeedback is a FeedbackRecorder that keeps nothing, for when no
// store is configured.
var DiscardFeedback FeedbackRecorder = FeedbackFunc(func(context.Context, Feedback) error { return nil })
