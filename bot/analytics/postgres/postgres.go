// Package postgres is the analytics store in a PostgreSQL database, for
// deployments where several replicas share one store; its schema is created
// and migrated on open.
package postgres

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/internal/sqlstore"
)

// Store is an analytics.Store in a PostgreSQL database.
type Store struct {
	*sqlstore.Store
}

var _ analytics.Store = (*Store)(nil)

// postgresMigrations run in order, each once, recorded in
// helpdesk_migrations.
var postgresMigrations = []string{
	`CREATE TABLE turns (
		id BIGSERIAL PRIMARY KEY,
		at BIGINT NOT NULL,
		adapter TEXT NOT NULL,
		"user" TEXT NOT NULL,
		text TEXT NOT NULL,
		intent TEXT NOT NULL,
		outcome TEXT NOT NULL,
		confidence DOUBLE PRECISION NOT NULL,
		runner_up TEXT NOT NULL,
		latency_us BIGINT NOT NULL,
		knowledge TEXT NOT NULL
	);
	CREATE INDEX turns_at ON turns(at);
	CREATE INDEX turns_user ON turns("user");
	CREATE INDEX turns_outcome_at ON turns(outcome, at);
	CREATE INDEX turns_outcome_confidence ON turns(outcome, confidence);
	CREATE TABLE feedback (
		id BIGSERIAL PRIMARY KEY,
		at BIGINT NOT NULL,
		adapter TEXT NOT NULL,
		"user" TEXT NOT NULL,
		intent TEXT NOT NULL,
		helpful BOOLEAN NOT NULL
	);
	CREATE INDEX feedback_at ON feedback(at);
	CREATE INDEX feedback_user ON feedback("user");
	CREATE TABLE turn_counts (
		hour BIGINT NOT NULL,
		intent TEXT NOT NULL,
		adapter TEXT NOT NULL,
		outcome TEXT NOT NULL,
		n BIGINT NOT NULL,
		PRIMARY KEY (hour, intent, adapter, outcome)
	);`,
	`ALTER TABLE feedback ADD COLUMN turn_id BIGINT;`,
	sqlstore.VoteMigration,
	sqlstore.HandoffMigration,
}

// Open connects to the database at dsn (a postgres:// URL) and migrates it.
func Open(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("analytics: open postgres: %w", err)
	}
	db.SetMaxOpenConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("analytics: connect to postgres: %w", err)
	}
	s := &Store{sqlstore.New(db, true)}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("analytics: migrate postgres: %w", err)
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	return s.Tx(ctx, func(tx *sql.Tx) error {
		// One migrator at a time, across replicas.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(4242)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS helpdesk_migrations (version INT PRIMARY KEY)`); err != nil {
			return err
		}
		var version int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM helpdesk_migrations`).Scan(&version); err != nil {
			return err
		}
		for i := version; i < len(postgresMigrations); i++ {
			if _, err := tx.ExecContext(ctx, postgresMigrations[i]); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO helpdesk_migrations (version) VALUES ($1)`, i+1); err != nil {
				return err
			}
		}
		return nil
	})
}
