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
}

// hourMicros is an hour in the microseconds turns are timed in.
const hourMicros = 3600 * 1_000_000

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

// AddTurns writes turns, and their hourly counts, in one transaction.
func (s *SQLite) AddTurns(ctx context.Context, turns []Turn) error {
	if len(turns) == 0 {
		return nil
	}
	type key struct {
		hour                     int64
		intent, adapter, outcome string
	}
	counts := map[key]int64{}
	for _, t := range turns {
		counts[key{t.Time.UnixMicro() / hourMicros, t.Intent, t.Adapter, t.Outcome}]++
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		err := execEach(ctx, tx, `INSERT INTO turns (at, adapter, user, text, intent, outcome, confidence, runner_up, latency_us, knowledge)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(turns), func(i int) []any {
			t := turns[i]
			return []any{t.Time.UnixMicro(), t.Adapter, t.User, t.Text, t.Intent, t.Outcome, t.Confidence, t.RunnerUp, t.Latency.Microseconds(), t.Knowledge}
		})
		if err != nil {
			return err
		}
		return execEach(ctx, tx, `INSERT INTO turn_counts (hour, intent, adapter, outcome, n) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (hour, intent, adapter, outcome) DO UPDATE SET n = n + excluded.n`, len(keys), func(i int) []any {
			k := keys[i]
			return []any{k.hour, k.intent, k.adapter, k.outcome, counts[k]}
		})
	})
}

// AddFeedback writes feedback in one transaction.
func (s *SQLite) AddFeedback(ctx context.Context, feedback []Feedback) error {
	if len(feedback) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		return execEach(ctx, tx, `INSERT INTO feedback (at, adapter, user, intent, helpful) VALUES (?, ?, ?, ?, ?)`, len(feedback), func(i int) []any {
			f := feedback[i]
			return []any{f.Time.UnixMicro(), f.Adapter, f.User, f.Intent, f.Helpful}
		})
	})
}

// tx runs f in a transaction, committed if f succeeds.
func (s *SQLite) tx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("analytics: begin: %w", err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("analytics: commit: %w", err)
	}
	return nil
}

// execEach runs query n times with args(i).
func execEach(ctx context.Context, tx *sql.Tx, query string, n int, args func(i int) []any) error {
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return fmt.Errorf("analytics: prepare: %w", err)
	}
	defer stmt.Close()
	for i := range n {
		if _, err := stmt.ExecContext(ctx, args(i)...); err != nil {
			return fmt.Errorf("analytics: write: %w", err)
		}
	}
	return nil
}

// Volume counts turns by intent, adapter and outcome, from the hourly
// counts: the hour that since falls in counts whole.
func (s *SQLite) Volume(ctx context.Context, since time.Time) ([]Count, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT intent, adapter, outcome, SUM(n) FROM turn_counts WHERE hour >= ?
		GROUP BY intent, adapter, outcome ORDER BY SUM(n) DESC, intent, adapter, outcome`, since.UnixMicro()/hourMicros)
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
	return s.turns(ctx, `WHERE outcome = 'answered' AND confidence < ? AND at >= ? ORDER BY confidence, at DESC LIMIT ?`, below, since.UnixMicro(), limit)
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

// delete removes the turns and feedback matching where, and recounts the
// hours the removed turns were in.
func (s *SQLite) delete(ctx context.Context, where string, arg any) (int64, error) {
	var total int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS touched (hour INTEGER PRIMARY KEY)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM touched`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO touched SELECT DISTINCT at / 3600000000 FROM turns WHERE `+where, arg); err != nil {
			return fmt.Errorf("analytics: delete: %w", err)
		}
		for _, table := range []string{"turns", "feedback"} {
			res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+where, arg)
			if err != nil {
				return fmt.Errorf("analytics: delete from %s: %w", table, err)
			}
			n, _ := res.RowsAffected()
			total += n
		}
		for _, q := range []string{
			`DELETE FROM turn_counts WHERE hour IN (SELECT hour FROM touched)`,
			`INSERT INTO turn_counts SELECT at / 3600000000, intent, adapter, outcome, COUNT(*) FROM turns
				WHERE at / 3600000000 IN (SELECT hour FROM touched) GROUP BY 1, 2, 3, 4`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("analytics: recount: %w", err)
			}
		}
		return nil
	})
	return total, err
}

// Close closes the database.
func (s *SQLite) Close() error { return s.db.Close() }
