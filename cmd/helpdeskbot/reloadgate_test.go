package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// TestServeRefusesAnEditThatChangesTooMuch runs serve with analytics on
// and reload.max_changed_share 0.2, on a copy of bot/impact's base
// folder whose recorded questions are its _tests.tsv lines; the edit that
// removes the topics of half of them is refused, and the last good
// knowledge keeps answering.
func TestServeRefusesAnEditThatChangesTooMuch(t *testing.T) {
	var turns []analytics.Turn
	for _, q := range []string{
		"the selfie step is stuck", "no face found on my selfie", "liveness fails every time",
		"my passport photo was refused", "the ID upload is failing", "front and back of the license",
		"glare on my driving license", "my picture is too dark", "light reflecting on the card",
		"Microsoft Entra redirected me here", "azure ad wants me to verify", "my Microsoft work sign in sent me",
		"Okta redirected me", "okta asks me to verify who I am", "my Okta login sent me here",
		"thanks a lot", "thank you so much", "appreciated",
	} {
		turns = append(turns, analytics.Turn{Time: time.Now().Add(-time.Hour), Adapter: "slack", Text: q, Intent: "selfie", Outcome: "answered"})
	}
	storeWith(t, turns...)
	t.Setenv("HELPDESK_RELOAD_MAX_CHANGED_SHARE", "0.2")
	t.Setenv("HELPDESK_RELOAD_MIN_ACCURACY", "0")
	t.Setenv("HELPDESK_RELOAD_DEBOUNCE", "20ms")
	dir := testkit.CopyDir(t, impactFixtures+"base")
	s := serveInProcess(t, "--knowledge", dir)
	defer func() {
		if t.Failed() {
			t.Log(s.logs.lines)
		}
	}()

	for _, name := range []string{"entra.md", "okta.md", "glare.md"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	edit := func() {
		for _, name := range []string{"_fallback.md", "selfie.md", "_synonyms.yaml"} {
			data, err := os.ReadFile(filepath.Join(impactFixtures+"half", name))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, name), string(data))
		}
	}
	refused := regexp.MustCompile(`knowledge reload refused.*reload.max_changed_share: the new version changes 9 of the 18 questions answered in the last 7 days \(50.0%\), more than 20.0%; most moved: `)
	// The watch may start after serve listens: the edit is written again,
	// now and then, until a reload sees it.
	var edited time.Time
	testkit.WaitFor(t, "the gate's refusal to be logged", func() bool {
		if s.logs.find(refused) != "" {
			return true
		}
		if time.Since(edited) > 500*time.Millisecond {
			edit()
			edited = time.Now()
		}
		return false
	})
	if r := s.ask(t, "Okta redirected me"); r.Intent != "okta" {
		t.Errorf("after the refused edit: %s %s, want okta still answered", r.Outcome, r.Intent)
	}
}

// TestServeGateNeedsAnalytics shows that reload.max_changed_share without
// analytics says, once, that it does nothing.
func TestServeGateNeedsAnalytics(t *testing.T) {
	t.Setenv("HELPDESK_RELOAD_MAX_CHANGED_SHARE", "0.2")
	s := serveInProcess(t, "--knowledge", testkit.CopyDir(t, impactFixtures+"base"))
	if s.logs.find(regexp.MustCompile(`reload.max_changed_share is set, but no analytics store records questions: the gate is off`)) == "" {
		t.Error("no warning that the gate is off")
	}
}

func TestConfigMaxChangedShare(t *testing.T) {
	t.Setenv("HELPDESK_RELOAD_MAX_CHANGED_SHARE", "1.5")
	if r := runCLI(t, "", "config", "check"); r.code != exitUsage || !regexp.MustCompile(`reload.max_changed_share: 1.5 is not between 0 and 1`).MatchString(r.stderr) {
		t.Errorf("config check with a share of 1.5: exit %d: %s", r.code, r.stderr)
	}
}
