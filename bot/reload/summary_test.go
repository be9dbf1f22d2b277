package reload_test

import (
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/reload"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// debugTo logs to w at every level, debug included.
func debugTo(w *testkit.LogBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// lines are the lines of logs that match re.
func lines(logs string, re string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(logs), "\n") {
		if regexp.MustCompile(re).MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// TestReloadLogsOneSummaryLine: a refused reload logs one line with the
// versions, the first root cause and how many other problems there are;
// each problem, knock-on errors marked, is at debug level only. The fix
// logs that it is accepted.
func TestReloadLogsOneSummaryLine(t *testing.T) {
	dir := folder(t)
	b := testkit.NewBot(t, os.DirFS(dir))
	answering := b.Index().Knowledge().Version
	r := reload.New(reload.Config{Dir: dir, MinAccuracy: 0.9}, b, nil, reload.Hooks{})
	glare := filepath.Join(dir, "capture", "glare.md")
	good, err := os.ReadFile(glare)
	if err != nil {
		t.Fatal(err)
	}
	// glare.md no longer parses; selfie.md's related: [glare] and
	// _fallback.md's topics: [glare] follow, and _fallback.md comes first.
	write(t, dir, "capture/glare.md", strings.Replace(string(good), "examples:\n", "examples: [oops\n", 1))

	res := reloadWithin(t, r)
	if res.Outcome != reload.Refused || res.Previous != answering || res.Answering != answering || res.Version == answering {
		t.Fatalf("result %+v", res)
	}
	info, debug := &testkit.LogBuffer{}, &testkit.LogBuffer{}
	reload.Log(slogTo(info), "watch", res)
	reload.Log(debugTo(debug), "watch", res)
	summary := lines(info.String(), ".")
	if len(summary) != 1 {
		t.Fatalf("%d lines at info, want one:\n%s", len(summary), info)
	}
	for _, want := range []string{
		`level=ERROR msg="knowledge reload refused" trigger=watch version=` + res.Version + ` answering=` + answering,
		`problem="capture/glare.md:8: bad YAML: `,
		`others=2 knock_on=2`,
	} {
		if !strings.Contains(summary[0], want) {
			t.Errorf("summary %q lacks %q", summary[0], want)
		}
	}
	problems := strings.Join(lines(debug.String(), `level=DEBUG msg="knowledge reload problem"`), "\n")
	for _, want := range []string{
		`problem="capture/glare.md:8: bad YAML: ',' or ']' must be specified" knock_on=false`,
		`problem="capture/selfie.md:10: \"glare\" is not the id of any intent (knock-on error: capture/glare.md did not load)" knock_on=true`,
		`problem="_fallback.md:2: \"glare\" is not the id of any intent (knock-on error: capture/glare.md did not load)" knock_on=true`,
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems at debug level lack %s:\n%s", want, problems)
		}
	}
	if n := len(lines(debug.String(), "DEBUG")); n != 3 {
		t.Errorf("%d problems at debug level, want 3", n)
	}

	tests := []struct {
		name    string
		content string
		want    reload.Outcome
		line    string
	}{
		{"the edit undone", string(good), reload.Unchanged, `level=INFO msg="knowledge reload accepted" trigger=SIGHUP version=` + answering + ` answering=` + answering + ` warnings=0 after_refusal=true unchanged=true`},
		{"broken again", strings.Replace(string(good), "examples:\n", "examples: [oops\n", 1), reload.Refused, `msg="knowledge reload refused"`},
		{"fixed with a new answer", strings.Replace(string(good), "Use even light", "Use soft, even light", 1), reload.Accepted, `level=INFO msg="knowledge reload accepted" trigger=SIGHUP version=`},
		{"no change since", strings.Replace(string(good), "Use even light", "Use soft, even light", 1), reload.Unchanged, `level=INFO msg="knowledge reload unchanged" trigger=SIGHUP`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write(t, dir, "capture/glare.md", tt.content)
			res := reloadWithin(t, r)
			logs := &testkit.LogBuffer{}
			reload.Log(slogTo(logs), "SIGHUP", res)
			if res.Outcome != tt.want || !strings.Contains(logs.String(), tt.line) || len(lines(logs.String(), ".")) != 1 {
				t.Errorf("outcome %s, want %s; logs:\n%s\nwant one line with %q", res.Outcome, tt.want, logs, tt.line)
			}
		})
	}
	if !strings.Contains(allAnswers(b), "soft, even light") {
		t.Error("the fixed edit is not answering")
	}
}

// TestStatusTellsWhatAnswersAndWhatWasRefused: Status names the version
// answering, since when, its warnings, and the last refusal while the
// folder still holds it.
func TestStatusTellsWhatAnswersAndWhatWasRefused(t *testing.T) {
	dir := folder(t)
	b := testkit.NewBot(t, os.DirFS(dir))
	first := b.Index().Knowledge().Version
	r := reload.New(reload.Config{Dir: dir, MinAccuracy: 0.9}, b, nil, reload.Hooks{})
	st := r.Status()
	if st.Version != first || st.Since.IsZero() || st.Refused != nil || st.Current {
		t.Fatalf("at the start: %+v", st)
	}
	write(t, dir, "broken.md", "---\nid: broken\n---\n")
	refused := reloadWithin(t, r)
	st = r.Status()
	if st.Version != first || st.Refused == nil || !st.Current || st.Refused.Version != refused.Version || !st.Refused.At.Equal(refused.At) || len(st.Refused.Problems) == 0 {
		t.Fatalf("after a refusal: %+v", st)
	}
	write(t, dir, "broken.md", strings.Replace(nfcIntent, "%s", "v1", 1))
	accepted := reloadWithin(t, r)
	st = r.Status()
	if accepted.Outcome != reload.Accepted || !accepted.AfterRefusal || st.Version != accepted.Version || st.Version == first ||
		!st.Since.Equal(accepted.At) || st.Current || st.Refused == nil {
		t.Fatalf("after the fix: result %+v, status %+v", accepted, st)
	}
}
