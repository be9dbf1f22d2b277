package bot_test

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

func TestPersonalDataGuard(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	ctx := context.Background()
	tests := []struct {
		name    string
		msg     bot.Message
		guarded bool
	}{
		{"passport number in a channel", bot.Message{Text: "my passport number X12345678 keeps getting rejected", Public: true}, true},
		{"card number in a channel", bot.Message{Text: "4111 1111 1111 1111 was refused", Public: true}, true},
		{"image in a channel", bot.Message{Text: "is this photo ok?", Public: true, Images: 1}, true},
		{"same number in a direct message", bot.Message{Text: "my passport number X12345678 keeps getting rejected"}, false},
		{"order number in a channel", bot.Message{Text: "my order A1234567 never came, stuck on selfie", Public: true}, false},
		{"date in a channel", bot.Message{Text: "selfie failed on 2026-11-27", Public: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Answer(ctx, tt.msg)
			if (r.Outcome == bot.Guarded) != tt.guarded {
				t.Fatalf("outcome %s", r.Outcome)
			}
			if tt.guarded {
				if !r.Private || r.Silent {
					t.Errorf("private %v silent %v", r.Private, r.Silent)
				}
				assertGuidance(t, r)
			}
		})
	}
}

func TestPersonalDataGuardKinds(t *testing.T) {
	b := newBot(t, shippedIndex(t))
	ctx := context.Background()
	tests := []struct {
		name    string
		text    string
		guarded bool
	}{
		{"ssn without dashes", "my ssn is 219099999 why does it fail", true},
		{"ssn after social", "my social 219 09 9999 didnt work", true},
		{"licence in threes", "dl 123 456 789 from NY keeps failing", true},
		{"aadhaar grouped", "aadhaar 2345 6789 0124 not linking", true},
		{"cpf", "meu CPF é 123.456.789-09 e não valida", true},
		{"iban", "my IBAN is DE89 3704 0044 0532 0130 00", true},
		{"date of birth by a name", "Maria Garcia 14/02/1990 is on my passport", true},
		{"address", "I live at 221B Baker Street, London NW1 6XE", true},
		{"card over two lines", "card 4111 1111\n1111 1111 please", true},
		{"full-width card", "４１１１ １１１１ １１１１ １１１１", true},
		{"case number beside id", "my case 00123456 about my ID", false},
		{"session uuid", "id check session 550e8400-e29b-41d4-a716-446655440000 failed", false},
		{"sign-in error", "got AADSTS50076 on the ID step", false},
		{"one-time code", "my code 123456 didn't arrive for the id check", false},
		{"okta org id", "our Okta org id is 00o1a2B3c4D5e6F7g8h9 and the id step breaks", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.Answer(ctx, bot.Message{Text: tt.text, Public: true})
			if (r.Outcome == bot.Guarded) != tt.guarded {
				t.Fatalf("outcome %s for %q", r.Outcome, tt.text)
			}
		})
	}
}

func TestImageGuardPerChannel(t *testing.T) {
	ctx := context.Background()
	images := bot.Message{Text: "is this screen right?", Public: true, Images: 1}
	tests := []struct {
		name    string
		guard   bot.ImageGuard
		channel string
		guarded bool
	}{
		{"on by default", bot.DefaultImageGuard(), "C1", true},
		{"off in one channel", bot.ImageGuard{Default: true, Channels: map[string]bool{"C1": false}}, "C1", false},
		{"still on in another", bot.ImageGuard{Default: true, Channels: map[string]bool{"C1": false}}, "C2", true},
		{"off everywhere but one", bot.ImageGuard{Channels: map[string]bool{"C1": true}}, "C1", true},
		{"off everywhere", bot.ImageGuard{}, "C2", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := bot.New(shippedIndex(t), bot.DefaultThresholds(), bot.WithImageGuard(tt.guard))
			if err != nil {
				t.Fatal(err)
			}
			m := images
			m.Channel = tt.channel
			if r := b.Answer(ctx, m); (r.Outcome == bot.Guarded) != tt.guarded {
				t.Fatalf("outcome %s", r.Outcome)
			}
			// Numbers are guarded whatever the image rule.
			m.Text = "my passport number X12345678 keeps getting rejected"
			if r := b.Answer(ctx, m); r.Outcome != bot.Guarded {
				t.Fatalf("passport number with the image rule %+v: outcome %s", tt.guard, r.Outcome)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b, err := bot.New(shippedIndex(t), bot.DefaultThresholds(), bot.WithRateLimit(60, 2)) // one a second, bursts of two
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		ask := func(user string) bot.Reply {
			return b.Answer(ctx, bot.Message{Text: "nfc", User: user, Adapter: "slack"})
		}
		for i := range 2 {
			if r := ask("U1"); r.Outcome != bot.Answered {
				t.Fatalf("message %d within the burst: %s", i+1, r.Outcome)
			}
		}
		notice := ask("U1")
		if notice.Outcome != bot.Limited || notice.Silent {
			t.Fatalf("over the limit: %s silent=%v", notice.Outcome, notice.Silent)
		}
		assertGuidance(t, notice)
		if r := ask("U1"); r.Outcome != bot.Limited || !r.Silent {
			t.Fatalf("after the notice: %s silent=%v", r.Outcome, r.Silent)
		}
		if r := ask("U2"); r.Outcome != bot.Answered {
			t.Fatalf("another person was limited: %s", r.Outcome)
		}
		if r := b.Answer(ctx, bot.Message{Text: "nfc", User: "U1", Adapter: "discord"}); r.Outcome != bot.Answered {
			t.Fatalf("the same id on another platform was limited: %s", r.Outcome)
		}
		time.Sleep(1100 * time.Millisecond) // the bubble's clock
		if r := ask("U1"); r.Outcome != bot.Answered {
			t.Fatalf("after a token came back: %s", r.Outcome)
		}
		if r := ask("U1"); r.Outcome != bot.Limited {
			t.Fatalf("one token came back, not two: %s", r.Outcome)
		}
		// Long idle: U1's bucket is forgotten with its generation, and U1
		// starts again with a full burst.
		time.Sleep(time.Hour)
		for i := range 2 {
			if r := ask("U1"); r.Outcome != bot.Answered {
				t.Fatalf("message %d after an hour: %s", i+1, r.Outcome)
			}
		}
		if r := ask("U1"); r.Outcome != bot.Limited {
			t.Fatalf("a forgotten bucket came back with more than the burst: %s", r.Outcome)
		}
	})
}

// TestRateLimitKeepsBucketsAcrossGenerations: a bucket used in one
// generation and again in the next keeps what it spent.
func TestRateLimitKeepsBucketsAcrossGenerations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// A token a minute, bursts of two: an empty bucket refills in 2 minutes.
		b, err := bot.New(shippedIndex(t), bot.DefaultThresholds(), bot.WithRateLimit(1, 2))
		if err != nil {
			t.Fatal(err)
		}
		ask := func(user string) bot.Outcome {
			return b.Answer(context.Background(), bot.Message{Text: "nfc", User: user, Adapter: "http"}).Outcome
		}
		ask("other") // starts the first generation
		for range 4 {
			time.Sleep(50 * time.Second) // generations turn every 2 minutes
			ask("U1")
		}
		// U1 spent 4 tokens in 200 s and got back 2.5: not one left.
		if got := ask("U1"); got != bot.Limited {
			t.Fatalf("the bucket was forgotten while in use: %s", got)
		}
	})
}

func TestRateLimitByAddress(t *testing.T) {
	tests := []struct {
		name string
		// msg returns the i-th message of a flood from one address.
		msg func(i int) bot.Message
		// answered is how many of the flood are answered.
		answered int
	}{
		{"no user: the address is the person", func(int) bot.Message {
			return bot.Message{Text: "nfc", Addr: "192.0.2.1", Adapter: "http"}
		}, 2},
		{"a new user per message: the address limit", func(i int) bot.Message {
			return bot.Message{Text: "nfc", User: fmt.Sprint("u", i), Addr: "192.0.2.1", Adapter: "http"}
		}, 5},
		{"one user: the person's limit", func(int) bot.Message {
			return bot.Message{Text: "nfc", User: "u", Addr: "192.0.2.1", Adapter: "http"}
		}, 2},
		{"neither: not limited", func(int) bot.Message {
			return bot.Message{Text: "nfc", Adapter: "http"}
		}, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b, err := bot.New(shippedIndex(t), bot.DefaultThresholds(), bot.WithRateLimit(60, 2), bot.WithAddressRateLimit(60, 5))
				if err != nil {
					t.Fatal(err)
				}
				answered := 0
				for i := range 20 {
					if r := b.Answer(context.Background(), tt.msg(i)); r.Outcome == bot.Answered {
						answered++
					}
				}
				if answered != tt.answered {
					t.Fatalf("%d of 20 answered, want %d", answered, tt.answered)
				}
				other := b.Answer(context.Background(), bot.Message{Text: "nfc", Addr: "192.0.2.2", Adapter: "http"})
				if other.Outcome != bot.Answered {
					t.Errorf("another address was limited: %s", other.Outcome)
				}
			})
		})
	}
}

// BenchmarkRateLimitNewPeople is a message from someone new while 100,000
// people have recent buckets.
func BenchmarkRateLimitNewPeople(b *testing.B) {
	bt, err := bot.New(shippedIndex(b), bot.DefaultThresholds(), bot.WithRateLimit(20, 5))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := range 100_000 {
		bt.Answer(ctx, bot.Message{User: fmt.Sprint("warm", i), Adapter: "http"})
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		bt.Answer(ctx, bot.Message{User: fmt.Sprint("new", i), Adapter: "http"})
	}
}
