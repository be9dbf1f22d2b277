// Package sqlite is the analytics store in one SQLite file (pure Go, no
// cgo), created and migrated on open.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/internal/sqlstore"
)

// Store is an analytics.Store in one SQLite file.
type Store struct {
	*sqlstore.Store
	db *sql.DB
}

var _ analytics.Store = (*Store)(nil)

// migrations run in order; the schema's version is the count applied.
var migrations = []string{
	`CREATE TABLE turns (
		id INTEGER PRIMARY KEY,
		at INTEGER NOT NULL,
		adapter TEXT NOT NULL,
		"user" TEXT NOT NULL,
		text TEXT NOT NULL,
		intent TEXT NOT NULL,
		outcome TEXT NOT NULL,
		confidence REAL NOT NULL,
		runner_up TEXT NOT NULL,
		latency_us INTEGER NOT NULL,
		knowledge TEXT NOT NULL
	);
	CREATE INDEX turns_at ON turns(at);
	CREATE INDEX turns_user ON turns("user");
	CREATE TABLE feedback (
		id INTEGER PRIMARY KEY,
		at INTEGER NOT NULL,
		adapter TEXT NOT NULL,
		"user" TEXT NOT NULL,
		intent TEXT NOT NULL,
		helpful INTEGER NOT NULL
	);
	CREATE INDEX feedback_at ON feedback(at);
	CREATE INDEX feedback_user ON feedback("user");`,
	// Hourly counts, so that volume over a week of a million turns reads a
	// few thousand rows; and indexes for the report's other questions.
	`CREATE TABLE turn_counts (
		hour INTEGER NOT NULL,
		intent TEXT NOT NULL,
		adapter TEXT NOT NULL,
		outcome TEXT NOT NULL,
		n INTEGER NOT NULL,
		PRIMARY KEY (hour, intent, adapter, outcome)
	);
	INSERT INTO turn_counts SELECT at / 3600000000, intent, adapter, outcome, COUNT(*) FROM turns GROUP BY 1, 2, 3, 4;
	CREATE INDEX turns_outcome_at ON turns(outcome, at);
	CREATE INDEX turns_outcome_confidence ON turns(outcome, confidence);`,
	// Feedback points at the turn it rates.
	`ALTER TABLE feedback ADD COLUMN turn_id INTEGER;`,
	sqlstore.VoteMigration,
	sqlstore.HandoffMigration,
}

// Open opens (creating and migrating if needed) the store at path.
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("analytics: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // SQLite writes one at a time; one connection avoids lock errors
	s := &Store{Store: sqlstore.New(db, false), db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("analytics: migrate %s: %w", path, err)
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	for i := version; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return err
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
