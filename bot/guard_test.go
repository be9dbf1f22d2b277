package bot_test

import (
	"context"
	"testing"
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

func TestRateLimit(t *testing.T) {
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
	time.Sleep(1100 * time.Millisecond)
	if r := ask("U1"); r.Outcome != bot.Answered {
		t.Fatalf("after a token came back: %s", r.Outcome)
	}
}
