package reload_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/reload"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// The fixture folders of bot/impact: base, an edit that changes nothing
// people get (harmless), and one that removes the topics of half of
// base's questions (half).
const impactFixtures = "../impact/testdata/"

// baseQuestions are the in-scope questions of base's _tests.tsv: half are
// about glare, microsoft-entra and okta.
var baseQuestions = []string{
	"the selfie step is stuck", "no face found on my selfie", "liveness fails every time",
	"my passport photo was refused", "the ID upload is failing", "front and back of the license",
	"glare on my driving license", "my picture is too dark", "light reflecting on the card",
	"Microsoft Entra redirected me here", "azure ad wants me to verify", "my Microsoft work sign in sent me",
	"Okta redirected me", "okta asks me to verify who I am", "my Okta login sent me here",
	"thanks a lot", "thank you so much", "appreciated",
}

// fakeQuestions is a recorded-questions source: list answers, and asked
// remembers the times it was asked for.
type fakeQuestions struct {
	list  func(since time.Time) ([]string, error)
	asked []time.Time
}

func (f *fakeQuestions) questions(_ context.Context, since time.Time) ([]string, error) {
	f.asked = append(f.asked, since)
	return f.list(since)
}

func index(t *testing.T, name string) *intents.Index {
	t.Helper()
	k, err := intents.Load(intents.Dir(impactFixtures + name))
	if err != nil {
		t.Fatal(err)
	}
	return intents.NewIndex(k)
}

func TestChangeGate(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	these := func(qs ...string) func(time.Time) ([]string, error) {
		return func(time.Time) ([]string, error) { return qs, nil }
	}
	tests := []struct {
		name     string
		maxShare float64
		next     string
		list     func(time.Time) ([]string, error)
		want     []string // in the one problem; none: let through
	}{
		{name: "half the answers change, more than allowed", maxShare: 0.3, next: "half", list: these(baseQuestions...),
			want: []string{"reload.max_changed_share: the new version changes 9 of the 18 questions answered in the last 7 days (50.0%), more than 30.0%", "most moved: microsoft-entra -> fallback 2,"}},
		{name: "half the answers change, as allowed", maxShare: 0.5, next: "half", list: these(baseQuestions...)},
		{name: "nothing changes", maxShare: 0.01, next: "harmless", list: these(baseQuestions...)},
		{name: "no question was answered", maxShare: 0.01, next: "half", list: these("zzqx vvbn", "how much does a new passport cost")},
		{name: "no recorded question", maxShare: 0.01, next: "half", list: these()},
		{name: "the questions cannot be read", maxShare: 0.5, next: "harmless",
			list: func(time.Time) ([]string, error) { return nil, errors.New("database is locked") },
			want: []string{"reload.max_changed_share: cannot read the recorded questions: database is locked"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			current, err := bot.New(index(t, "base"), bot.DefaultThresholds())
			if err != nil {
				t.Fatal(err)
			}
			fake := &fakeQuestions{list: tt.list}
			gate := reload.ChangeGate(tt.maxShare, reload.ChangeWindow, fake.questions, clock)
			got := gate(context.Background(), current, index(t, tt.next))
			if len(tt.want) == 0 {
				if len(got) != 0 {
					t.Errorf("refused: %q", got)
				}
			} else if len(got) != 1 {
				t.Errorf("problems %q, want one", got)
			}
			for _, w := range tt.want {
				if len(got) == 0 || !strings.Contains(got[0], w) {
					t.Errorf("problems %q, want one with %q", got, w)
				}
			}
			if len(fake.asked) != 1 || !fake.asked[0].Equal(now.Add(-7*24*time.Hour)) {
				t.Errorf("asked for the questions since %v, want once since %v", fake.asked, now.Add(-7*24*time.Hour))
			}
		})
	}
}

// replaceWith makes dir hold a copy of the fixture folder name.
func replaceWith(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	src := impactFixtures + name
	files, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(src, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, f.Name(), string(data))
	}
}

func TestReloadGate(t *testing.T) {
	dir := testkit.CopyDir(t, impactFixtures+"base")
	b := testkit.NewBot(t, intents.Dir(dir))
	before := b.Knowledge().Version
	fake := &fakeQuestions{list: func(time.Time) ([]string, error) { return baseQuestions, nil }}
	var failed atomic.Int64
	// MinAccuracy 0: the gate, not _tests.tsv, is what is tried here.
	r := reload.New(reload.Config{Dir: dir, Gate: reload.ChangeGate(0.2, reload.ChangeWindow, fake.questions, time.Now)}, b, nil,
		reload.Hooks{Failed: func() { failed.Add(1) }})

	if err := reloadWithin(t, r).Err(); err != nil || len(fake.asked) != 0 {
		t.Fatalf("a reload of the version in use: %v, the gate asked %d times; want no error and no question read", err, len(fake.asked))
	}

	replaceWith(t, dir, "half")
	res := reloadWithin(t, r)
	var refused *reload.Error
	if !errors.As(res.Err(), &refused) || len(refused.Problems) != 1 || !strings.Contains(refused.Problems[0].Message, "changes 9 of the 18 questions") {
		t.Fatalf("Reload of an edit changing half the answers = %v, want one refusal with the share", res.Err())
	}
	if b.Knowledge().Version != before || failed.Load() != 1 {
		t.Errorf("after the refusal: version %s (want %s still), failures counted %d", b.Knowledge().Version, before, failed.Load())
	}
	logs := &testkit.LogBuffer{}
	reload.Log(slogTo(logs), "watch", res)
	if n := strings.Count(logs.String(), "knowledge reload refused"); n != 1 || !strings.Contains(logs.String(), "most moved:") {
		t.Errorf("the refusal logged %d times, want once with the top moves:\n%s", n, logs)
	}

	replaceWith(t, dir, "harmless")
	if err := reloadWithin(t, r).Err(); err != nil {
		t.Fatalf("Reload of an edit that changes nothing: %v", err)
	}
	if b.Knowledge().Version == before {
		t.Error("the harmless edit was not put in use")
	}
}

// TestReloadGateOnlyAfterTheOtherChecks shows that a broken version is
// refused for what breaks it, without reading any recorded question.
func TestReloadGateOnlyAfterTheOtherChecks(t *testing.T) {
	dir := folder(t)
	b := testkit.NewBot(t, os.DirFS(dir))
	calls := 0
	gate := func(context.Context, *bot.Bot, *intents.Index) []string { calls++; return nil }
	r := reload.New(reload.Config{Dir: dir, MinAccuracy: 0.9, Gate: gate}, b, nil, reload.Hooks{})
	write(t, dir, "broken.md", "---\nid: broken\ntitle: Broken\nexamples: [a, b\n---\nx\n")
	if err := reloadWithin(t, r).Err(); err == nil || calls != 0 {
		t.Errorf("a lint error: Reload = %v, gate called %d times; want a refusal and no call", err, calls)
	}
}
