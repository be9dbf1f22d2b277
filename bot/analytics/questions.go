package analytics

import (
	"context"
	"time"
)

// QuestionLister lists recorded questions: the turns the bot decided from
// what the person wrote. The SQLite and PostgreSQL stores are one.
type QuestionLister interface {
	// Questions returns the answered, clarify and fallback turns since a
	// time, newest first, at most limit. Picks of a topic from a button
	// (recorded as "[topic id]") are left out: nothing was written.
	Questions(ctx context.Context, since time.Time, limit int) ([]Turn, error)
}
