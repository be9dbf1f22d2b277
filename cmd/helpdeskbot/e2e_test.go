package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// served is helpdeskbot serve running in-process on a random loopback port.
type served struct {
	base string
	logs *lockedLines
	stop func() int
}

type lockedLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *lockedLines) add(s string) {
	l.mu.Lock()
	l.lines = append(l.lines, s)
	l.mu.Unlock()
}

func (l *lockedLines) count(re *regexp.Regexp) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.lines {
		if re.MatchString(s) {
			n++
		}
	}
	return n
}

func (l *lockedLines) find(re *regexp.Regexp) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.lines {
		if re.MatchString(s) {
			return s
		}
	}
	return ""
}

// waitLine waits for a line that matches re and returns the first one;
// each poll reads only the lines added since the one before.
func (l *lockedLines) waitLine(t *testing.T, what string, re *regexp.Regexp) string {
	t.Helper()
	var found string
	next := 0
	testkit.WaitFor(t, what, func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		for ; next < len(l.lines); next++ {
			if re.MatchString(l.lines[next]) {
				found = l.lines[next]
				return true
			}
		}
		return false
	})
	return found
}

func serveInProcess(t *testing.T, args ...string) *served {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, append([]string{"serve", "--http-addr", "127.0.0.1:0"}, args...), strings.NewReader(""), io.Discard, pw)
		pw.Close()
	}()
	s := &served{logs: &lockedLines{}}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		re := regexp.MustCompile(`msg=listening addr=(127\.0\.0\.1:\d+)`)
		for sc.Scan() {
			s.logs.add(sc.Text())
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		s.base = "http://" + a
	case c := <-code:
		t.Fatalf("serve exited with %d", c)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	var once sync.Once
	var exit int
	s.stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case exit = <-code:
			case <-time.After(20 * time.Second):
				t.Error("serve did not stop")
				exit = -1
			}
		})
		return exit
	}
	t.Cleanup(func() { s.stop() })
	return s
}

func (s *served) ask(t *testing.T, message string) httpapi.Response {
	t.Helper()
	body, _ := json.Marshal(httpapi.Request{Message: message, User: "web-42"})
	resp, err := http.Post(s.base+"/v1/ask", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	// 429 carries the rate limit's notice: polling tests go over the limit.
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("/v1/ask: status %d", resp.StatusCode)
	}
	var out httpapi.Response
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func copyKnowledge(t *testing.T) string {
	t.Helper()
	return testkit.CopyDir(t, "../../knowledge")
}

func TestServeEndToEnd(t *testing.T) {
	dir := copyKnowledge(t)
	s := serveInProcess(t, "--knowledge", dir)

	if code, _ := get(t, s.base+"/healthz"); code != http.StatusOK {
		t.Fatalf("healthz %d", code)
	}
	if code, body := get(t, s.base+"/readyz"); code != http.StatusOK {
		t.Fatalf("readyz %d %s", code, body)
	}
	if r := s.ask(t, "stuck on the selfie step, my phone is 555-123-4567"); r.Intent != "selfie" || !strings.Contains(r.Text, "organization that asked you to verify") {
		t.Fatalf("ask: %s %s", r.Outcome, r.Intent)
	}
	turn := regexp.MustCompile(`msg=turn adapter=http user=[0-9a-f]{16} intent=selfie outcome=\w+`)
	if line := s.logs.waitLine(t, "the turn to be logged", turn); strings.Contains(line, "123-4567") || strings.Contains(line, "web-42") || strings.Contains(line, "text=") {
		t.Errorf("the turn log shows the message or the user: %s", line)
	}
	_, metrics := get(t, s.base+"/metrics")
	for _, want := range []string{`helpdesk_messages_total{adapter="http",intent="selfie"`, `helpdesk_knowledge_info{`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}

	// A broken edit keeps the last good knowledge answering, and is logged
	// in one line that names the root cause, not its knock-on errors.
	nfc := filepath.Join(dir, "capture", "nfc.md")
	good, err := os.ReadFile(nfc)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(nfc, []byte(strings.Replace(string(good), "examples:\n", "examples: [oops\n", 1)), 0o644)
	refusal := s.logs.waitLine(t, "the refusal to be logged", regexp.MustCompile(`knowledge reload refused`))
	if !regexp.MustCompile(`msg="knowledge reload refused" trigger=watch version=\w+ answering=\w+ problem="capture/nfc.md:\d+: bad YAML[^"]*" others=2 knock_on=2`).MatchString(refusal) {
		t.Errorf("refusal logged as %s", refusal)
	}
	if n, refusals := s.logs.count(regexp.MustCompile(`knowledge reload`)), s.logs.count(regexp.MustCompile(`knowledge reload refused`)); n != refusals {
		t.Errorf("%d reload lines for %d refusals: one line per problem?", n, refusals)
	}
	if r := s.ask(t, "nfc"); r.Intent != "nfc" {
		t.Fatalf("after a broken edit: %s %s", r.Outcome, r.Intent)
	}
	if code, body := get(t, s.base+"/readyz"); code != http.StatusOK {
		t.Fatalf("a refused reload made the service unready: %d %s", code, body)
	}
	// A good edit is picked up.
	os.WriteFile(filepath.Join(dir, "capture", "nfc.md"), []byte("---\nid: nfc\ntitle: NFC chip reading\nexamples:\n  - nfc chip will not read\n  - how do I scan the chip\n  - nfc fails\nkeywords: [nfc, chip]\n---\nThe new NFC answer.\n"), 0o644)
	// The log is waited for first: asking meanwhile would flood the log
	// and compete with the reload for the processor.
	s.logs.waitLine(t, "the fix to be logged", regexp.MustCompile(`msg="knowledge reload accepted" trigger=watch .*after_refusal=true`))
	testkit.WaitFor(t, "the fixed edit to be answered", func() bool { return strings.Contains(s.ask(t, "nfc").Text, "The new NFC answer.") })
	_, metrics = get(t, s.base+"/metrics")
	if !strings.Contains(metrics, "helpdesk_knowledge_reloads_total 1") || !strings.Contains(metrics, "helpdesk_knowledge_reloads_failed_total") {
		t.Errorf("reload metrics missing:\n%s", grepLines(metrics, "reload"))
	}

	// SIGHUP reloads too (the watch is on, so the edit may be in already).
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	s.logs.waitLine(t, "the SIGHUP's result to be logged", regexp.MustCompile(`msg="knowledge reload (accepted|unchanged)" trigger=SIGHUP version=\w+ answering=\w+`))

	if code := s.stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

func TestServeConsole(t *testing.T) {
	t.Setenv("HELPDESK_CONSOLE_ENABLED", "true")
	s := serveInProcess(t)
	if code, body := get(t, s.base+"/console/?q=nfc"); code != http.StatusOK || !strings.Contains(body, `id="intent">nfc<`) {
		t.Fatalf("console: %d", code)
	}
	if code, body := get(t, s.base+"/console/lint"); code != http.StatusOK || !strings.Contains(body, "No lint problems.") || !strings.Contains(body, "quality warnings") {
		t.Fatalf("console lint: %d", code)
	}
}

// TestServeConsoleAfterARefusedReload: the knowledge checks page of a
// running serve tells the version answering from the one on disk, and
// when and why the reload was refused, then that the fix was taken.
func TestServeConsoleAfterARefusedReload(t *testing.T) {
	t.Setenv("HELPDESK_CONSOLE_ENABLED", "true")
	t.Setenv("HELPDESK_RELOAD_DEBOUNCE", "20ms") // each edit is one write
	dir := copyKnowledge(t)
	s := serveInProcess(t, "--knowledge", dir)
	_, body := get(t, s.base+"/console/lint")
	answering := regexp.MustCompile(`Answering: version <code>(\w+)</code>`).FindStringSubmatch(body)
	if answering == nil || !strings.Contains(body, "holds this version") || strings.Contains(body, `id="refused"`) {
		t.Fatalf("before the edit:\n%s", body)
	}
	nfc := filepath.Join(dir, "capture", "nfc.md")
	good, err := os.ReadFile(nfc)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(nfc, []byte(strings.Replace(string(good), "examples:\n", "examples: [oops\n", 1)), 0o644)
	s.logs.waitLine(t, "the refusal", regexp.MustCompile(`knowledge reload refused`))
	_, body = get(t, s.base+"/console/lint")
	for _, want := range []string{`id="refused"`, "No reload has run since", `id="refused-first">capture/nfc.md:`, "(knock-on)",
		"Answering: version <code>" + answering[1] + "</code>", `id="disk"`, "has errors: a reload refuses it"} {
		if !strings.Contains(body, want) {
			t.Errorf("after the refusal, the page lacks %q", want)
		}
	}
	os.WriteFile(nfc, good, 0o644)
	s.logs.waitLine(t, "the fix", regexp.MustCompile(`knowledge reload accepted.*after_refusal=true`))
	_, body = get(t, s.base+"/console/lint")
	for _, want := range []string{"A later reload ran since", "holds this version"} {
		if !strings.Contains(body, want) {
			t.Errorf("after the fix, the page lacks %q", want)
		}
	}
}

func TestServeRefusesPublicAddressWithoutToken(t *testing.T) {
	r := runCLI(t, "", "serve", "--http-addr", "0.0.0.0:0")
	if r.code != exitUsage || !strings.Contains(r.stderr, "api_token") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
