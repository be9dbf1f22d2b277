package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// redactRecord is the contract of one "helpdeskbot redact" output line.
type redactRecord struct {
	Guard  bool     `json:"guard"`
	Kinds  []string `json:"kinds"`
	Masked string   `json:"masked"`
}

func decodeRedactions(t *testing.T, out string) []redactRecord {
	t.Helper()
	var recs []redactRecord
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r redactRecord
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %d is not a redact record: %v\n%s", i+1, err, line)
		}
		if r.Kinds == nil {
			t.Fatalf("line %d: kinds is not a list: %s", i+1, line)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestRedactCommand(t *testing.T) {
	input := strings.Join([]string{
		"my passport number is X12345678, why is it rejected",
		"stuck on selfie",
		"",
		"mail jane@example.com or call +44 20 7946 0958",
		"bad \xff bytes \"quoted\" card 4111 1111 1111 1111\r", // CRLF input
		"DOB 12/03/1985, I live at 221B Baker Street, London NW1 6XE",
		"my code 123456 didn't arrive", // no final newline
	}, "\n")
	r := runCLI(t, input, "redact")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs := decodeRedactions(t, r.stdout)
	want := []redactRecord{
		{true, []string{"passport-number"}, "my passport number is [passport number], why is it rejected"},
		{false, []string{}, "stuck on selfie"},
		{false, []string{}, ""},
		{false, []string{"email", "phone"}, "mail [email] or call [phone]"},
		{true, []string{"card-number"}, "bad \ufffd bytes \"quoted\" card [card number]"},
		{true, []string{"date-of-birth", "address"}, "DOB [date of birth], I live at [address]"},
		{false, []string{"number"}, "my code [number] didn't arrive"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records for %d lines:\n%s", len(recs), len(want), r.stdout)
	}
	for i, w := range want {
		if got := recs[i]; got.Guard != w.Guard || !slices.Equal(got.Kinds, w.Kinds) || got.Masked != w.Masked {
			t.Errorf("line %d: %+v, want %+v", i+1, got, w)
		}
	}
}

func TestRedactCommandLongLine(t *testing.T) {
	long := "passport X12345678 " + strings.Repeat("a", maxRedactLine) + " 4111 1111 1111 1111"
	r := runCLI(t, long+"\nnext line\n", "redact")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs := decodeRedactions(t, r.stdout)
	if len(recs) != 2 || recs[1].Masked != "next line" {
		t.Fatalf("records: %d, last %+v", len(recs), recs[len(recs)-1])
	}
	if !recs[0].Guard || strings.Contains(recs[0].Masked, "4111") || strings.Contains(recs[0].Masked, "X12345678") {
		t.Errorf("long line: guard %v, %d bytes masked, still holding data: %v", recs[0].Guard, len(recs[0].Masked), strings.Contains(recs[0].Masked, "4111"))
	}
	if !strings.Contains(r.stderr, "line 1 is longer than") {
		t.Errorf("nothing said about the dropped part: %q", r.stderr)
	}
}

// TestRedactCommandAnswersEachLineAsItArrives drives redact through a pipe,
// one line at a time, as another program would.
func TestRedactCommandAnswersEachLineAsItArrives(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := run(context.Background(), []string{"redact"}, inR, outW, io.Discard)
		outW.Close()
		done <- code
	}()
	lines := bufio.NewReader(outR)
	for _, msg := range []string{"ssn 078-05-1120", "hello", "IBAN DE89 3704 0044 0532 0130 00"} {
		if _, err := fmt.Fprintln(inW, msg); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			line, _ := lines.ReadString('\n')
			got <- line
		}()
		select {
		case line := <-got:
			if !strings.HasPrefix(line, `{"guard":`) || strings.Contains(line, "1120") || strings.Contains(line, "0130") {
				t.Fatalf("record for %q: %s", msg, line)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no record for %q while more input may come", msg)
		}
	}
	inW.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("redact did not end at end of input")
	}
}

// TestRedactCommandStreamsInConstantMemory redacts many lines and checks
// that the heap does not grow with them.
func TestRedactCommandStreamsInConstantMemory(t *testing.T) {
	n := 200_000
	if testing.Short() || raceEnabled {
		n = 40_000
	}
	var out countingWriter
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	code := run(context.Background(), []string{"redact"}, &lineSource{n: n}, &out, io.Discard)
	runtime.ReadMemStats(&after)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if out.lines != n {
		t.Fatalf("%d output lines for %d input lines", out.lines, n)
	}
	runtime.GC()
	var end runtime.MemStats
	runtime.ReadMemStats(&end)
	if grown := int64(end.HeapAlloc) - int64(before.HeapAlloc); grown > 16<<20 {
		t.Errorf("heap grew by %d MiB over %d lines", grown>>20, n)
	}
	t.Logf("%d lines, %.0f bytes allocated per line", n, float64(after.TotalAlloc-before.TotalAlloc)/float64(n))
}
