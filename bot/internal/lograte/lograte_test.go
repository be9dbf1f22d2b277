package lograte_test

import (
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/lograte"
)

func TestLimiterLetsOneLineThroughPerInterval(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	l := lograte.New(time.Minute, func() time.Time { return now })
	steps := []struct {
		name       string
		advance    time.Duration
		ok         bool
		suppressed int
	}{
		{"first line", 0, true, 0},
		{"at once after", 0, false, 0},
		{"59 s later", 59 * time.Second, false, 0},
		{"a minute after the first", time.Second, true, 2},
		{"right after", time.Millisecond, false, 0},
		{"an hour later", time.Hour, true, 1},
		{"another minute, nothing held back", time.Minute, true, 0},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		if ok, n := l.Allow(); ok != s.ok || n != s.suppressed {
			t.Fatalf("%s: Allow() = %v, %d; want %v, %d", s.name, ok, n, s.ok, s.suppressed)
		}
	}
}
