package analytics

import (
	"time"
)

// Bucket is the turns of one hour or one day, by outcome.
type Bucket struct {
	// Start is the bucket's first instant, in UTC.
	Start    time.Time `json:"start"`
	Answered int64     `json:"answered"`
	Clarify  int64     `json:"clarify"`
	Fallback int64     `json:"fallback"`
}

// Total is every turn of the bucket.
func (b Bucket) Total() int64 { return b.Answered + b.Clarify + b.Fallback }

// FallbackRate is the share of the bucket's turns that fell back, 0 when
// it has none.
func (b Bucket) FallbackRate() float64 {
	if t := b.Total(); t > 0 {
		return float64(b.Fallback) / float64(t)
	}
	return 0
}

// hourlyUpTo is the longest period shown hour by hour; longer ones are
// shown day by day.
const hourlyUpTo = 48 * time.Hour

// maxBuckets bounds a timeline, whatever the period asked for.
const maxBuckets = 400

// timeline puts hourly counts into consecutive buckets from since to
// until: hours for a period of up to two days, UTC days beyond. Buckets
// with no turns are kept, so a quiet day shows as one.
func timeline(counts []HourCount, since, until time.Time) (width string, out []Bucket) {
	step, width := 24*time.Hour, "day"
	if until.Sub(since) <= hourlyUpTo {
		step, width = time.Hour, "hour"
	}
	start := since.UTC().Truncate(step)
	if !until.After(start) {
		return width, nil
	}
	n := min(maxBuckets, int(until.Sub(start)/step)+1)
	start = until.UTC().Truncate(step).Add(-time.Duration(n-1) * step)
	out = make([]Bucket, n)
	for i := range out {
		out[i].Start = start.Add(time.Duration(i) * step)
	}
	for _, c := range counts {
		i := int(c.Hour.Sub(start) / step)
		if c.Hour.Before(start) || i >= n {
			continue
		}
		switch c.Outcome {
		case "answered":
			out[i].Answered += c.N
		case "clarify":
			out[i].Clarify += c.N
		case "fallback":
			out[i].Fallback += c.N
		}
	}
	return width, out
}
