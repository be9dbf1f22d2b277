package postgres_test

import (
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/state/statetest"
)

func TestLeasesConformance(t *testing.T) {
	statetest.RunLeases(t, func(t *testing.T, now func() time.Time) bot.Leases {
		return open(t, statetest.PostgresSchema(t), postgres.WithClock(now)).Leases()
	})
}
