// Package sqlstore is the analytics Store on a SQL database that the
// SQLite and PostgreSQL backends share: they differ only in how they open,
// migrate and number query parameters.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// Store is an analytics.Store on db.
type Store struct {
	db *sql.DB
	// dollar numbers parameters $1, $2 (PostgreSQL) instead of ? (SQLite).
	dollar bool
}

var _ analytics.Store = (*Store)(nil)

// New returns the store on db; dollar numbers query parameters $1, $2
// (PostgreSQL) instead of ? (SQLite).
func New(db *sql.DB, dollar bool) *Store { return &Store{db: db, dollar: dollar} }

// hourMicros is an hour in the microseconds turns are timed in.
const hourMicros = 3600 * 1_000_000

// q rewrites the ? parameters of query for the database.
func (s *Store) q(query string) string {
	if !s.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// VoteMigration keeps one vote per person per turn (a person's votes on
// answers whose turn was not found count once per intent): the latest of
// duplicates stays, and unique indexes keep it so. Votes without a person
// are left as they are. SQLite and PostgreSQL share it.
const VoteMigration = `DELETE FROM feedback WHERE "user" <> '' AND turn_id IS NOT NULL AND EXISTS (
		SELECT 1 FROM feedback later WHERE later."user" = feedback."user" AND later.turn_id = feedback.turn_id
			AND (later.at > feedback.at OR (later.at = feedback.at AND later.id > feedback.id)));
	DELETE FROM feedback WHERE "user" <> '' AND turn_id IS NULL AND EXISTS (
		SELECT 1 FROM feedback later WHERE later."user" = feedback."user" AND later.turn_id IS NULL AND later.intent = feedback.intent
			AND (later.at > feedback.at OR (later.at = feedback.at AND later.id > feedback.id)));
	CREATE UNIQUE INDEX feedback_vote_per_turn ON feedback("user", turn_id) WHERE "user" <> '' AND turn_id IS NOT NULL;
	CREATE UNIQUE INDEX feedback_vote_per_intent ON feedback("user", intent) WHERE "user" <> '' AND turn_id IS NULL;`

// AddTurns writes turns, and their hourly counts, in one transaction.
func (s *Store) AddTurns(ctx context.Context, turns []analytics.Turn) error {
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
	return s.Tx(ctx, func(tx *sql.Tx) error {
		err := execEach(ctx, tx, s.q(`INSERT INTO turns (at, adapter, "user", text, intent, outcome, confidence, runner_up, latency_us, knowledge, handoff, handoff_topic)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), len(turns), func(i int) []any {
			t := turns[i]
			return []any{t.Time.UnixMicro(), t.Adapter, t.User, t.Text, t.Intent, t.Outcome, t.Confidence, t.RunnerUp, t.Latency.Microseconds(), t.Knowledge,
				t.Handoff, t.HandoffTopic}
		})
		if err != nil {
			return err
		}
		return execEach(ctx, tx, s.q(`INSERT INTO turn_counts (hour, intent, adapter, outcome, n) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (hour, intent, adapter, outcome) DO UPDATE SET n = turn_counts.n + excluded.n`), len(keys), func(i int) []any {
			k := keys[i]
			return []any{k.hour, k.intent, k.adapter, k.outcome, counts[k]}
		})
	})
}

// AddFeedback writes feedback in one transaction. Each vote rates the
// person's latest turn answered by the intent they rated, and a person has
// one vote per turn: a later click changes it, a replayed or older one
// changes nothing. A vote whose turn is not found counts once per person
// and intent; votes without a person are each kept.
func (s *Store) AddFeedback(ctx context.Context, feedback []analytics.Feedback) error {
	if len(feedback) == 0 {
		return nil
	}
	const (
		insert = `INSERT INTO feedback (at, adapter, "user", intent, helpful, turn_id) VALUES (?, ?, ?, ?, ?, ?)`
		update = ` DO UPDATE SET at = excluded.at, adapter = excluded.adapter, helpful = excluded.helpful WHERE excluded.at >= feedback.at`
	)
	return s.Tx(ctx, func(tx *sql.Tx) error {
		var stmts [4]*sql.Stmt
		for i, q := range []string{
			`SELECT id FROM turns WHERE "user" = ? AND intent = ? AND at <= ? ORDER BY at DESC LIMIT 1`,
			insert,
			insert + ` ON CONFLICT ("user", turn_id) WHERE "user" <> '' AND turn_id IS NOT NULL` + update,
			insert + ` ON CONFLICT ("user", intent) WHERE "user" <> '' AND turn_id IS NULL` + update,
		} {
			stmt, err := tx.PrepareContext(ctx, s.q(q))
			if err != nil {
				return fmt.Errorf("analytics: prepare: %w", err)
			}
			defer stmt.Close()
			stmts[i] = stmt
		}
		turnOf, anonymous, perTurn, perIntent := stmts[0], stmts[1], stmts[2], stmts[3]
		for _, f := range feedback {
			at := f.Time.UnixMicro()
			var turn sql.NullInt64
			if err := turnOf.QueryRowContext(ctx, f.User, f.Intent, at).Scan(&turn); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("analytics: find the rated turn: %w", err)
			}
			write := perIntent
			switch {
			case f.User == "":
				write = anonymous
			case turn.Valid:
				write = perTurn
			}
			if _, err := write.ExecContext(ctx, at, f.Adapter, f.User, f.Intent, f.Helpful, turn); err != nil {
				return fmt.Errorf("analytics: write: %w", err)
			}
		}
		return nil
	})
}

// Tx runs f in a transaction, committed if f succeeds.
func (s *Store) Tx(ctx context.Context, f func(*sql.Tx) error) error {
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
func (s *Store) Volume(ctx context.Context, since time.Time) ([]analytics.Count, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT intent, adapter, outcome, SUM(n) FROM turn_counts WHERE hour >= ?
		GROUP BY intent, adapter, outcome ORDER BY SUM(n) DESC, intent, adapter, outcome`), since.UnixMicro()/hourMicros)
	if err != nil {
		return nil, fmt.Errorf("analytics: volume: %w", err)
	}
	defer rows.Close()
	var out []analytics.Count
	for rows.Next() {
		var c analytics.Count
		if err := rows.Scan(&c.Intent, &c.Adapter, &c.Outcome, &c.N); err != nil {
			return nil, fmt.Errorf("analytics: volume: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Timeline counts turns by hour and outcome, oldest first.
func (s *Store) Timeline(ctx context.Context, since time.Time) ([]analytics.HourCount, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT hour, outcome, SUM(n) FROM turn_counts WHERE hour >= ?
		GROUP BY hour, outcome ORDER BY hour, outcome`), since.UnixMicro()/hourMicros)
	if err != nil {
		return nil, fmt.Errorf("analytics: timeline: %w", err)
	}
	defer rows.Close()
	var out []analytics.HourCount
	for rows.Next() {
		var hour int64
		var c analytics.HourCount
		if err := rows.Scan(&hour, &c.Outcome, &c.N); err != nil {
			return nil, fmt.Errorf("analytics: timeline: %w", err)
		}
		c.Hour = time.UnixMicro(hour * hourMicros).UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// Unanswered returns fallback and clarify turns, newest first.
func (s *Store) Unanswered(ctx context.Context, since time.Time, limit int) ([]analytics.Turn, error) {
	return s.turns(ctx, `WHERE at >= ? AND outcome IN ('fallback', 'clarify') ORDER BY at DESC LIMIT ?`, since.UnixMicro(), limit)
}

// LowConfidence returns answered turns under a confidence, lowest first.
func (s *Store) LowConfidence(ctx context.Context, since time.Time, below float64, limit int) ([]analytics.Turn, error) {
	return s.turns(ctx, `WHERE outcome = 'answered' AND confidence < ? AND at >= ? ORDER BY confidence, at DESC LIMIT ?`, below, since.UnixMicro(), limit)
}

func (s *Store) turns(ctx context.Context, where string, args ...any) ([]analytics.Turn, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT at, adapter, "user", text, intent, outcome, confidence, runner_up, latency_us, knowledge, handoff, handoff_topic FROM turns `+where), args...)
	if err != nil {
		return nil, fmt.Errorf("analytics: turns: %w", err)
	}
	defer rows.Close()
	var out []analytics.Turn
	for rows.Next() {
		var t analytics.Turn
		var at, latency int64
		if err := rows.Scan(&at, &t.Adapter, &t.User, &t.Text, &t.Intent, &t.Outcome, &t.Confidence, &t.RunnerUp, &latency, &t.Knowledge, &t.Handoff, &t.HandoffTopic); err != nil {
			return nil, fmt.Errorf("analytics: turns: %w", err)
		}
		t.Time, t.Latency = time.UnixMicro(at).UTC(), time.Duration(latency)*time.Microsecond
		out = append(out, t)
	}
	return out, rows.Err()
}

// Disliked returns the turns whose answers got a 👎, newest vote first.
func (s *Store) Disliked(ctx context.Context, since time.Time, limit int) ([]analytics.Turn, error) {
	return s.turns(ctx, `WHERE id IN (SELECT turn_id FROM feedback WHERE at >= ? AND NOT helpful AND turn_id IS NOT NULL)
		ORDER BY at DESC LIMIT ?`, since.UnixMicro(), limit)
}

// HandoffMigration records why and after which topic a turn called a
// person, with an index over only the turns that did.
const HandoffMigration = `ALTER TABLE turns ADD COLUMN handoff TEXT NOT NULL DEFAULT '';
	ALTER TABLE turns ADD COLUMN handoff_topic TEXT NOT NULL DEFAULT '';
	CREATE INDEX turns_handoff_at ON turns(at) WHERE handoff <> '';`

// Handoffs counts the turns that called a person by the topic before and
// the reason, most first.
func (s *Store) Handoffs(ctx context.Context, since time.Time) ([]analytics.HandoffCount, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT handoff_topic, handoff, COUNT(*) FROM turns WHERE handoff <> '' AND at >= ?
		GROUP BY handoff_topic, handoff ORDER BY COUNT(*) DESC, handoff_topic, handoff`), since.UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("analytics: handoffs: %w", err)
	}
	defer rows.Close()
	var out []analytics.HandoffCount
	for rows.Next() {
		var h analytics.HandoffCount
		if err := rows.Scan(&h.Topic, &h.Reason, &h.N); err != nil {
			return nil, fmt.Errorf("analytics: handoffs: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Votes counts feedback by intent, most 👎 first.
func (s *Store) Votes(ctx context.Context, since time.Time) ([]analytics.Vote, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT intent, SUM(CASE WHEN helpful THEN 1 ELSE 0 END), SUM(CASE WHEN helpful THEN 0 ELSE 1 END)
		FROM feedback WHERE at >= ? GROUP BY intent ORDER BY 3 DESC, intent`), since.UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("analytics: votes: %w", err)
	}
	defer rows.Close()
	var out []analytics.Vote
	for rows.Next() {
		var v analytics.Vote
		if err := rows.Scan(&v.Intent, &v.Up, &v.Down); err != nil {
			return nil, fmt.Errorf("analytics: votes: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// DeleteBefore removes turns and feedback older than t.
func (s *Store) DeleteBefore(ctx context.Context, t time.Time) (int64, error) {
	return s.delete(ctx, `at < ?`, t.UnixMicro())
}

// DeleteUser removes one person's turns and feedback.
func (s *Store) DeleteUser(ctx context.Context, user string) (int64, error) {
	return s.delete(ctx, `"user" = ?`, user)
}

// delete removes the turns and feedback matching where, and recounts the
// hours the removed turns were in.
func (s *Store) delete(ctx context.Context, where string, arg any) (int64, error) {
	var total int64
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS touched (hour BIGINT PRIMARY KEY)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM touched`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO touched SELECT DISTINCT at / 3600000000 FROM turns WHERE `+where+` ON CONFLICT DO NOTHING`), arg); err != nil {
			return fmt.Errorf("analytics: delete: %w", err)
		}
		for _, table := range []string{"turns", "feedback"} {
			res, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+table+` WHERE `+where), arg)
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
func (s *Store) Close() error { return s.db.Close() }
