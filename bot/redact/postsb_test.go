package redact_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/redact"
)

// TestPostsB measures the guard on testdata/posts-b.tsv: 700 chat posts
// (300 holding personal data, 400 without, with ticket numbers, error
// codes, one-time codes and amounts as bait), written by someone who had
// not seen this package, after the chat-posts set had been used. It was
// measured once before the changes of the round that brought it (87.3%
// caught, 0.5% false alarms, 96.7% masked) and once after (95.0%, 0.2%,
// 98.0%); it is a development set since, and the package catches 99.3% of
// them (no false alarm, 99.3% masked) now. It lists the kinds a post holds,
// not the values, so "masked" is judged on the post's numbers: no four
// digits in a row of a number of six or more digits in the post remain,
// nor an MRZ's "<<". The floors keep those figures from going back.
//
//	go test ./bot/redact -run TestPostsB -v
func TestPostsB(t *testing.T) {
	number := regexp.MustCompile(`\d(?:[ .\-/\n]?\d){5,}`)
	nonDigit := regexp.MustCompile(`\D`)
	var personal, caught, complete, ordinary, alarms int
	for i, row := range readTSV(t, "testdata/posts-b.tsv") {
		if len(row) != 3 {
			t.Fatalf("posts-b.tsv:%d: %d columns", i+2, len(row))
		}
		text := strings.ReplaceAll(row[2], `\n`, "\n")
		r := redact.Check(text)
		switch row[0] {
		case "pii":
			personal++
			if r.Guard {
				caught++
			}
			masked := nonDigit.ReplaceAllString(r.Masked, "")
			leaked := strings.Contains(text, "<<") && strings.Contains(r.Masked, "<<")
			for _, n := range number.FindAllString(text, -1) {
				d := nonDigit.ReplaceAllString(n, "")
				for k := 0; k+4 <= len(d) && !leaked; k++ {
					leaked = strings.Contains(masked, d[k:k+4])
				}
			}
			if !leaked {
				complete++
			}
		case "clean":
			ordinary++
			if r.Guard {
				alarms++
			}
		default:
			t.Fatalf("posts-b.tsv:%d: label %q", i+2, row[0])
		}
	}
	pct := func(n, of int) float64 { return 100 * float64(n) / float64(of) }
	t.Logf("%d posts with personal data: %.1f%% caught, %.1f%% masked; %d without: %.1f%% false alarms",
		personal, pct(caught, personal), pct(complete, personal), ordinary, pct(alarms, ordinary))
	if pct(caught, personal) < 99 || pct(complete, personal) < 99 || alarms > 1 {
		t.Errorf("below the floors: 99%% caught, 99%% masked, at most one false alarm")
	}
}
