package console_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/console"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

func sources(t *testing.T) console.Sources {
	t.Helper()
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(intents.NewIndex(k), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	store, err := analytics.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "turns.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	now := time.Now()
	store.AddTurns(context.Background(), []analytics.Turn{
		{Time: now, Adapter: "slack", Text: "passport appointment booking", Intent: "none", Outcome: "fallback"},
		{Time: now, Adapter: "slack", Text: "book a passport appointment", Intent: "none", Outcome: "fallback"},
		{Time: now, Adapter: "discord", Text: "stuck on selfie", Intent: "selfie", Outcome: "answered", Confidence: 0.9},
	})
	return console.Sources{Bot: b, Store: store, Lint: func() intents.Problems {
		_, ps := intents.Lint(knowledge.FS, now)
		return ps
	}}
}

func get(t *testing.T, h http.Handler, url string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	body, _ := io.ReadAll(rec.Body)
	return rec.Code, string(body)
}

func TestPages(t *testing.T) {
	h := console.Handler(sources(t), "")
	tests := []struct{ url, want string }{
		{"/console/", "Try a question"},
		{"/console/?q=stuck+on+selfie", `id="intent">selfie<`},
		{"/console/?q=stuck+on+the+selfie", "stuck on the selfie step"},
		{"/console/?q=%3Cscript%3Ealert(1)%3C/script%3E", "&lt;script&gt;"},
		{"/console/report", "3 turns, 2 fell back (66.7%)"},
		{"/console/report?since=30d", "passport appointment booking"},
		{"/console/lint", "No problems."},
	}
	for _, tt := range tests {
		code, body := get(t, h, tt.url)
		if code != http.StatusOK || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, lacks %q", tt.url, code, tt.want)
		}
		if strings.Contains(body, "<script>") {
			t.Errorf("%s: user text is not escaped", tt.url)
		}
	}
}

func TestConsoleNeedsTheToken(t *testing.T) {
	h := console.Handler(sources(t), "s3cret")
	if code, _ := get(t, h, "/console/"); code != http.StatusUnauthorized {
		t.Fatalf("without the token: %d", code)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/console/?token=s3cret", nil))
	if rec.Code != http.StatusOK || len(rec.Result().Cookies()) != 1 {
		t.Fatalf("with ?token: %d, cookies %v", rec.Code, rec.Result().Cookies())
	}
	req := httptest.NewRequest(http.MethodGet, "/console/lint", nil)
	req.AddCookie(rec.Result().Cookies()[0])
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("with the cookie: %d", rec.Code)
	}
}

// TestConsoleInBrowser asks a question in a real headless Chromium and
// reads the rendered answer and explanation. .ci/run installs Chromium.
func TestConsoleInBrowser(t *testing.T) {
	chromium := os.Getenv("HELPDESK_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no Chromium at %s (set HELPDESK_CHROMIUM)", chromium)
	}
	srv := httptest.NewServer(console.Handler(sources(t), ""))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/console/"),
		chromedp.SendKeys(`input[name=q]`, "my selfie keeps failing, face not found"),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`#explanation`),
	)
	if err != nil {
		t.Fatal(err)
	}
	text := func(sel string) string {
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return s
	}
	intent, slackText, discordText, why := text(`#intent`), text(`#slack`), text(`#discord`), text(`#why`)
	if intent != "selfie" || !strings.Contains(why, "clear best match") {
		t.Fatalf("intent %q, why %q", intent, why)
	}
	for _, text := range []string{slackText, discordText} {
		if !strings.Contains(text, "organization that asked you to verify") {
			t.Errorf("rendered reply lacks the guidance:\n%s", text)
		}
	}
	if shot := os.Getenv("HELPDESK_CONSOLE_SCREENSHOT"); shot != "" {
		if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
			os.WriteFile(shot, png, 0o644)
		}
	}
}
