package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Conversations is a bot.ConversationStore in the store's
// helpdesk_conversations table: each state as JSON, with the time it
// expires.
type Conversations struct{ s *Store }

var _ bot.ConversationStore = (*Conversations)(nil)

// storedState is a bot.ConversationState as stored, with names of its own
// so that renaming a Go field does not lose what replicas stored.
type storedState struct {
	Topics    []string     `json:"topics,omitempty"`
	Last      string       `json:"last,omitempty"`
	Runners   []string     `json:"runners,omitempty"`
	Offered   []bot.Choice `json:"offered,omitempty"`
	Fallbacks int          `json:"fallbacks,omitempty"`
	Turns     int          `json:"turns,omitempty"`
	HandedOff bool         `json:"handed_off,omitempty"`
	HandoffAt time.Time    `json:"handoff_at,omitzero"`
	Language  string       `json:"language,omitempty"`
}

func toStored(s bot.ConversationState) storedState {
	return storedState{Topics: s.Topics, Last: s.Last, Runners: s.Runners, Offered: s.Offered,
		Fallbacks: s.Fallbacks, Turns: s.Turns, HandedOff: s.HandedOff, HandoffAt: s.HandoffAt, Language: s.Language}
}

func (s storedState) state() bot.ConversationState {
	return bot.ConversationState{Topics: s.Topics, Last: s.Last, Runners: s.Runners, Offered: s.Offered,
		Fallbacks: s.Fallbacks, Turns: s.Turns, HandedOff: s.HandedOff, HandoffAt: s.HandoffAt, Language: s.Language}
}

// Get returns the state under key, unless it has expired.
func (c *Conversations) Get(ctx context.Context, key string) (bot.ConversationState, bool, error) {
	var raw []byte
	err := c.s.queryRow(ctx, `SELECT state FROM helpdesk_conversations
		WHERE key = $1 AND expires_at > COALESCE($2::timestamptz, now())`, key, c.s.clock()).Scan(&raw)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return bot.ConversationState{}, false, nil
	case err != nil:
		return bot.ConversationState{}, false, fmt.Errorf("state: get conversation: %w", err)
	}
	var st storedState
	if err := json.Unmarshal(raw, &st); err != nil {
		return bot.ConversationState{}, false, fmt.Errorf("state: read conversation: %w", err)
	}
	return st.state(), true, nil
}

// Put stores st under key for ttl.
func (c *Conversations) Put(ctx context.Context, key string, st bot.ConversationState, ttl time.Duration) error {
	raw, err := json.Marshal(toStored(st))
	if err != nil {
		return fmt.Errorf("state: write conversation: %w", err)
	}
	_, err = c.s.exec(ctx, `INSERT INTO helpdesk_conversations (key, state, expires_at)
		SELECT $1, $2::jsonb, COALESCE($3::timestamptz, now()) + $4::bigint * interval '1 microsecond'
		ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, expires_at = EXCLUDED.expires_at`,
		key, string(raw), c.s.clock(), ttl.Microseconds())
	if err != nil {
		return fmt.Errorf("state: put conversation: %w", err)
	}
	return nil
}

// Delete forgets the state under key.
func (c *Conversations) Delete(ctx context.Context, key string) error {
	if _, err := c.s.exec(ctx, `DELETE FROM helpdesk_conversations WHERE key = $1`, key); err != nil {
		return fmt.Errorf("state: delete conversation: %w", err)
	}
	return nil
}

// Sweep deletes the expired conversations, through the index on
// expires_at, in batches; it returns how many it deleted.
func (c *Conversations) Sweep(ctx context.Context) (int64, error) {
	n, err := c.s.deleteInBatches(ctx, `DELETE FROM helpdesk_conversations WHERE key IN (
		SELECT key FROM helpdesk_conversations WHERE expires_at <= COALESCE($1::timestamptz, now())
		LIMIT `+fmt.Sprint(sweepBatch)+`)`, c.s.clock())
	if err != nil {
		return n, fmt.Errorf("state: delete expired conversations: %w", err)
	}
	return n, nil
}

// String names the store in logs.
func (c *Conversations) String() string { return "postgres" }
