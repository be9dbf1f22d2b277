package reload_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/reload"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// folder copies the small test knowledge into a temporary folder.
func folder(t *testing.T) string {
	return testkit.CopyDir(t, "../../intents/testdata/small")
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const nfcIntent = "---\nid: nfc\ntitle: NFC chip\nexamples:\n  - the nfc chip will not read\n  - how do I scan the chip\n  - nfc fails\nkeywords: [nfc, chip]\n---\nHold the phone on the document. (%s)\n"

func TestReloadPutsGoodKnowledgeInUse(t *testing.T) {
	dir := folder(t)
	b := testkit.NewBot(t, os.DirFS(dir))
	var loaded atomic.Int64
	r := reload.New(reload.Config{Dir: dir, MinAccuracy: 0.9}, b, nil, reload.Hooks{Loaded: func(*intents.Knowledge) { loaded.Add(1) }})
	if got := b.Answer(context.Background(), bot.Message{Text: "nfc chip"}); got.Outcome != bot.Fallback {
		t.Fatalf("before: %s %s", got.Outcome, got.Intent)
	}
	write(t, dir, "nfc.md", strings.Replace(nfcIntent, "%s", "v1", 1))
	if err := r.Reload(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	if got := b.Answer(context.Background(), bot.Message{Text: "nfc chip"}); got.Intent != "nfc" {
		t.Fatalf("after: %s %s", got.Outcome, got.Intent)
	}
	if loaded.Load() != 1 {
		t.Errorf("Loaded called %d times", loaded.Load())
	}
	if err := r.Reload(context.Background()).Err(); err != nil || loaded.Load() != 1 {
		t.Errorf("a reload without changes: err %v, Loaded %d times", err, loaded.Load())
	}
}

func TestReloadRefusals(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(t *testing.T, dir string)
		wants string // in one of the problems
	}{
		{"lint error", func(t *testing.T, dir string) {
			write(t, dir, "broken.md", "---\nid: broken\ntitle: Broken\nexamples: [a, b\n---\nx\n")
		}, "broken.md:4: bad YAML"},
		{"stolen examples", func(t *testing.T, dir string) {
			// Many near copies of a selfie example ("it says no face
			// found") outweigh it: the model learns its words as the
			// thief's, and that example now matches the thief.
			write(t, dir, "a-thief.md", "---\nid: thief\ntitle: Thief\nexamples:\n  - it says no face found again\n  - it says no face was found\n  - says no face found\n  - no face found it says\n  - it now says no face found\n  - it says that no face found\n  - again it says no face found\nkeywords: [face, found]\n---\nMine now.\n")
		}, "now matches thief"},
		{"guidance linked to the environment", func(t *testing.T, dir string) {
			link(t, "/proc/self/environ", filepath.Join(dir, "_guidance.md"))
		}, "_guidance.md:1: symlink points outside the knowledge folder"},
		{"topic linked outside", func(t *testing.T, dir string) {
			write(t, filepath.Dir(dir), "passwd.md", "---\nid: passwd\ntitle: P\nexamples: [a, b, c]\n---\nroot:x:0:0\n")
			link(t, "../passwd.md", filepath.Join(dir, "passwd.md"))
		}, "passwd.md:1: symlink points outside the knowledge folder"},
		{"regression tests linked outside", func(t *testing.T, dir string) {
			link(t, "/proc/self/environ", filepath.Join(dir, "_tests.tsv"))
		}, "_tests.tsv:1: symlink points outside the knowledge folder"},
		{"regression tests", func(t *testing.T, dir string) {
			write(t, dir, "_tests.tsv", "intent\tmessage\nselfie\tmy selfie keeps failing\nokta\tthe weather in paris\nglare\tcompletely unrelated words\n")
		}, "_tests.tsv: accuracy 33.3% is below the minimum 90.0%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := folder(t)
			b := testkit.NewBot(t, os.DirFS(dir))
			before := b.Index().Knowledge().Version
			var failed atomic.Int64
			logs := &testkit.LogBuffer{}
			r := reload.New(reload.Config{Dir: dir, MinAccuracy: 0.9}, b, slogTo(logs), reload.Hooks{Failed: func() { failed.Add(1) }})
			tt.edit(t, dir)
			res := reloadWithin(t, r)
			var refused *reload.Error
			if !errors.As(res.Err(), &refused) || res.Outcome != reload.Refused {
				t.Fatalf("Reload = %+v, want a refusal", res)
			}
			if !strings.Contains(refused.Problems.Error(), tt.wants) {
				t.Fatalf("problems:\n%s\nwant one with %q", refused.Problems.Error(), tt.wants)
			}
			if b.Index().Knowledge().Version != before {
				t.Error("a refused reload changed the knowledge in use")
			}
			if failed.Load() != 1 {
				t.Errorf("failure counted %d times", failed.Load())
			}
			// The caller logs the refusal, once: Reload itself does not.
			if strings.Contains(logs.String(), "refused") {
				t.Errorf("Reload logged its refusal:\n%s", logs)
			}
			reload.Log(slogTo(logs), "test", res)
			if n := strings.Count(logs.String(), "knowledge reload refused"); n != 1 {
				t.Errorf("%d lines for one refusal:\n%s", n, logs)
			}
		})
	}
}

// link replaces name with a symbolic link to target.
func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// wait waits for a value on c, failing the test after 10 seconds.
func wait(t *testing.T, what string, c <-chan struct{}) {
	t.Helper()
	select {
	case <-c:
	case <-time.After(10 * time.Second):
		t.Fatalf("waited 10s for %s", what)
	}
}

// reloadWithin reloads, failing the test if that does not end in a few
// seconds.
func reloadWithin(t *testing.T, r *reload.Reloader) reload.Result {
	t.Helper()
	done := make(chan reload.Result, 1)
	go func() { done <- r.Reload(context.Background()) }()
	select {
	case res := <-done:
		return res
	case <-time.After(10 * time.Second):
		t.Fatal("Reload did not return within 10s")
		return reload.Result{}
	}
}

// TestWatchReloadsWhileAnswering edits the folder while 8 goroutines ask:
// no reply is torn between versions, a broken edit keeps the last good
// knowledge answering, and the fixed edit is picked up.
func TestWatchReloadsWhileAnswering(t *testing.T) {
	dir := folder(t)
	write(t, dir, "nfc.md", strings.Replace(nfcIntent, "%s", "v1", 1))
	b := testkit.NewBot(t, os.DirFS(dir))
	watching, failed := make(chan struct{}), make(chan struct{}, 16)
	logs := &testkit.LogBuffer{}
	r := reload.New(reload.Config{Dir: dir, Debounce: 20 * time.Millisecond, MinAccuracy: 0.9}, b, slogTo(logs), reload.Hooks{
		Watching: func() { close(watching) },
		Failed:   func() { failed <- struct{}{} },
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx)
	wait(t, "the watch to be set up", watching)

	// Each version's nfc answer names the version; a reply must carry the
	// answer of the knowledge version it reports.
	answers := map[string]string{b.Index().Knowledge().Version: "v1"}
	var mu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var asked atomic.Int64
	var torn atomic.Value
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				reply := b.Answer(context.Background(), bot.Message{Text: "the nfc chip will not read"})
				asked.Add(1)
				if reply.Intent != "nfc" || !strings.HasSuffix(reply.Guidance, "help with your case.") {
					torn.Store("reply " + string(reply.Outcome) + " " + reply.Intent)
					continue
				}
				mu.Lock()
				want, known := answers[reply.KnowledgeVersion]
				mu.Unlock()
				if known && !strings.Contains(reply.Body, "("+want+")") {
					torn.Store("version " + reply.KnowledgeVersion + " answered " + reply.Body)
				}
			}
		}()
	}
	waitVersion := func(label string) {
		testkit.WaitFor(t, "knowledge "+label, func() bool {
			return strings.Contains(allAnswers(b), "("+label+")")
		})
		mu.Lock()
		answers[b.Index().Knowledge().Version] = label
		mu.Unlock()
	}
	write(t, dir, "nfc.md", strings.Replace(nfcIntent, "%s", "v2", 1))
	waitVersion("v2")
	good := b.Index().Knowledge().Version
	write(t, dir, "nfc.md", "---\nid: nfc\ntitle: NFC\nexamples: [unclosed\n---\nbroken (v3)\n")
	wait(t, "the broken edit to be refused", failed)
	if b.Index().Knowledge().Version != good {
		t.Fatal("a broken edit replaced the knowledge")
	}
	// The hook fires as the reload is refused; the watch logs it after.
	testkit.WaitFor(t, "the watch to log the refusal", func() bool {
		return strings.Contains(logs.String(), "knowledge reload refused")
	})
	write(t, dir, "nfc.md", strings.Replace(nfcIntent, "%s", "v4", 1))
	waitVersion("v4")
	close(stop)
	wg.Wait()
	if v := torn.Load(); v != nil {
		t.Fatalf("torn answer: %v", v)
	}
	if asked.Load() < 100 {
		t.Fatalf("only %d questions asked", asked.Load())
	}
}

func allAnswers(b *bot.Bot) string {
	var s strings.Builder
	for _, in := range b.Index().Knowledge().Intents {
		s.WriteString(in.Answer)
	}
	return s.String()
}

// TestReloadRefusesDeepFrontMatterInLittleMemory: front matter nested
// deep enough to take the YAML parser gigabytes (200 KB ran serve out of
// memory) is refused before it is parsed, and the reload stays small.
func TestReloadRefusesDeepFrontMatterInLittleMemory(t *testing.T) {
	tests := []struct {
		name  string
		depth int
		want  string
	}{
		{"20 KB", 10_000, "deep.md:4: front matter nests lists and mappings more than 20 levels deep"},
		{"200 KB", 100_000, "deep.md:4: front matter is larger than 64 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := folder(t)
			b := testkit.NewBot(t, os.DirFS(dir))
			before := b.Index().Knowledge().Version
			r := reload.New(reload.Config{Dir: dir, MinAccuracy: 0.9}, b, nil, reload.Hooks{})
			write(t, dir, "deep.md", "---\nid: deep\ntitle: Deep\nexamples: "+strings.Repeat("[", tt.depth)+strings.Repeat("]", tt.depth)+"\n---\nAnswer.\n")
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			err := reloadWithin(t, r).Err()
			runtime.ReadMemStats(&m1)
			alloc := m1.TotalAlloc - m0.TotalAlloc
			t.Logf("reload allocated %.1f MB", float64(alloc)/(1<<20))
			var refused *reload.Error
			if !errors.As(err, &refused) || !strings.Contains(refused.Problems.Error(), tt.want) {
				t.Fatalf("Reload = %v, want a refusal with %q", err, tt.want)
			}
			if alloc > 16<<20 {
				t.Errorf("reload allocated %d MB, want at most 16 MB", alloc>>20)
			}
			if b.Index().Knowledge().Version != before {
				t.Error("a refused reload changed the knowledge in use")
			}
		})
	}
}
