package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/analyticstest"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/sqlite"
)

func TestStore(t *testing.T) {
	analyticstest.RunStore(t, func(t *testing.T) analytics.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "turns.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "turns.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddTurns(ctx, []analytics.Turn{{Time: time.Now(), Adapter: "http", Intent: "nfc", Outcome: "answered"}}); err != nil {
		t.Fatalf("adding a turn: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("closing: %v", err)
	}
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopening a migrated store: %v", err)
	}
	defer s.Close()
	counts, err := s.Volume(ctx, time.Time{})
	if err != nil {
		t.Fatalf("reading the reopened store: %v", err)
	}
	if len(counts) != 1 {
		t.Fatalf("turns lost on reopening: %+v", counts)
	}
}

// TestPostgresStore runs the conformance suite on a real PostgreSQL server
// when HELPDESK_TEST_POSTGRES names one (.ci/run starts one on loopback).
// Each run gets a fresh schema.

func TestMigratesDuplicateVotes(t *testing.T) {
	ctx := context.Background()
	fixture, err := os.ReadFile(filepath.Join("testdata", "duplicate-votes.sqlite.sql"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "turns.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, string(fixture)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	analyticstest.CheckMigratedVotes(t, s)
}
