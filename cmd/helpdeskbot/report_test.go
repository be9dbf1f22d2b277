package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"

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
	t.Setenv("HELPDESK_HANDOFF_HTTP", "true")
	s := serveInProcess(t)
	s.ask(t, "stuck on selfie")
	s.ask(t, "what's the weather like")
	// Another person's conversation, in which they ask for someone.
	for _, msg := range []string{"stuck on selfie", "can i talk to a real person"} {
		body, _ := json.Marshal(httpapi.Request{Message: msg, User: "web-7", Conversation: "report-1"})
		resp, err := http.Post(s.base+"/v1/ask", "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
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
	if rep.Turns != 4 || rep.Fallback != 1 || len(rep.Unanswered) != 1 || rep.Unanswered[0].Examples[0] != "what's the weather like" {
		t.Fatalf("report %+v", rep)
	}
	if want := []analytics.HandoffCount{{Topic: "selfie", Reason: "asked", N: 1}}; !slices.Equal(rep.Handoffs, want) {
		t.Errorf("handoffs %+v, want %+v", rep.Handoffs, want)
	}
	if r := runCLI(t, "", "report", "--csv"); r.code != 0 || !strings.HasPrefix(r.stdout, "section,name,value,detail\n") || !strings.Contains(r.stdout, "unanswered,") ||
		!strings.Contains(r.stdout, "handoff,selfie,1,asked\n") {
		t.Fatalf("csv: exit %d\n%s", r.code, r.stdout)
	}
	if r := runCLI(t, "", "report"); r.code != 0 || !strings.Contains(r.stdout, "4 turns, 1 fell back (25.0%)") ||
		!strings.Contains(r.stdout, "     1  selfie                   asked") {
		t.Fatalf("text: exit %d\n%s", r.code, r.stdout)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	if r := runCLI(t, "", "report", "--since", "1h", "--html", page); r.code != 0 {
		t.Fatalf("html: exit %d: %s", r.code, r.stderr)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="chart-outcomes"`, `id="chart-fallback"`, `id="chart-topics"`, `id="chart-clusters"`, "what&#39;s the weather like", "4 turns, 1 fell back (25.0%)"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the report page has no %s", want)
		}
	}
	for _, unwanted := range []string{`href="/console`, "src=", "<script"} {
		if strings.Contains(string(html), unwanted) {
			t.Errorf("the report page, to be shared as one file, has %s", unwanted)
		}
	}
	if r := runCLI(t, "", "report", "--json", "--html", page); r.code == 0 {
		t.Errorf("report --json --html: exit 0, want a usage error")
	}
	if r := runCLI(t, "", "analytics", "purge", "--user", "web-42", "--adapter", "http"); r.code != 0 || r.stdout != "deleted 2 records\n" {
		t.Fatalf("purge: exit %d, %q %s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", "report", "--json"); !strings.Contains(r.stdout, `"turns": 2`) {
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
