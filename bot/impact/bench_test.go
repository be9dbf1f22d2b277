package impact_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// BenchmarkCompareShipped compares the shipped knowledge with itself on
// the distinct messages of testdata/eval (about 2,600): the cost of the
// reload gate and of diff per recorded question is this over the count.
func BenchmarkCompareShipped(b *testing.B) {
	files, err := filepath.Glob("../../testdata/eval/*.tsv")
	if err != nil || len(files) == 0 {
		b.Fatalf("no evaluation sets: %v", err)
	}
	var questions []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		cases, err := bot.ReadCases(f, name)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cases {
			questions = append(questions, c.Message)
		}
	}
	shipped := testkit.NewBot(b, nil)
	b.ResetTimer()
	var r impact.Result
	for range b.N {
		r = impact.Compare(context.Background(), shipped, shipped, questions)
	}
	b.ReportMetric(float64(r.Distinct), "distinct")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*r.Distinct), "µs/question")
}
