package statetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// PostgresEnv names the PostgreSQL server tests use (.ci/run starts one
// on loopback).
const PostgresEnv = "HELPDESK_TEST_POSTGRES"

// PostgresSchema creates a schema of its own for the test in the server
// PostgresEnv names, dropped when the test ends, and returns the URL of
// the database with that schema first on the search path. It skips the
// test when PostgresEnv is not set.
func PostgresSchema(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Skip(PostgresEnv + " is not set: no PostgreSQL server to test against")
	}
	suffix := make([]byte, 4)
	rand.Read(suffix)
	schema := "state_test_" + time.Now().UTC().Format("20060102150405") + "_" + hex.EncodeToString(suffix)
	exec := func(sql string) error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}
