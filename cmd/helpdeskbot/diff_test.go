package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// impactFixtures are the fixture folders of bot/impact: base, and three
// edits of it (see bot/impact/fixtures_test.go).
const impactFixtures = "../../bot/impact/testdata/"

// diffOut is the part of "diff --json" the tests read.
type diffOut struct {
	Examples []struct {
		Example, File string
		OldTopic      string `json:"old_topic"`
		NewTopic      string `json:"new_topic"`
	}
	Tests *struct {
		File    string
		Changes []struct{ Line int }
		Old     testFigures
		New     testFigures
	}
	Lint     problemDelta
	Quality  *problemDelta
	Recorded *struct {
		Questions     int
		Changed       int
		ChangedShare  float64 `json:"changed_share"`
		AnsweredShare float64 `json:"answered_share"`
		Summary       struct {
			Moved            int
			NewlyFallingBack int `json:"newly_falling_back"`
			Topics           []struct {
				Topic            string
				MovedOut         int `json:"moved_out"`
				NewlyFallingBack int `json:"newly_falling_back"`
			}
			Sample []struct{ Question string }
		}
	}
}

func runDiff(t *testing.T, args ...string) (result, diffOut) {
	t.Helper()
	r := runCLI(t, "", append([]string{"diff", "--json"}, args...)...)
	var d diffOut
	if r.code == 0 {
		if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
			t.Fatalf("%v:\n%s", err, r.stdout)
		}
	}
	return r, d
}

func TestDiffFixtures(t *testing.T) {
	tests := []struct {
		name         string
		edit         string
		examples     int
		testLines    []int
		newRight     int
		qualityDelta bool
	}{
		{name: "an edit that breaks nothing", edit: "harmless", newRight: 18},
		{name: "examples moved between topics", edit: "moved", examples: 2, testLines: []int{8, 9}, newRight: 16},
		{name: "an edit that changes half the answers", edit: "half", examples: 9, testLines: []int{8, 9, 10, 11, 12, 13, 14, 15, 16}, newRight: 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, d := runDiff(t, impactFixtures+"base", impactFixtures+tt.edit)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if len(d.Examples) != tt.examples {
				t.Errorf("%d changed examples, want %d: %+v", len(d.Examples), tt.examples, d.Examples)
			}
			if d.Tests == nil {
				t.Fatal("no _tests.tsv comparison")
			}
			var lines []int
			for _, c := range d.Tests.Changes {
				lines = append(lines, c.Line)
			}
			if !slices.Equal(lines, tt.testLines) {
				t.Errorf("changed _tests.tsv lines %v, want %v", lines, tt.testLines)
			}
			if d.Tests.Old.AnsweredRight != 18 || d.Tests.New.AnsweredRight != tt.newRight {
				t.Errorf("answered right: old %d, new %d; want 18, %d", d.Tests.Old.AnsweredRight, d.Tests.New.AnsweredRight, tt.newRight)
			}
			if want := impactFixtures + tt.edit + "/_tests.tsv"; d.Tests.File != want {
				t.Errorf("tests read from %s, want the new folder's %s", d.Tests.File, want)
			}
			if len(d.Lint.Added)+len(d.Lint.Removed) != 0 {
				t.Errorf("lint delta %+v, want none: the fixtures lint clean", d.Lint)
			}
			if d.Quality == nil || d.Quality.Old == nil || d.Quality.New == nil || d.Quality.New.TyposTried == 0 {
				t.Errorf("no lint --quality comparison by default: %+v", d.Quality)
			}
			if d.Recorded != nil {
				t.Errorf("recorded questions compared without analytics: %+v", d.Recorded)
			}
		})
	}
}

func TestDiffText(t *testing.T) {
	r := runCLI(t, "", "diff", "--quality=false", impactFixtures+"base", impactFixtures+"moved")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		`moved/id.md:8: "there is glare on my license" (moved from glare to government-id): answered glare -> answered government-id`,
		`moved/_tests.tsv:9: "my picture is too dark" (expected glare): answered glare -> answered government-id`,
		"  answered right             18      16     -2\n",
		"lint: 0 added, 0 removed",
		"recorded questions: analytics is not configured",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "lint --quality") {
		t.Errorf("--quality=false still compared the quality warnings:\n%s", r.stdout)
	}
}

// TestDiffLintDelta shows a lint warning the edit adds: an answer past its
// review_by day.
func TestDiffLintDelta(t *testing.T) {
	edit := testkit.CopyDir(t, impactFixtures+"base")
	writeFile(t, filepath.Join(edit, "thanks.md"), "---\nid: thanks\ntitle: Thanks\nreview_by: 2020-01-31\nexamples:\n  - thank you\n  - thanks for the help\n  - much appreciated\nkeywords: [thanks, thank]\n---\nYou're welcome!\n")
	r, d := runDiff(t, "--quality=false", impactFixtures+"base", edit)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if len(d.Lint.Added) != 1 || !strings.HasPrefix(d.Lint.Added[0], filepath.Join(edit, "thanks.md")+":4: warning: review_by 2020-01-31 has passed") || len(d.Lint.Removed) != 0 {
		t.Errorf("lint delta %+v, want the passed review_by added", d.Lint)
	}
}

func TestDiffRecordedQuestions(t *testing.T) {
	now := time.Now()
	turn := func(ago time.Duration, outcome, text string) analytics.Turn {
		return analytics.Turn{Time: now.Add(-ago), Adapter: "slack", User: "u1", Text: text, Intent: "okta", Outcome: outcome, Confidence: 0.9}
	}
	// The in-scope lines of base's _tests.tsv, asked an hour ago (one of
	// them with a card number): half of them are about the topics that
	// "half" removes.
	var turns []analytics.Turn
	for _, q := range []string{
		"the selfie step is stuck", "no face found on my selfie", "liveness fails every time",
		"my passport photo was refused", "the ID upload is failing", "front and back of the license",
		"glare on my driving license", "my picture is too dark", "light reflecting on the card",
		"Microsoft Entra redirected me here", "azure ad wants me to verify", "my Microsoft work sign in sent me",
		"Okta redirected me", "okta asks me to verify who I am",
		"thanks a lot", "thank you so much", "appreciated",
	} {
		turns = append(turns, turn(time.Hour, "answered", q))
	}
	turns = append(turns,
		// Stored unmasked here, so that the sample shows it is masked again.
		turn(time.Hour, "answered", "my Okta login sent me here with card 4111 1111 1111 1111"),
		// Not questions: a guarded turn, a topic picked from a button.
		turn(time.Hour, "guarded", "Okta redirected me"),
		turn(time.Hour, "answered", "[topic okta]"),
		// Outside the window.
		turn(10*24*time.Hour, "answered", "Okta redirected me"),
	)
	storeWith(t, turns...)

	r, d := runDiff(t, "--quality=false", "--since", "7d", impactFixtures+"base", impactFixtures+"half")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rec := d.Recorded
	if rec == nil {
		t.Fatal("no recorded questions compared with analytics on")
	}
	if rec.Questions != 18 || rec.Changed != 9 || rec.ChangedShare != 0.5 || rec.AnsweredShare != 0.5 {
		t.Errorf("recorded: %d questions, %d changed (%.2f, %.2f of the answered); want 18, 9, 0.5, 0.5", rec.Questions, rec.Changed, rec.ChangedShare, rec.AnsweredShare)
	}
	for _, tc := range rec.Summary.Topics {
		if tc.Topic == "okta" && tc.MovedOut+tc.NewlyFallingBack != 3 {
			t.Errorf("okta %+v: its 3 questions should have left it", tc)
		}
	}
	var redacted bool
	for _, s := range rec.Summary.Sample {
		if strings.Contains(s.Question, "4111") {
			t.Errorf("a card number shown in the sample: %q", s.Question)
		}
		redacted = redacted || strings.Contains(s.Question, "[card number]")
	}
	if !redacted {
		t.Errorf("the card question is not in the sample, masked: %+v", rec.Summary.Sample)
	}

	text := runCLI(t, "", "diff", "--quality=false", impactFixtures+"base", impactFixtures+"half")
	if !strings.Contains(text.stdout, "recorded questions of the last 7d: 9 of 18 change (50.0%); of the 18 the old version answers, 9 (50.0%)") ||
		!strings.Contains(text.stdout, "sample (redacted):") || strings.Contains(text.stdout, "4111") {
		t.Errorf("text output:\n%s", text.stdout)
	}

	for _, tt := range []struct {
		share string
		code  int
	}{{"0.4", exitFailure}, {"0.5", exitOK}, {"0.6", exitOK}} {
		r := runCLI(t, "", "diff", "--quality=false", "--fail-on-change", tt.share, impactFixtures+"base", impactFixtures+"half")
		if r.code != tt.code {
			t.Errorf("--fail-on-change %s with half the questions changing: exit %d, want %d: %s", tt.share, r.code, tt.code, r.stderr)
		}
	}
	if r := runCLI(t, "", "diff", "--quality=false", "--fail-on-change", "0", impactFixtures+"base", impactFixtures+"harmless"); r.code != exitOK {
		t.Errorf("--fail-on-change 0 with nothing changing: exit %d: %s", r.code, r.stderr)
	}
}

func TestDiffRefuses(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{name: "a missing folder", args: []string{impactFixtures + "base", "testdata/no-such-folder"},
			stderr: []string{"testdata/no-such-folder: not a folder\n"}},
		{name: "a broken folder", args: []string{"../../intents/testdata/broken/duplicate-id", impactFixtures + "base"},
			stderr: []string{`../../intents/testdata/broken/duplicate-id/b.md:2: duplicate id "selfie"`, "duplicate-id cannot be compared"}},
		{name: "fail-on-change without analytics", args: []string{"--fail-on-change", "0.1", impactFixtures + "base", impactFixtures + "moved"},
			stderr: []string{"--fail-on-change counts recorded questions"}},
		{name: "a share out of range", args: []string{"--fail-on-change", "2", impactFixtures + "base", impactFixtures + "moved"},
			stderr: []string{"--fail-on-change must be between 0 and 1"}},
		{name: "one folder", args: []string{impactFixtures + "base"}, stderr: []string{"accepts 2 arg(s)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"diff"}, tt.args...)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d", r.code, exitUsage)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
		})
	}
}
