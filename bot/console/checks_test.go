package console_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics/sqlite"
	"github.com/helpdeskbot/helpdeskbot/bot/console"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// refusedSources is a console after a refused reload: the built-in
// knowledge answers, and the folder on disk has nfc.md broken, which
// other topics list as related.
func refusedSources(t *testing.T) (console.Sources, console.Versions) {
	t.Helper()
	now := time.Now()
	answering, answeringProblems := shippedLint()
	b := testkit.NewBot(t, nil)
	dir := testkit.CopyDir(t, "../../knowledge")
	nfc := filepath.Join(dir, "capture", "nfc.md")
	data, err := os.ReadFile(nfc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nfc, []byte(strings.Replace(string(data), "examples:\n", "examples: [oops\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	disk, diskProblems := intents.Lint(intents.Dir(dir), now)
	v := console.Versions{
		Answering: answering, AnsweringProblems: answeringProblems, Since: now.Add(-time.Hour),
		Folder: dir, Disk: disk, DiskProblems: diskProblems,
		Refused: &console.Refusal{At: now.Add(-time.Minute), Version: disk.Version, Problems: diskProblems, Current: true},
	}
	return console.Sources{Bot: b, Knowledge: func() console.Versions { return v }}, v
}

// TestKnowledgeChecksAfterARefusedReload: the page says which version
// answers and which is on disk, when and why the reload was refused (the
// root cause first, knock-on errors marked), and each version's lint.
func TestKnowledgeChecksAfterARefusedReload(t *testing.T) {
	src, v := refusedSources(t)
	code, body := get(t, console.Handler(src, ""), "/console/lint")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	roots := v.DiskProblems.RootCauses()
	if len(roots) != 1 || len(v.DiskProblems) < 2 {
		t.Fatalf("the fixture should have one root cause and knock-on errors: %v", v.DiskProblems)
	}
	for _, want := range []string{
		`id="refused"`, "Last reload refused", v.Refused.At.Format("2006-01-02 15:04:05"),
		"No reload has run since",
		`<span class="err" id="refused-first">` + escaped(roots[0].String()) + `</span>, and ` + fmt.Sprint(len(v.DiskProblems)-1) + ` other problem`,
		"(knock-on)", "knock-on error: capture/nfc.md did not load",
		`<div class="card" id="answering"><h3>Answering: version <code>` + v.Answering.Version + `</code></h3>`,
		`<div class="card" id="disk"><h3>On disk: version <code>` + v.Disk.Version + `</code></h3>`,
		"has errors: a reload refuses it", "Not measured: lint --quality needs a folder without errors.",
		fmt.Sprintf("%d errors, 0 warnings.", len(v.DiskProblems)),
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The errors on disk are not shown as the answering version's.
	answering := body[strings.Index(body, `id="answering"`):strings.Index(body, `id="disk"`)]
	if strings.Contains(answering, "bad YAML") || !strings.Contains(answering, "No lint problems.") {
		t.Errorf("the answering card shows the disk's errors:\n%s", answering)
	}
}

// TestKnowledgeChecksShowQuality: lint --quality's warnings are shown
// with their count, never under "No problems.".
func TestKnowledgeChecksShowQuality(t *testing.T) {
	k, problems := shippedLint()
	q := intents.CheckQuality(k)
	want := q.Problems(k)
	if len(want) == 0 {
		t.Fatal("the fixture needs quality warnings")
	}
	b := testkit.NewBot(t, nil)
	src := console.Sources{Bot: b, Knowledge: func() console.Versions { return console.Versions{Answering: k, AnsweringProblems: problems} }}
	_, body := get(t, console.Handler(src, ""), "/console/lint")
	for _, w := range []string{fmt.Sprintf("%d quality warnings", len(want)), escaped(q.Summary()), escaped(want[0].String()), "No lint problems."} {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if strings.Contains(body, "No problems.") || strings.Contains(body, "No quality warnings.") {
		t.Error("the page says there are no problems")
	}
	// Without Knowledge, the page still measures what answers.
	_, body = get(t, console.Handler(console.Sources{Bot: b}, ""), "/console/lint")
	if !strings.Contains(body, fmt.Sprintf("%d quality warnings", len(want))) {
		t.Error("without Knowledge, the page does not measure the quality of the version answering")
	}
}

// TestKnowledgeChecksWhenTheFolderHoldsTheVersionAnswering: one card,
// which says so; and a refusal since undone says a reload ran since.
func TestKnowledgeChecksWhenTheFolderHoldsTheVersionAnswering(t *testing.T) {
	src, v := refusedSources(t)
	v.Disk, v.DiskProblems = v.Answering, v.AnsweringProblems
	v.Refused.Current = false
	src.Knowledge = func() console.Versions { return v }
	_, body := get(t, console.Handler(src, ""), "/console/lint")
	for _, w := range []string{"holds this version", "A later reload ran since", `id="refused"`} {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if strings.Contains(body, `id="disk"`) {
		t.Error("the same version is shown twice")
	}
}

// TestTryShowsWordsAndButtons: the explanation lists the admin's words
// as typed, and the previews' buttons are buttons.
func TestTryShowsWordsAndButtons(t *testing.T) {
	src := sources(t)
	_, body := get(t, console.Handler(src, ""), "/console/?q="+url.QueryEscape("my selfie keeps failing, face not found"))
	for _, want := range []string{
		`<p id="known">Words the knowledge knows: <code>selfie</code> <code>failing</code> <code>face</code> <code>found</code> </p>`,
		`<p id="unknown">Words it never uses: <span class="none">none</span></p>`,
		`<button type="button" title="preview: clicking does nothing here">👍 Helpful</button>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, stem := range []string{"<code>self</code>", "<code>fail</code>", "<code>fac</code>", "[👍", "[Lighting"} {
		if strings.Contains(body, stem) {
			t.Errorf("page shows %q", stem)
		}
	}
}

// TestEmptyReportSaysNoneYet: every card of a report with nothing in it
// says so.
func TestEmptyReportSaysNoneYet(t *testing.T) {
	src := sources(t)
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	src.Store = store
	_, body := get(t, console.Handler(src, ""), "/console/report")
	for _, card := range []string{"by-topic", "by-platform", "clusters", "disliked", "disliked-turns", "handoffs", "low-confidence"} {
		i := strings.Index(body, `id="`+card+`"`)
		if i < 0 {
			t.Errorf("no card %s", card)
			continue
		}
		rest := body[i:]
		if end := strings.Index(rest, "</div>"); end > 0 {
			rest = rest[:end]
		}
		if !strings.Contains(rest, "None yet") {
			t.Errorf("card %s is empty without a word: %s", card, rest)
		}
	}
}

// escaped is s as html/template writes it in text.
func escaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
