package analytics_test

import (
	"context"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// fakeStore is a Store whose answers are set per test; an unset function
// answers nothing.
type fakeStore struct {
	volume     func(ctx context.Context, since time.Time) ([]analytics.Count, error)
	timeline   func(ctx context.Context, since time.Time) ([]analytics.HourCount, error)
	unanswered func(ctx context.Context, since time.Time, limit int) ([]analytics.Turn, error)
	votes      func(ctx context.Context, since time.Time) ([]analytics.Vote, error)
	handoffs   func(ctx context.Context, since time.Time) ([]analytics.HandoffCount, error)
}

var _ analytics.Store = (*fakeStore)(nil)

func (f *fakeStore) AddTurns(context.Context, []analytics.Turn) error        { return nil }
func (f *fakeStore) AddFeedback(context.Context, []analytics.Feedback) error { return nil }

func (f *fakeStore) Volume(ctx context.Context, since time.Time) ([]analytics.Count, error) {
	if f.volume == nil {
		return nil, nil
	}
	return f.volume(ctx, since)
}

func (f *fakeStore) Timeline(ctx context.Context, since time.Time) ([]analytics.HourCount, error) {
	if f.timeline == nil {
		return nil, nil
	}
	return f.timeline(ctx, since)
}

func (f *fakeStore) Unanswered(ctx context.Context, since time.Time, limit int) ([]analytics.Turn, error) {
	if f.unanswered == nil {
		return nil, nil
	}
	return f.unanswered(ctx, since, limit)
}

func (f *fakeStore) LowConfidence(context.Context, time.Time, float64, int) ([]analytics.Turn, error) {
	return nil, nil
}

func (f *fakeStore) Votes(ctx context.Context, since time.Time) ([]analytics.Vote, error) {
	if f.votes == nil {
		return nil, nil
	}
	return f.votes(ctx, since)
}

func (f *fakeStore) Handoffs(ctx context.Context, since time.Time) ([]analytics.HandoffCount, error) {
	if f.handoffs == nil {
		return nil, nil
	}
	return f.handoffs(ctx, since)
}

func (f *fakeStore) Disliked(context.Context, time.Time, int) ([]analytics.Turn, error) {
	return nil, nil
}
func (f *fakeStore) DeleteBefore(context.Context, time.Time) (int64, error) { return 0, nil }
func (f *fakeStore) DeleteUser(context.Context, string) (int64, error)      { return 0, nil }
func (f *fakeStore) Close() error                                           { return nil }
