package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// TestServeRecordsAndReports runs serve with analytics on (SQLite, and
// PostgreSQL when HELPDESK_TEST_POSTGRES names a server), asks questions,
// then reads them back with report and deletes one person's with purge.
func TestServeRecordsAndReports(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		t.Setenv("HELPDESK_ANALYTICS_PATH", filepath.Join(t.TempDir(), "turns.db"))
		recordAndReport(t)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv("HELPDESK_TEST_POSTGRES")
		if dsn == "" {
			t.Skip("HELPDESK_TEST_POSTGRES is not set")
		}
		admin, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		schema := fmt.Sprintf("cmd_test_%d", time.Now().UnixNano())
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			t.Fatal(err)
		}
		defer admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		t.Setenv("HELPDESK_ANALYTICS_POSTGRES_URL", dsn+"&search_path="+schema)
		recordAndReport(t)
	})
}

func recordAndReport(t *testing.T) {
	t.Setenv("HELPDESK_LOG_USER_HASH_KEY", "test-key")
	s := serveInProcess(t)
	s.ask(t, "stuck on selfie")
	s.ask(t, "what's the weather like")
	if code := s.stop(); code != 0 {
		t.Fatalf("serve exit %d", code)
	}

	r := runCLI(t, "", "report", "--since", "1h", "--json")
	if r.code != 0 {
		t.Fatalf("report: exit %d: %s", r.code, r.stderr)
	}
	var rep analytics.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Turns != 2 || rep.Fallback != 1 || len(rep.Unanswered) != 1 || rep.Unanswered[0].Examples[0] != "what's the weather like" {
		t.Fatalf("report %+v", rep)
	}
	if r := runCLI(t, "", "report", "--csv"); r.code != 0 || !strings.HasPrefix(r.stdout, "section,name,value,detail\n") || !strings.Contains(r.stdout, "unanswered,") {
		t.Fatalf("csv: exit %d\n%s", r.code, r.stdout)
	}
	if r := runCLI(t, "", "report"); r.code != 0 || !strings.Contains(r.stdout, "2 turns, 1 fell back (50.0%)") {
		t.Fatalf("text: exit %d\n%s", r.code, r.stdout)
	}
	if r := runCLI(t, "", "analytics", "purge", "--user", "web-42", "--adapter", "http"); r.code != 0 || r.stdout != "deleted 2 records\n" {
		t.Fatalf("purge: exit %d, %q %s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", "report", "--json"); !strings.Contains(r.stdout, `"turns": 0`) {
		t.Fatalf("after purge:\n%s", r.stdout)
	}
}

func TestReportNeedsAStore(t *testing.T) {
	if r := runCLI(t, "", "report"); r.code != exitUsage || !strings.Contains(r.stderr, "analytics.path") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	t.Setenv("HELPDESK_ANALYTICS_PATH", filepath.Join(t.TempDir(), "x.db"))
	if r := runCLI(t, "", "report"); r.code != exitUsage || !strings.Contains(r.stderr, "log.user_hash_key") {
		t.Fatalf("without a hash key: exit %d: %s", r.code, r.stderr)
	}
	t.Setenv("HELPDESK_LOG_USER_HASH_KEY", "k")
	if r := runCLI(t, "", "report", "--since", "yesterday"); r.code != exitUsage {
		t.Fatalf("bad --since: exit %d", r.code)
	}
}
