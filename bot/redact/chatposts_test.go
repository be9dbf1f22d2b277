package redact_test

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// TestChatPosts measures the guard on testdata/chat-posts.tsv: 513 chat
// posts (317 holding personal data of many countries, 196 without, with
// ticket numbers, error codes and format hints as bait), written by someone
// who had not seen this package. It was measured once before any change
// was made from it (90.2% caught, 1.0% false alarms, 92.7% masked
// completely); it has been a development set since, and the package
// catches all of them now. The floors keep those figures from going back:
// at most one post missed, masked incompletely or refused.
//
//	go test ./bot/redact -run TestChatPosts -v
func TestChatPosts(t *testing.T) {
	values := map[int][]string{} // line -> the values it holds
	for i, row := range readTSV(t, "testdata/chat-posts-values.tsv") {
		line, err := strconv.Atoi(row[0])
		if err != nil || len(row) != 2 {
			t.Fatalf("chat-posts-values.tsv:%d: %q", i+2, row)
		}
		values[line] = append(values[line], row[1])
	}
	var personal, caught, complete, ordinary, alarms int
	for i, row := range readTSV(t, "testdata/chat-posts.tsv") {
		line := i + 2
		if len(row) != 3 {
			t.Fatalf("chat-posts.tsv:%d: %d columns", line, len(row))
		}
		text := strings.ReplaceAll(row[2], `\n`, "\n")
		r := redact.Check(text)
		switch row[0] {
		case "pii":
			personal++
			if r.Guard {
				caught++
			} else {
				t.Logf("missed (%s), line %d: %q", row[1], line, text)
			}
			leaked := false
			for _, v := range values[line] {
				leaked = leaked || leaks(strings.ReplaceAll(v, `\n`, "\n"), r.Masked)
			}
			if leaked {
				t.Logf("leak line %d: %q", line, r.Masked)
			}
			if !leaked {
				complete++
			}
		case "ok":
			ordinary++
			if r.Guard {
				alarms++
				t.Logf("false alarm %v, line %d: %q", r.Kinds, line, text)
			}
		default:
			t.Fatalf("chat-posts.tsv:%d: label %q", line, row[0])
		}
	}
	pct := func(n, of int) float64 { return 100 * float64(n) / float64(of) }
	t.Logf("%d posts with personal data: %.1f%% caught, %.1f%% masked completely; %d without: %.1f%% false alarms",
		personal, pct(caught, personal), pct(complete, personal), ordinary, pct(alarms, ordinary))
	if personal-caught > 1 || personal-complete > 1 || alarms > 1 {
		t.Errorf("below the floors: at most one post missed, one masked incompletely and one false alarm")
	}
}

var separatedDigits = regexp.MustCompile(`(\d)[ .\-/\n]+(\d)`)

// leaks reports whether masked still shows part of value: four of its
// digits in a row (separators aside), the value itself, or an MRZ's "<<".
func leaks(value, masked string) bool {
	digits := regexp.MustCompile(`\D`).ReplaceAllString(value, "")
	joined := masked
	for {
		next := separatedDigits.ReplaceAllString(joined, "$1$2")
		if next == joined {
			break
		}
		joined = next
	}
	for k := 0; k+4 <= len(digits); k++ {
		for _, run := range regexp.MustCompile(`\d+`).FindAllString(joined, -1) {
			if strings.Contains(run, digits[k:k+4]) {
				return true
			}
		}
	}
	squash := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	if v := squash(value); len(v) >= 6 && strings.Contains(squash(masked), v) {
		return true
	}
	return strings.Contains(value, "<<") && strings.Contains(masked, "<<")
}

// readTSV reads a tab-separated file without its header.
func readTSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), "\t"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}
