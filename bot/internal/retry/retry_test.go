package retry_test

import (
	"context"
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
