package analytics_test

import (
	"context"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

func TestReportTimeline(t *testing.T) {
	now := time.Date(2026, 11, 30, 14, 25, 0, 0, time.UTC)
	hour := now.Truncate(time.Hour)
	day := now.Truncate(24 * time.Hour)
	tests := []struct {
		name     string
		since    time.Time
		counts   []analytics.HourCount
		step     string
		buckets  int
		last     analytics.Bucket // the bucket of now
		firstSum int64            // turns in the first bucket
	}{
		{
			name:  "a day, hour by hour, quiet hours kept",
			since: hour.Add(-23 * time.Hour),
			counts: []analytics.HourCount{
				{Hour: hour.Add(-23 * time.Hour), Outcome: "answered", N: 4},
				{Hour: hour, Outcome: "answered", N: 2},
				{Hour: hour, Outcome: "clarify", N: 1},
				{Hour: hour, Outcome: "fallback", N: 3},
			},
			step: "hour", buckets: 24,
			last:     analytics.Bucket{Start: hour, Answered: 2, Clarify: 1, Fallback: 3},
			firstSum: 4,
		},
		{
			name:  "a week, day by day",
			since: day.Add(-6 * 24 * time.Hour),
			counts: []analytics.HourCount{
				{Hour: day.Add(-6*24*time.Hour + 3*time.Hour), Outcome: "fallback", N: 1},
				{Hour: day.Add(-6*24*time.Hour + 20*time.Hour), Outcome: "answered", N: 1},
				{Hour: hour, Outcome: "answered", N: 5},
			},
			step: "day", buckets: 7,
			last:     analytics.Bucket{Start: day, Answered: 5},
			firstSum: 2,
		},
		{
			name:    "nothing recorded",
			since:   day.Add(-29 * 24 * time.Hour),
			step:    "day",
			buckets: 30,
			last:    analytics.Bucket{Start: day},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &fakeStore{timeline: func(context.Context, time.Time) ([]analytics.HourCount, error) { return tt.counts, nil }}
			rep, err := analytics.BuildReportUntil(context.Background(), store, shippedMatcher(t), tt.since, now)
			if err != nil {
				t.Fatal(err)
			}
			if rep.TimelineStep != tt.step || len(rep.Timeline) != tt.buckets {
				t.Fatalf("timeline of %d buckets of a %s, want %d of a %s", len(rep.Timeline), rep.TimelineStep, tt.buckets, tt.step)
			}
			if got := rep.Timeline[len(rep.Timeline)-1]; !got.Start.Equal(tt.last.Start) || got.Answered != tt.last.Answered ||
				got.Clarify != tt.last.Clarify || got.Fallback != tt.last.Fallback {
				t.Errorf("last bucket %+v, want %+v", got, tt.last)
			}
			if got := rep.Timeline[0].Total(); got != tt.firstSum {
				t.Errorf("first bucket has %d turns, want %d", got, tt.firstSum)
			}
			for i := 1; i < len(rep.Timeline); i++ {
				if !rep.Timeline[i].Start.After(rep.Timeline[i-1].Start) {
					t.Fatalf("bucket %d does not follow bucket %d", i, i-1)
				}
			}
		})
	}
}
