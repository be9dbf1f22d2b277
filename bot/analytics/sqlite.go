package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// SQLite is a Store in one SQLite file, created and migrated on open.
type SQLite struct {
	db *sql.DB
}

var _ Store = (*SQLite)(nil)

// migrations run in order; the schema's version is the count applied.
var migrations = []string{
	`CREATE TABLE turns (
		id INTEGER PRIMARY KEY,
		at INTEGER NOT NULL,
		adapter TEXT NOT NULL,
		user TEXT NOT NULL,
		text TEXT NOT NULL,
		intent TEXT NOT NULL,
		outcome TEXT NOT NULL,
		confidence REAL NOT NULL,
		runner_up TEXT NOT NULL,
		latency_us INTEGER NOT NULL,
		knowledge TEXT NOT NULL
	);
	CREATE INDEX turns_at ON turns(at);
	CREATE INDEX turns_user ON turns(user);
	CREATE TABLE feedback (
		id INTEGER PRIMARY KEY,
		at INTEGER NOT NULL,
		adapter TEXT NOT NULL,
		user TEXT NOT NULL,
		intent TEXT NOT NULL,
		helpful INTEGER NOT NULL
	);
	CREATE INDEX feedback_at ON feedback(at);
	CREATE INDEX feedback_user ON feedback(user);`,
}

// OpenSQLite opens (creating and migrating if needed) the store at path.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("analytics: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // SQLite writes one at a time; one connection avoids lock errors
	s := &SQLite{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("analytics: migrate %s: %w", path, err)
	}
	return s, nil
}

func (s *SQLite) migrate(ctx context.Context) error {
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

// AddTurns writes turns in one transaction.
func (s *SQLite) AddTurns(ctx context.Context, turns []Turn) error {
	return s.inTx(ctx, `INSERT INTO turns (at, adapter, user, text, intent, outcome, confidence, runner_up, latency_us, knowledge)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(turns), func(i int) []any {
		t := turns[i]
		return []any{t.Time.UnixMicro(), t.Adapter, t.User, t.Text, t.Intent, t.Outcome, t.Confidence, t.RunnerUp, t.Latency.Microseconds(), t.Knowledge}
	})
}

// AddFeedback writes feedback in one transaction.
func (s *SQLite) AddFeedback(ctx context.Context, feedback []Feedback) error {
	return s.inTx(ctx, `INSERT INTO feedback (at, adapter, user, intent, helpful) VALUES (?, ?, ?, ?, ?)`, len(feedback), func(i int) []any {
		f := feedback[i]
		return []any{f.Time.UnixMicro(), f.Adapter, f.User, f.Intent, f.Helpful}
	})
}

func (s *SQLite) inTx(ctx context.Context, query string, n int, args func(i int) []any) error {
	if n == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("analytics: begin: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return fmt.Errorf("analytics: prepare: %w", err)
	}
	defer stmt.Close()
	for i := range n {
		if _, err := stmt.ExecContext(ctx, args(i)...); err != nil {
			return fmt.Errorf("analytics: insert: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("analytics: commit: %w", err)
	}
	return nil
}

// Volume counts turns by intent, adapter and outcome.
func (s *SQLite) Volume(ctx context.Context, since time.Time) ([]Count, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT intent, adapter, outcome, COUNT(*) FROM turns WHERE at >= ?
		GROUP BY intent, adapter, outcome ORDER BY COUNT(*) DESC, intent, adapter, outcome`, since.UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("analytics: volume: %w", err)
	}
	defer rows.Close()
	var out []Count
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Intent, &c.Adapter, &c.Outcome, &c.N); err != nil {
			return nil, fmt.Errorf("analytics: volume: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Unanswered returns fallback and clarify turns, newest first.
func (s *SQLite) Unanswered(ctx context.Context, since time.Time, limit int) ([]Turn, error) {
	return s.turns(ctx, `WHERE at >= ? AND outcome IN ('fallback', 'clarify') ORDER BY at DESC LIMIT ?`, since.UnixMicro(), limit)
}

// LowConfidence returns answered turns under a confidence, lowest first.
func (s *SQLite) LowConfidence(ctx context.Context, since time.Time, below float64, limit int) ([]Turn, error) {
	return s.turns(ctx, `WHERE at >= ? AND outcome = 'answered' AND confidence < ? ORDER BY confidence, at DESC LIMIT ?`, since.UnixMicro(), below, limit)
}

func (s *SQLite) turns(ctx context.Context, where string, args ...any) ([]Turn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, adapter, user, text, intent, outcome, confidence, runner_up, latency_us, knowledge FROM turns `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("analytics: turns: %w", err)
	}
	defer rows.Close()
	var out []Turn
	for rows.Next() {
		var t Turn
		var at, latency int64
		if err := rows.Scan(&at, &t.Adapter, &t.User, &t.Text, &t.Intent, &t.Outcome, &t.Confidence, &t.RunnerUp, &latency, &t.Knowledge); err != nil {
			return nil, fmt.Errorf("analytics: turns: %w", err)
		}
		t.Time, t.Latency = time.UnixMicro(at).UTC(), time.Duration(latency)*time.Microsecond
		out = append(out, t)
	}
	return out, rows.Err()
}

// Votes counts feedback by intent, most 👎 first.
func (s *SQLite) Votes(ctx context.Context, since time.Time) ([]Vote, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT intent, SUM(helpful), SUM(1 - helpful) FROM feedback WHERE at >= ?
		GROUP BY intent ORDER BY SUM(1 - helpful) DESC, intent`, since.UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("analytics: votes: %w", err)
	}
	defer rows.Close()
	var out []Vote
	for rows.Next() {
		var v Vote
		if err := rows.Scan(&v.Intent, &v.Up, &v.Down); err != nil {
			return nil, fmt.Errorf("analytics: votes: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// DeleteBefore removes turns and feedback older than t.
func (s *SQLite) DeleteBefore(ctx context.Context, t time.Time) (int64, error) {
	return s.delete(ctx, `at < ?`, t.UnixMicro())
}

// DeleteUser removes one person's turns and feedback.
func (s *SQLite) DeleteUser(ctx context.Context, user string) (int64, error) {
	return s.delete(ctx, `user = ?`, user)
}

func (s *SQLite) delete(ctx context.Context, where string, arg any) (int64, error) {
	var total int64
	for _, table := range []string{"turns", "feedback"} {
		res, err := s.db.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+where, arg)
		if err != nil {
			return total, fmt.Errorf("analytics: delete from %s: %w", table, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// Close closes the database.
func (s *SQLite) Close() error { return s.db.Close() }
