package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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

func TestBenchPublicAlsoMeasuresFewExamples(t *testing.T) {
	dir := t.TempDir()
	var train strings.Builder
	train.WriteString("text,category\n")
	for i := range 30 {
		fmt.Fprintf(&train, "where is parcel number %s,parcel_arrival\n", strings.Repeat("x", i+1))
		fmt.Fprintf(&train, "send it to address number %s,change_address\n", strings.Repeat("y", i+1))
	}
	if err := os.WriteFile(filepath.Join(dir, "big-train.csv"), []byte(train.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	test := "text,category\nmy parcel has not come,parcel_arrival\nnew address please,change_address\n"
	if err := os.WriteFile(filepath.Join(dir, "big-test.csv"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "bench-public", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// data set, topics, examples: all 60, then the first 25 of each topic.
	for _, want := range []string{"big  *2  *60  *2 ", `big \(25 per topic\)  *2  *50  *2 `} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("no row matching %q:\n%s", want, r.stdout)
		}
	}
}
