package bot_test

import (
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
)

func TestMemoryClaimsConformance(t *testing.T) {
	statetest.RunClaims(t, func(_ *testing.T, now func() time.Time, retention time.Duration) statetest.ClaimsStore {
		return bot.NewMemoryClaims(retention, 10_000, now)
	})
}

func TestMemoryConversationsConformance(t *testing.T) {
	statetest.RunConversations(t, func(_ *testing.T, now func() time.Time) statetest.ConversationStore {
		return bot.NewMemoryConversations(10_000, now)
	})
}

func TestMemoryRateLimitsConformance(t *testing.T) {
	statetest.RunRateLimits(t, func(_ *testing.T, now func() time.Time) bot.RateLimits {
		return bot.NewMemoryRateLimits(now)
	})
}

func TestMemoryLeasesConformance(t *testing.T) {
	statetest.RunLeases(t, func(_ *testing.T, now func() time.Time) bot.Leases {
		return bot.NewMemoryLeases(now)
	})
}
