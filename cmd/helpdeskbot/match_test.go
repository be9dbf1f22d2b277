package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// matchRecord is the contract of one "helpdeskbot match" output line.
type matchRecord struct {
	Message    string          `json:"message"`
	Intent     string          `json:"intent"`
	Outcome    string          `json:"outcome"`
	Reason     bot.Reason      `json:"reason"`
	Confidence float64         `json:"confidence"`
	Candidates []bot.Candidate `json:"candidates"`
	OutOfScope float64         `json:"out_of_scope"`
	// Language is there for a knowledge in several languages.
	Language string `json:"language"`
	Reply    string `json:"reply"`
}

func decodeRecords(t *testing.T, out string) []matchRecord {
	t.Helper()
	var recs []matchRecord
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r matchRecord
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %d is not a match record: %v\n%s", i+1, err, line)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestMatchCommand(t *testing.T) {
	long := "came from okta " + strings.Repeat("please ", 16*1024) // longer than the line buffer
	input := strings.Join([]string{
		"stuck on selfie",
		"verify linkedin account",
		"what's the weather like",
		"",
		"bad \xff\xfe bytes \"quoted\" \\ back\tslash",
		long,
		"glaer on my licence\r", // CRLF input
		"nfc",                   // no final newline
	}, "\n")
	r := runCLI(t, input, "match")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs := decodeRecords(t, r.stdout)
	if len(recs) != 8 {
		t.Fatalf("%d records for 8 lines", len(recs))
	}
	want := []struct{ intent, outcome string }{
		{"selfie", "answered"},
		{"linkedin-recovery|linkedin-verification", "clarify"}, // either may come first
		{"none", "fallback"},
		{"none", "fallback"},
		{"none", "fallback"},
		{"okta", "answered"},
		{"lighting-glare", "answered"},
		{"nfc", "answered"},
	}
	for i, w := range want {
		rec := recs[i]
		if !slices.Contains(strings.Split(w.intent, "|"), rec.Intent) || rec.Outcome != w.outcome {
			t.Errorf("line %d %.40q: %s %s, want %s %s", i+1, rec.Message, rec.Intent, rec.Outcome, w.intent, w.outcome)
		}
		if !strings.Contains(rec.Reply, "organization that asked you to verify") {
			t.Errorf("line %d: reply without the guidance", i+1)
		}
		if rec.Confidence < 0 || rec.Confidence > 1 || rec.OutOfScope < 0 || rec.OutOfScope > 1 {
			t.Errorf("line %d: confidence %v, out of scope %v", i+1, rec.Confidence, rec.OutOfScope)
		}
		if rec.Reason == "" {
			t.Errorf("line %d: no reason", i+1)
		}
		if rec.Outcome != "fallback" && (len(rec.Candidates) == 0 || rec.Candidates[0].Intent != rec.Intent) {
			t.Errorf("line %d: intent %s is not the top candidate %+v", i+1, rec.Intent, rec.Candidates)
		}
	}
	if recs[0].Language != "en" {
		t.Errorf("language of %q = %q, want en (the shipped knowledge has several)", recs[0].Message, recs[0].Language)
	}
	if recs[0].Message != "stuck on selfie" || recs[6].Message != "glaer on my licence" {
		t.Errorf("messages not echoed: %q, %q", recs[0].Message, recs[6].Message)
	}
	if recs[4].Message != "bad \ufffd\ufffd bytes \"quoted\" \\ back\tslash" {
		t.Errorf("invalid UTF-8 echoed as %q", recs[4].Message)
	}
	if len(recs[5].Message) != maxLine {
		t.Errorf("long line echoed with %d bytes, want the first %d", len(recs[5].Message), maxLine)
	}
}

// TestMatchCommandAnswersEachLineAsItArrives drives match through a pipe,
// one line at a time, as another program would.
func TestMatchCommandAnswersEachLineAsItArrives(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := run(context.Background(), []string{"match"}, inR, outW, io.Discard)
		outW.Close()
		done <- code
	}()
	lines := bufio.NewReader(outR)
	for _, msg := range []string{"nfc", "okta", "hello"} {
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
			if !strings.Contains(line, `"message":"`+msg+`"`) {
				t.Fatalf("answer to %q: %s", msg, line)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no answer to %q while more input may come", msg)
		}
	}
	inW.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("match did not end at end of input")
	}
}

// lineSource produces n input lines without holding them in memory.
type lineSource struct {
	n, i int
	buf  []byte
}

var sourceMessages = []string{"stuck on selfie", "glaer on my licence", "my linkedin post got no likes", "why do I have to verify??", "came from okta"}

func (s *lineSource) Read(p []byte) (int, error) {
	for len(s.buf) < len(p) && s.i < s.n {
		s.buf = append(s.buf, sourceMessages[s.i%len(sourceMessages)]...)
		s.buf = append(s.buf, '\n')
		s.i++
	}
	if len(s.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.buf)
	s.buf = s.buf[:copy(s.buf, s.buf[n:])]
	return n, nil
}

// countingWriter counts lines without keeping them.
type countingWriter struct{ lines int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.lines += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

// TestMatchCommandStreamsInConstantMemory matches many lines and checks that
// the heap does not grow with them.
func TestMatchCommandStreamsInConstantMemory(t *testing.T) {
	n := 200_000
	if testing.Short() || raceEnabled {
		n = 40_000
	}
	var out countingWriter
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	code := run(context.Background(), []string{"match"}, &lineSource{n: n}, &out, io.Discard)
	runtime.ReadMemStats(&after)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if out.lines != n {
		t.Fatalf("%d output lines for %d input lines", out.lines, n)
	}
	// Allocation per line must stay small and nothing may accumulate.
	runtime.GC()
	var end runtime.MemStats
	runtime.ReadMemStats(&end)
	if grown := int64(end.HeapAlloc) - int64(before.HeapAlloc); grown > 16<<20 {
		t.Errorf("heap grew by %d MiB over %d lines", grown>>20, n)
	}
	t.Logf("%d lines, %.0f bytes allocated per line", n, float64(after.TotalAlloc-before.TotalAlloc)/float64(n))
}

// BenchmarkMatchCommand is the cost per line of "helpdeskbot match" on the
// shipped knowledge, JSON output included (one op = one line). Compare with
// intents.BenchmarkMatchShipped, the matcher alone.
func BenchmarkMatchCommand(b *testing.B) {
	b.ReportAllocs()
	var out countingWriter
	if code := run(context.Background(), []string{"match"}, &lineSource{n: b.N}, &out, io.Discard); code != 0 {
		b.Fatalf("exit %d", code)
	}
	if out.lines != b.N {
		b.Fatalf("%d lines out for %d in", out.lines, b.N)
	}
}

// TestMatchCommandKeepsTheTwoFallbacksApart: an out-of-scope question, then
// gibberish: each gets its own fallback text, though the reply encoder
// caches replies.
func TestMatchCommandKeepsTheTwoFallbacksApart(t *testing.T) {
	r := runCLI(t, "where do I renew my passport\nzzzz qqqq xxxx\nzzzz qqqq xxxx\nwhere do I renew my passport\n", "match")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs := decodeRecords(t, r.stdout)
	if len(recs) != 4 {
		t.Fatalf("%d records for 4 lines", len(recs))
	}
	const outOfScope, notUnderstood = "outside what I can help with", "not sure I understood"
	for i, want := range []string{outOfScope, notUnderstood, notUnderstood, outOfScope} {
		if !strings.Contains(recs[i].Reply, want) {
			t.Errorf("line %d %q: reply %.60q, want the text with %q", i+1, recs[i].Message, recs[i].Reply, want)
		}
	}
}
