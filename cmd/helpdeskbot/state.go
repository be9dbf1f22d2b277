package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/metrics"
	"github.com/helpdeskbot/helpdeskbot/bot/state"
	statepg "github.com/helpdeskbot/helpdeskbot/bot/state/postgres"
)

// StateConfig configures the state several replicas of serve share.
type StateConfig struct {
	// PostgresURL is a PostgreSQL database (postgres://...) where replicas
	// share event and click claims, conversations, rate-limit buckets
	// and the Discord gateway lease; empty keeps them in this process's
	// memory. It may be the analytics database.
	PostgresURL string
	// ClaimLease is how long a replica's claim on an event keeps it from
	// the others until the event is answered: the longest a retry waits
	// when the replica that claimed it died.
	ClaimLease time.Duration
}

// Bounds of state.claim_lease: longer than an answer takes, shorter than
// Slack's retries (the last comes after about five minutes).
const (
	minClaimLease = time.Second
	maxClaimLease = 5 * time.Minute
)

// validate reports an invalid value, naming its key.
func (c StateConfig) validate() error {
	if c.ClaimLease < minClaimLease || c.ClaimLease > maxClaimLease {
		return fmt.Errorf("state.claim_lease: %v must be between %v and %v", c.ClaimLease, minClaimLease, maxClaimLease)
	}
	if c.PostgresURL == "" {
		return nil
	}
	u, err := url.Parse(c.PostgresURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		// The value is not shown: it may hold a password.
		return fmt.Errorf("state.postgres_url: not a URL like postgres://user:password@host:5432/database")
	}
	return nil
}

// sweepEvery is how often serve deletes old claims, expired
// conversations and full rate-limit buckets from the shared store.
const sweepEvery = time.Minute

// sharedState is the state serve shares with other replicas in
// PostgreSQL, falling back to this process's memory while the database
// fails.
type sharedState struct {
	store         *statepg.Store
	fallback      *state.Fallback
	claims        bot.Claims
	conversations bot.ConversationStore
	rateLimits    bot.RateLimits
	// leases hold the Discord gateway: a failing store keeps it as it is,
	// so there is no fallback to memory.
	leases bot.Leases
}

// claimsInMemory bounds the claims kept in memory while the shared store
// fails.
const claimsInMemory = 100_000

// openSharedState opens the database of cfg.State (running its
// migrations); local is the conversation store to fall back to.
func openSharedState(ctx context.Context, cfg StateConfig, local bot.ConversationStore, log *slog.Logger, m *metrics.Metrics) (*sharedState, error) {
	// The first attempt waits a little: a database that is down must not
	// hold serve's start for long.
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	// A database that does not answer yet does not stop serve: it answers
	// from memory meanwhile, and the store connects and migrates once it
	// can. Only a URL it cannot read is an error.
	store, ready, err := statepg.OpenLazy(ctx, cfg.PostgresURL)
	if err != nil {
		return nil, err
	}
	fb := state.NewFallback(log.With("store", "state"), nil, m.StateFallback)
	if ready != nil {
		fb.Down(ready)
	}
	s := &sharedState{
		store:         store,
		fallback:      fb,
		claims:        bot.ClaimsWithLease(fb.Claims(store.Claims(), bot.NewMemoryClaims(bot.DefaultClaimRetention, claimsInMemory, nil)), cfg.ClaimLease),
		conversations: fb.Conversations(store.Conversations(), local),
		rateLimits:    fb.RateLimits(store.RateLimits(), bot.NewMemoryRateLimits(nil)),
		leases:        store.Leases(),
	}
	if ready == nil {
		log.Info("shared state store: postgres", "claims", "shared", "conversations", "shared", "rate_limits", "shared", "discord_gateway", "leased")
	}
	return s, nil
}

// sweep deletes claims past their retention and expired conversations
// every sweepEvery until ctx ends.
func (s *sharedState) sweep(ctx context.Context, log *slog.Logger, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(sweepEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			swept, err := s.store.Sweep(ctx)
			if err != nil && ctx.Err() == nil {
				log.Warn("shared state sweep failed", "err", err)
			} else if swept.Total() > 0 {
				log.Debug("shared state sweep", "claims", swept.Claims, "conversations", swept.Conversations, "rate_limits", swept.RateLimits)
			}
		}
	}()
}

// limitOptions are the bot's rate limits as cfg sets them, their buckets
// in shared when it is set (in this process's memory otherwise).
func limitOptions(cfg LimitsConfig, shared *sharedState) []bot.Option {
	opts := []bot.Option{bot.WithRateLimit(cfg.PerMinute, cfg.Burst), bot.WithAddressRateLimit(cfg.AddressPerMinute, cfg.AddressBurst)}
	if shared != nil {
		opts = append(opts, bot.WithRateLimits(shared.rateLimits))
	}
	return opts
}

// close closes the database.
func (s *sharedState) close() { s.store.Close() }
