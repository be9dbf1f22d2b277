package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// migrations run in order, each once, recorded in
// helpdesk_state_migrations (apart from the analytics store's record, so
// that both may share a database).
var migrations = []string{
	`CREATE TABLE helpdesk_claims (
		key TEXT PRIMARY KEY,
		owner TEXT NOT NULL,
		claimed_at TIMESTAMPTZ NOT NULL,
		expires_at TIMESTAMPTZ NOT NULL,
		done BOOLEAN NOT NULL DEFAULT false
	);
	CREATE INDEX helpdesk_claims_claimed_at ON helpdesk_claims (claimed_at);
	CREATE TABLE helpdesk_conversations (
		key TEXT PRIMARY KEY,
		state JSONB NOT NULL,
		expires_at TIMESTAMPTZ NOT NULL
	);
	CREATE INDEX helpdesk_conversations_expires_at ON helpdesk_conversations (expires_at);`,
	`CREATE TABLE helpdesk_rate_limits (
		key BYTEA PRIMARY KEY,
		tokens DOUBLE PRECISION NOT NULL,
		at TIMESTAMPTZ NOT NULL,
		last SMALLINT NOT NULL,
		full_at TIMESTAMPTZ NOT NULL
	);
	CREATE INDEX helpdesk_rate_limits_full_at ON helpdesk_rate_limits (full_at);`,
	`CREATE TABLE helpdesk_leases (
		name TEXT PRIMARY KEY,
		holder TEXT NOT NULL,
		expires_at TIMESTAMPTZ NOT NULL
	);`,
}

// migrationLock is the advisory lock that lets one replica migrate at a
// time (the analytics store takes another).
const migrationLock = 4243

// migrate brings the schema up to date in one transaction.
func (s *Store) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS helpdesk_state_migrations (
			version INT PRIMARY KEY,
			applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
		)`); err != nil {
			return err
		}
		var version int
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM helpdesk_state_migrations`).Scan(&version); err != nil {
			return err
		}
		for i := version; i < len(migrations); i++ {
			if _, err := tx.Exec(ctx, migrations[i]); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO helpdesk_state_migrations (version) VALUES ($1)`, i+1); err != nil {
				return err
			}
		}
		return nil
	})
}
