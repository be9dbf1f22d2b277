package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// TestServeRecordsAndReports runs serve with analytics on, asks questions,
// then reads them back with report and deletes one person's with purge.
func TestServeRecordsAndReports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "turns.db")
	t.Setenv("HELPDESK_ANALYTICS_PATH", db)
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
	store, err := analytics.OpenSQLite(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if counts, _ := store.Volume(context.Background(), time.Time{}); len(counts) != 0 {
		t.Fatalf("after purge: %+v", counts)
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
