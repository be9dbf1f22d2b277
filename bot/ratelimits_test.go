package bot_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// rateLimitsFunc is a bot.RateLimits whose Take the test sets.
type rateLimitsFunc struct {
	take func(key string, limit bot.RateLimit) (bool, bool, error)
}

func (r rateLimitsFunc) Take(_ context.Context, key string, limit bot.RateLimit) (bool, bool, error) {
	return r.take(key, limit)
}

func TestRateLimitsStore(t *testing.T) {
	person := bot.RateLimit{PerMinute: 60, Burst: 2}
	address := bot.RateLimit{PerMinute: 120, Burst: 5}
	tests := []struct {
		name string
		take func(key string, limit bot.RateLimit) (bool, bool, error)
		want bot.Outcome
		// silent is the reply's Silent when limited.
		silent bool
		logged string
	}{
		{"a token: answered", func(string, bot.RateLimit) (bool, bool, error) { return true, false, nil }, bot.Answered, false, ""},
		{"none, notice: limited, told", func(string, bot.RateLimit) (bool, bool, error) { return false, true, nil }, bot.Limited, false, ""},
		{"none, noticed: limited, silent", func(string, bot.RateLimit) (bool, bool, error) { return false, false, nil }, bot.Limited, true, ""},
		{"the address is over: limited", func(key string, _ bot.RateLimit) (bool, bool, error) {
			return !strings.Contains(key, "\x00a\x00"), true, nil
		}, bot.Limited, false, ""},
		{"a failing store: answered, logged", func(string, bot.RateLimit) (bool, bool, error) {
			return false, false, errors.New("connection refused")
		}, bot.Answered, false, "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var keys []string
			var limits []bot.RateLimit
			store := rateLimitsFunc{take: func(key string, limit bot.RateLimit) (bool, bool, error) {
				keys, limits = append(keys, key), append(limits, limit)
				return tt.take(key, limit)
			}}
			logs := &testkit.LogBuffer{}
			b, err := bot.New(shippedIndex(t), bot.DefaultThresholds(), bot.WithLogger(slog.New(slog.NewTextHandler(logs, nil))),
				bot.WithRateLimit(person.PerMinute, person.Burst), bot.WithAddressRateLimit(address.PerMinute, address.Burst), bot.WithRateLimits(store))
			if err != nil {
				t.Fatal(err)
			}
			r := b.Answer(context.Background(), bot.Message{Text: "nfc", User: "U1", Addr: "192.0.2.1", Adapter: "http"})
			if r.Outcome != tt.want || (r.Outcome == bot.Limited && r.Silent != tt.silent) {
				t.Fatalf("outcome %s silent %v; want %s silent %v", r.Outcome, r.Silent, tt.want, tt.silent)
			}
			if len(keys) == 0 || keys[0] != "http\x00u\x00U1" || limits[0] != person {
				t.Fatalf("first take %q %+v; want the person's key and limit", keys, limits)
			}
			if len(keys) == 2 && (keys[1] != "http\x00a\x00192.0.2.1" || limits[1] != address) {
				t.Fatalf("second take %q %+v; want the address's key and limit", keys[1], limits[1])
			}
			if tt.logged != "" && !strings.Contains(logs.String(), tt.logged) {
				t.Fatalf("the failure is not logged:\n%s", logs.String())
			}
		})
	}
}
