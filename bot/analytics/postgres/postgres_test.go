package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/analyticstest"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/postgres"
)

// TestStore runs the conformance suite on a real PostgreSQL server
// when HELPDESK_TEST_POSTGRES names one (.ci/run starts one on loopback).
// Each run gets a fresh schema.
func TestStore(t *testing.T) {
	dsn := os.Getenv("HELPDESK_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("HELPDESK_TEST_POSTGRES is not set: no PostgreSQL server to test against")
	}
	analyticstest.RunStore(t, func(t *testing.T) analytics.Store {
		ctx := context.Background()
		admin, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		schema := fmt.Sprintf("test_%d", time.Now().UnixNano())
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if db, err := sql.Open("pgx", dsn); err == nil {
				db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
				db.Close()
			}
		})
		s, err := postgres.Open(ctx, withSearchPath(dsn, schema))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func withSearchPath(dsn, schema string) string {
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}

// testMigratedVotes checks a store opened on the duplicate-votes fixture:
// the latest of each person's votes on a turn stayed, and a later click
// changes it.

func TestMigratesDuplicateVotes(t *testing.T) {
	dsn := os.Getenv("HELPDESK_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("HELPDESK_TEST_POSTGRES is not set: no PostgreSQL server to test against")
	}
	ctx := context.Background()
	fixture, err := os.ReadFile(filepath.Join("testdata", "duplicate-votes.postgres.sql"))
	if err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	schema := fmt.Sprintf("test_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	defer admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	db, err := sql.Open("pgx", withSearchPath(dsn, schema))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, string(fixture)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := postgres.Open(ctx, withSearchPath(dsn, schema))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	analyticstest.CheckMigratedVotes(t, s)
}
