package retry_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/internal/retry"
)

func TestExponentialIsCappedWithJitter(t *testing.T) {
	d := retry.Exponential(time.Second, time.Minute)
	tests := []struct {
		name     string
		failures int
		top      time.Duration // the delay before jitter
	}{
		{"first failure", 1, time.Second},
		{"second", 2, 2 * time.Second},
		{"fifth", 5, 16 * time.Second},
		{"seventh reaches the cap", 7, time.Minute},
		{"hundredth stays at the cap", 100, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen := map[time.Duration]bool{}
			for range 200 {
				got := d(tt.failures)
				if got < tt.top/2 || got > tt.top {
					t.Fatalf("delay %v, want within [%v, %v]", got, tt.top/2, tt.top)
				}
				seen[got] = true
			}
			if len(seen) < 2 {
				t.Errorf("200 delays all %v: no jitter", d(tt.failures))
			}
		})
	}
}

func TestWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if !retry.Wait(context.Background(), 3*time.Second) || time.Since(start) != 3*time.Second {
			t.Fatalf("waited %v, want 3s", time.Since(start))
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		start = time.Now()
		if retry.Wait(ctx, time.Hour) || time.Since(start) != time.Second {
			t.Fatalf("a canceled wait took %v, want 1s", time.Since(start))
		}
		if retry.Wait(ctx, 0) {
			t.Error("Wait(0) on an ended context reports true")
		}
	})
}

func TestUntil(t *testing.T) {
	errDown, errBad := errors.New("down"), errors.New("bad token")
	fatal := func(err error) error {
		if errors.Is(err, errBad) {
			return fmt.Errorf("refused: %w", err)
		}
		return nil
	}
	noWait := func(int) time.Duration { return 0 }
	tests := []struct {
		name     string
		results  []error // of successive attempts; past the end, errDown
		cancel   bool
		want     error
		attempts int
	}{
		{"succeeds at once", []error{nil}, false, nil, 1},
		{"succeeds after failures", []error{errDown, errDown, nil}, false, nil, 3},
		{"fatal stops at once", []error{errDown, errBad, nil}, false, errBad, 2},
		{"ends with ctx", nil, true, context.Canceled, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			attempts, failures := 0, 0
			attempt := func() error {
				attempts++
				if tt.cancel {
					cancel()
				}
				if attempts <= len(tt.results) {
					return tt.results[attempts-1]
				}
				return errDown
			}
			err := retry.Until(ctx, attempt, fatal, noWait, func(n int, _ time.Duration, _ error) { failures = n })
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Until = %v, want %v", err, tt.want)
			}
			if attempts != tt.attempts {
				t.Errorf("%d attempts, want %d", attempts, tt.attempts)
			}
			if tt.want == nil && failures != attempts-1 {
				t.Errorf("told of %d failures, want %d", failures, attempts-1)
			}
		})
	}
}
