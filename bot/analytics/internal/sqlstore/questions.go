package sqlstore

import (
	"context"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

var _ analytics.QuestionLister = (*Store)(nil)

// Questions returns the answered, clarify and fallback turns since a time
// whose text is a question, not a topic picked from a button; newest first.
func (s *Store) Questions(ctx context.Context, since time.Time, limit int) ([]analytics.Turn, error) {
	return s.turns(ctx, `WHERE at >= ? AND outcome IN ('answered', 'clarify', 'fallback') AND text NOT LIKE '[topic %'
		ORDER BY at DESC LIMIT ?`, since.UnixMicro(), limit)
}
