package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// TestReportShowsClusterCaps shows that text, JSON and CSV reports say
// when only the newest unanswered turns, or only the beginning of long
// questions, were grouped.
func TestReportShowsClusterCaps(t *testing.T) {
	now := time.Now().UTC()
	turns := make([]analytics.Turn, 5003)
	for i := range turns {
		turns[i] = analytics.Turn{Time: now.Add(-time.Duration(i) * time.Millisecond), Adapter: "slack", User: "u", Text: "what's the weather like", Intent: "none", Outcome: "fallback"}
	}
	turns[0].Text = strings.Repeat("weather ", 100)
	storeWith(t, turns...)

	r := runCLI(t, "", "report", "--json")
	var rep analytics.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.ClusterCaps == nil {
		t.Fatalf("json: exit %d, %v:\n%s", r.code, err, r.stdout)
	}
	if c := *rep.ClusterCaps; c.Grouped != 5000 || c.Of != 5003 || c.Cut != 1 || c.QuestionChars != 500 {
		t.Errorf("json cluster caps %+v", c)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"text", []string{"report"}, []string{"only the newest 5000 of 5003 unanswered turns were grouped", "1 questions were grouped by their first 500 characters"}},
		{"csv", []string{"report", "--csv"}, []string{"cap,grouped_turns,5000,of 5003\n", "cap,question_chars,500,1 questions cut\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.args...)
			for _, want := range tt.want {
				if r.code != 0 || !strings.Contains(r.stdout, want) {
					t.Errorf("exit %d, no %q in:\n%s", r.code, want, r.stdout)
				}
			}
		})
	}
}
