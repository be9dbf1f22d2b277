package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// evalKB is a knowledge folder whose _tests.tsv has one line of each
// verdict. The lines are chosen for the outcome the matcher gives them; if
// a matcher change moves one, pick another message with that outcome: what
// is tested here is the counting.
const evalKB = "testdata/eval-kb"

func TestEvalCountsEachVerdict(t *testing.T) {
	r := runCLI(t, "", "eval", "--knowledge", evalKB)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"in-scope accuracy:         50.0%  (3/6: the top candidate is the right topic)\n",
		"  answered right:          16.7%  (1)\n",
		"  clarified, right first:  16.7%  (1)\n",
		"  wrong topic:             33.3%  (2)\n",
		"  fell back:               33.3%  (2)\n",
		"out-of-scope rejected:     50.0%  (1/2)\n",
		"decided because ",
		"time per message:  ",
		"line 6: expected parcel-arrival, got none (fallback",
		"line 9: expected none, got change-address (answered",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
	// "money back card or cash" is under both refund topics: whichever the clarify
	// offers first, the other line is the wrong topic.
	card := strings.Contains(r.stdout, "line 4: expected refund-card, got refund-cash (clarify")
	cash := strings.Contains(r.stdout, "line 5: expected refund-cash, got refund-card (clarify")
	if card == cash {
		t.Errorf("want exactly one refund line reported as a clarify of the other topic:\n%s", r.stdout)
	}
}

func TestEvalJSON(t *testing.T) {
	r := runCLI(t, "", "eval", "--json", "--knowledge", evalKB)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var s evalSummary
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		t.Fatalf("%v:\n%s", err, r.stdout)
	}
	in, oos := s.InScope, s.OutOfScope
	if s.Topics != 4 || in.Messages != 6 || in.TopRight != 3 || in.Accuracy != 0.5 ||
		in.AnsweredRight != 1 || in.ClarifiedRight != 1 || in.WrongTopic != 2 || in.FellBack != 2 {
		t.Errorf("in-scope figures %+v (topics %d)", in, s.Topics)
	}
	if in.AnsweredRate < 0.166 || in.AnsweredRate > 0.167 {
		t.Errorf("answered_rate %v, want 1/6", in.AnsweredRate)
	}
	if oos.Messages != 2 || oos.Rejected != 1 || oos.Rejection != 0.5 {
		t.Errorf("out-of-scope figures %+v", oos)
	}
	if s.MicrosPerMessage <= 0 || s.BuildMillis <= 0 {
		t.Errorf("us_per_message %v, build_ms %v: want measured times", s.MicrosPerMessage, s.BuildMillis)
	}
	if !strings.HasSuffix(s.Data, "_tests.tsv") {
		t.Errorf("data %q: want the folder's _tests.tsv", s.Data)
	}
	// Every line is counted under the reason of its decision once, and the
	// right ones are the answered and clarified right.
	var inScope, right, outOfScope int
	reasons := map[string]bool{}
	for _, r := range s.Reasons {
		inScope += r.InScope
		right += r.InScopeRight
		outOfScope += r.OutOfScope
		reasons[r.Reason] = true
	}
	if inScope != in.Messages || outOfScope != oos.Messages || right != in.AnsweredRight+in.ClarifiedRight {
		t.Errorf("reasons %+v count %d in scope (%d right) and %d out of scope", s.Reasons, inScope, right, outOfScope)
	}
	for _, want := range []string{"confident", "too close to call", "no topic matched"} {
		if !reasons[want] {
			t.Errorf("reasons %+v lack %q", s.Reasons, want)
		}
	}
}

func TestEvalMinAccuracy(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"at the minimum", []string{"--min-accuracy", "0.5"}, 0, ""},
		{"below it", []string{"--min-accuracy", "0.6"}, exitFailure, "eval: in-scope accuracy 50.0% is below --min-accuracy 60.0%"},
		{"json below it", []string{"--json", "--min-accuracy", "0.6"}, exitFailure, "below --min-accuracy"},
		{"rejection below it", []string{"--data", "testdata/eval-kb-rejection.tsv", "--min-accuracy", "0.9"}, exitFailure,
			"eval: out-of-scope rejection 50.0% is below --min-rejection 90.0%"},
		{"not a share", []string{"--min-accuracy", "90"}, exitUsage, "--min-accuracy must be between 0 and 1"},
		{"rejection at its own minimum", []string{"--min-accuracy", "0.5", "--min-rejection", "0.5"}, 0, ""},
		{"rejection below its own minimum", []string{"--min-accuracy", "0.5", "--min-rejection", "0.6"}, exitFailure,
			"eval: out-of-scope rejection 50.0% is below --min-rejection 60.0%"},
		{"only the rejection has a minimum", []string{"--min-rejection", "0.6"}, exitFailure, "out-of-scope rejection 50.0% is below --min-rejection 60.0%"},
		{"both below", []string{"--min-accuracy", "0.6", "--min-rejection", "0.6"}, exitFailure,
			"eval: in-scope accuracy 50.0% is below --min-accuracy 60.0%; out-of-scope rejection 50.0% is below --min-rejection 60.0%"},
		{"rejection not a share", []string{"--min-rejection", "-0.1"}, exitUsage, "--min-rejection must be between 0 and 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"eval", "--knowledge", evalKB}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", r.code, tt.code, r.stderr, tt.stderr)
			}
		})
	}
}

func TestEvalNeedsData(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a folder without tests", []string{"--knowledge", "../../intents/testdata/small"}, "../../intents/testdata/small has no _tests.tsv: give --data FILE.tsv"},
		{"the built-in knowledge", nil, "built-in knowledge has no _tests.tsv: give --data FILE.tsv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"eval"}, tt.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
		})
	}
}

// TestEvalReadsTheFolderTests: without --data, eval reads the _tests.tsv
// of the knowledge folder, as knowledge/README.md says, whether the
// folder is given by flag or by configuration.
func TestEvalReadsTheFolderTests(t *testing.T) {
	for _, how := range []string{"flag", "environment"} {
		t.Run(how, func(t *testing.T) {
			args := []string{"eval", "--json"}
			if how == "flag" {
				args = append(args, "--knowledge", evalKB)
			} else {
				t.Setenv("HELPDESK_KNOWLEDGE", evalKB)
			}
			r := runCLI(t, "", args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var s evalSummary
			if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
				t.Fatal(err)
			}
			if s.Data != evalKB+"/_tests.tsv" || s.InScope.Messages != 6 || s.OutOfScope.Messages != 2 {
				t.Errorf("data %q, %d in scope, %d out of scope", s.Data, s.InScope.Messages, s.OutOfScope.Messages)
			}
		})
	}
}
