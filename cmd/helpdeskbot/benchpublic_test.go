package main

import (
	"strings"
	"testing"
)

func TestBenchPublicSkipsWithoutTheDataSets(t *testing.T) {
	r := runCLI(t, "", "bench-public", "testdata/no-such-folder")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if want := "bench-public: testdata/no-such-folder not found; skipped (the public data sets are not part of the project)\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
}

func TestBenchPublicTable(t *testing.T) {
	r := runCLI(t, "", "bench-public", "testdata/import")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(r.stdout, "\n") {
		if f := strings.Fields(line); len(f) == 12 {
			rows[f[0]] = f[1:]
		}
	}
	// name -> topics, examples, tests, and the out-of-scope rejection
	// column ("-" without out-of-scope tests).
	tests := []struct {
		name                    string
		topics, examples, cases string
		rejection               string
	}{
		{"shop", "2", "6", "2", "-"},   // a -train.csv with its -test.csv
		{"sigdial", "2", "6", "3", ""}, // JSON with a split
		{"clinc", "2", "6", "3", ""},   // JSON with a split
		{"plain", "2", "6", "0", "-"},  // no split: nothing to measure
		{"nlu", "2", "6", "0", "-"},    // Rasa
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row, ok := rows[tt.name]
			if !ok {
				t.Fatalf("no row:\n%s", r.stdout)
			}
			if row[0] != tt.topics || row[1] != tt.examples || row[2] != tt.cases {
				t.Errorf("topics, examples, tests = %v, want %s %s %s", row[:3], tt.topics, tt.examples, tt.cases)
			}
			if tt.rejection != "" && row[8] != tt.rejection {
				t.Errorf("out-of-scope rejection %q, want %q", row[8], tt.rejection)
			}
			if tt.cases != "0" && !strings.HasSuffix(row[3], "%") {
				t.Errorf("in-scope %q: want a share", row[3])
			}
		})
	}
	for _, want := range []string{
		"sigdial: left out 1 intent with fewer than 3 training examples, and their 1 test: CancelOrder (1)",
		"plain: no held-out sentences to measure",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if len(rows) != 5 {
		t.Errorf("rows %v: want the five data sets, and no other file", rows)
	}
}
