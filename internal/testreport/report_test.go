package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/run.jsonl is go test -json on a module with a passing, a
// failing, a skipping, a broken and an empty package.

func TestReportReadsLikeGoTestAndNamesTheSkipped(t *testing.T) {
	f, err := os.Open("testdata/run.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	sum := report(f, &out)
	got := out.String()
	if sum.Passed != 5 || sum.Failed != 2 || len(sum.Skipped) != 2 {
		t.Errorf("summary %+v", sum)
	}
	for _, want := range []string{
		"broken/broken_test.go:5:33: undefined: undefined\n",
		"FAIL\tgithub.com/helpdeskbot/helpdeskbot/broken [build failed]\n",
		"    bad_test.go:7: got 1, want 2\n",
		"--- FAIL: TestFails (",
		"FAIL\tgithub.com/helpdeskbot/helpdeskbot/bad\t",
		"ok  \tgithub.com/helpdeskbot/helpdeskbot/good\t",
		"?   \tgithub.com/helpdeskbot/helpdeskbot/empty\t[no test files]\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	for _, quiet := range []string{"not shown", "quiet when it passes", "=== RUN", "--- PASS", "\nPASS\n", `{"Action"`} {
		if strings.Contains(got, quiet) {
			t.Errorf("output shows %q, which go test without -v does not:\n%s", quiet, got)
		}
	}
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if n := len(lines); n < 2 || lines[n-2] != "tests: 5 passed, 2 failed, 2 skipped" ||
		lines[n-1] != "skipped 2: good TestNeedsAServer (good_test.go:8: HELPDESK_TEST_POSTGRES is not set: no PostgreSQL server to test against); "+
			"good TestTable/needs_a_browser (good_test.go:13: no Chromium at /usr/bin/chromium)" {
		t.Errorf("last lines:\n%s", strings.Join(lines[max(0, len(lines)-2):], "\n"))
	}
}

func TestReportWithNothingSkipped(t *testing.T) {
	var out bytes.Buffer
	report(strings.NewReader(`{"Action":"pass","Package":"p","Test":"TestA"}`+"\n"), &out)
	if got := out.String(); got != "tests: 1 passed, 0 failed, 0 skipped\nskipped: none\n" {
		t.Errorf("output %q", got)
	}
}

// TestRunKeepsTheExitCode: make test fails when go test does.
func TestRunKeepsTheExitCode(t *testing.T) {
	fixture, err := filepath.Abs("testdata/run.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, script string
		want         int
	}{
		{"go test fails", "cat " + fixture + "; exit 1", 1},
		{"go test passes", `echo '{"Action":"pass","Package":"p","Test":"TestA"}'`, 0},
		{"a failure with exit 0", "cat " + fixture + "; exit 0", 1},
		{"go test cannot build", "echo 'go: no such package' >&2; exit 2", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := filepath.Join(t.TempDir(), "go")
			if err := os.WriteFile(script, []byte("#!/bin/sh\n"+tt.script+"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			t.Setenv("GO", script)
			var out, errOut bytes.Buffer
			if code := run([]string{"./..."}, &out, &errOut); code != tt.want {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.want, errOut.String())
			}
		})
	}
	t.Run("no go command", func(t *testing.T) {
		t.Setenv("GO", filepath.Join(t.TempDir(), "none"))
		var out, errOut bytes.Buffer
		if code := run(nil, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "testreport:") {
			t.Errorf("exit %d, stderr %q", code, errOut.String())
		}
	})
}
