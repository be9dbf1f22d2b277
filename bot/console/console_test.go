package console_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/sqlite"
	"github.com/helpdeskbot/helpdeskbot/bot/console"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// shippedLint is lint of the shipped knowledge, run once per test binary
// (it builds an index, which takes seconds under the race detector).
var shippedLint = sync.OnceValues(func() (*intents.Knowledge, intents.Problems) {
	return intents.Lint(knowledge.FS, time.Now())
})

func sources(t *testing.T) console.Sources {
	t.Helper()
	b := testkit.NewBot(t, nil)
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "turns.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	now := time.Now()
	store.AddTurns(context.Background(), []analytics.Turn{
		{Time: now, Adapter: "slack", Text: "passport appointment booking", Intent: "none", Outcome: "fallback"},
		{Time: now, Adapter: "slack", Text: "book a passport appointment", Intent: "none", Outcome: "fallback"},
		{Time: now, Adapter: "discord", Text: "stuck on selfie", Intent: "selfie", Outcome: "answered", Confidence: 0.9},
		{Time: now, Adapter: "slack", Text: "the whole thing froze after the face part", Intent: "verification-tips", Outcome: "answered", Confidence: 0.6, RunnerUp: "selfie"},
	})
	return console.Sources{Bot: b, Store: store, SlackPreview: slack.Preview, DiscordPreview: discord.Preview, Knowledge: func() console.Versions {
		k, ps := shippedLint()
		return console.Versions{Answering: k, AnsweringProblems: ps}
	}}
}

func get(t *testing.T, h http.Handler, url string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://localhost:8080"+url, nil))
	body, _ := io.ReadAll(rec.Body)
	return rec.Code, string(body)
}

func TestPages(t *testing.T) {
	h := console.Handler(sources(t), "")
	tests := []struct{ url, want string }{
		{"/console/", "Try a question"},
		{"/console/?q=stuck+on+selfie", `id="intent">selfie<`},
		{"/console/?q=stuck+on+the+face+verification+part", "stuck on the face verification part"},
		{"/console/?q=%3Cscript%3Ealert(1)%3C/script%3E", "&lt;script&gt;"},
		{"/console/report", "4 turns, 2 fell back (50.0%)"},
		{"/console/report?since=30d", "passport appointment booking"},
		{"/console/report", `id="chart-outcomes"`},
		{"/console/report?since=24h", "Questions per hour"},
		{"/console/report?since=30d", "Questions per day"},
		{"/console/lint", "No lint problems."},
		{"/console/topics", `<a href="/console/topics/selfie">Selfie step</a>`},
		{"/console/topics?q=glare", `<a href="/console/topics/lighting-glare">Lighting and glare</a>`},
		{"/console/topics?q=%3Cb%3Eno+such", "No topic or example holds “&lt;b&gt;no such”"},
		{"/console/topics/selfie", "stuck on selfie"},
		{"/console/topics/selfie", "the whole thing froze after the face part"},
		{"/console/topics/selfie", "Remove <b>hats, sunglasses and face coverings</b>"},
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

// TestTopicsSearch shows that a search lists the topics whose examples or
// answer hold every word, with the examples that do, and no other topic.
func TestTopicsSearch(t *testing.T) {
	h := console.Handler(sources(t), "")
	_, body := get(t, h, "/console/topics?q=nfc+chip")
	if !strings.Contains(body, `href="/console/topics/nfc"`) || !strings.Contains(body, `class="match"`) {
		t.Errorf("searching \"nfc chip\" does not list the NFC topic with its matching examples:\n%s", body)
	}
	if strings.Contains(body, `href="/console/topics/okta"`) {
		t.Error("searching \"nfc chip\" lists the Okta topic")
	}
	if code, body := get(t, h, "/console/topics/no-such-topic"); code != http.StatusNotFound || !strings.Contains(body, "no-such-topic") {
		t.Errorf("an unknown topic: %d", code)
	}
}

func TestConsoleNeedsTheToken(t *testing.T) {
	h := console.Handler(sources(t), "s3cret")
	tests := []struct {
		name   string
		url    string
		header http.Header
		cookie *http.Cookie
		want   int
	}{
		{name: "nothing", url: "/console/", want: http.StatusUnauthorized},
		{name: "wrong token", url: "/console/?token=nope", want: http.StatusUnauthorized},
		{name: "wrong bearer", url: "/console/", header: http.Header{"Authorization": {"Bearer nope"}}, want: http.StatusUnauthorized},
		{name: "bearer", url: "/console/", header: http.Header{"Authorization": {"Bearer s3cret"}}, want: http.StatusOK},
		{name: "the raw token as cookie", url: "/console/", cookie: &http.Cookie{Name: "helpdesk_console", Value: "s3cret"}, want: http.StatusUnauthorized},
		{name: "a made-up cookie", url: "/console/", cookie: &http.Cookie{Name: "helpdesk_console", Value: strings.Repeat("0", 64)}, want: http.StatusUnauthorized},
		{name: "token in the address", url: "/console/?token=s3cret", want: http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://localhost"+tt.url, nil)
			for k, v := range tt.header {
				req.Header[k] = v
			}
			if tt.cookie != nil {
				req.AddCookie(tt.cookie)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d", rec.Code, tt.want)
			}
			if strings.Contains(rec.Body.String(), "s3cret") {
				t.Errorf("the page shows the token")
			}
		})
	}
}

// login opens url (which holds ?token=) and returns the response.
func login(t *testing.T, h http.Handler, req *http.Request) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 {
		t.Fatalf("%s: status %d, cookies %v", req.URL, resp.StatusCode, resp.Cookies())
	}
	return resp
}

func TestConsoleSession(t *testing.T) {
	h := console.Handler(sources(t), "s3cret")
	resp := login(t, h, httptest.NewRequest(http.MethodGet, "http://localhost/console/report?since=30d&token=s3cret", nil))
	if loc := resp.Header.Get("Location"); loc != "/console/report?since=30d" {
		t.Errorf("redirects to %q, want the page without the token", loc)
	}
	if rp := resp.Header.Get("Referrer-Policy"); rp != "no-referrer" {
		t.Errorf("Referrer-Policy %q", rp)
	}
	c := resp.Cookies()[0]
	if c.Value == "" || strings.Contains(c.Value, "s3cret") {
		t.Errorf("the cookie holds %q", c.Value)
	}
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/console/" || c.Secure {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Strict, Path=/console/, not Secure over plain HTTP", c)
	}
	req := httptest.NewRequest(http.MethodGet, "http://localhost/console/lint", nil)
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Knowledge checks") {
		t.Fatalf("with the cookie: %d", rec.Code)
	}
	other := console.Handler(sources(t), "s3cret")
	rec = httptest.NewRecorder()
	other.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("another process's session: %d, want 401", rec.Code)
	}
}

func TestConsoleSessionCookieIsSecureOverTLS(t *testing.T) {
	h := console.Handler(sources(t), "s3cret")
	tests := []struct {
		name string
		req  func() *http.Request
	}{
		{"TLS", func() *http.Request {
			return httptest.NewRequest(http.MethodGet, "https://localhost/console/?token=s3cret", nil)
		}},
		{"behind a TLS proxy", func() *http.Request {
			r := httptest.NewRequest(http.MethodGet, "http://localhost/console/?token=s3cret", nil)
			r.Header.Set("X-Forwarded-Proto", "https")
			return r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if c := login(t, h, tt.req()).Cookies()[0]; !c.Secure {
				t.Errorf("cookie %+v is not Secure", c)
			}
		})
	}
}

func TestConsoleHeaders(t *testing.T) {
	rec := httptest.NewRecorder()
	console.Handler(sources(t), "").ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8080/console/", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if rp := rec.Header().Get("Referrer-Policy"); rp != "no-referrer" {
		t.Errorf("Referrer-Policy %q", rp)
	}
}

// TestConsoleWithoutTokenAnswersOnlyLocalhost: without a token, a page on
// another site that rebinds its name to 127.0.0.1 is refused.
func TestConsoleWithoutTokenAnswersOnlyLocalhost(t *testing.T) {
	tests := []struct {
		host, token string
		want        int
	}{
		{"localhost:8080", "", http.StatusOK},
		{"127.0.0.1:8080", "", http.StatusOK},
		{"[::1]:8080", "", http.StatusOK},
		{"attacker.example", "", http.StatusForbidden},
		{"attacker.example:8080", "", http.StatusForbidden},
		{"helpdesk.example.com", "s3cret", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			h := console.Handler(sources(t), tt.token)
			req := httptest.NewRequest(http.MethodGet, "/console/", nil)
			req.Host = tt.host
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d", rec.Code, tt.want)
			}
		})
	}
}

// browser starts headless Chromium for a test: the one HELPDESK_CHROMIUM
// names (the test fails when it is set to nothing that runs), else
// /usr/bin/chromium if there is one (the test is skipped otherwise).
// .ci/run installs Chromium and sets HELPDESK_CHROMIUM.
func browser(t *testing.T) context.Context {
	t.Helper()
	chromium := os.Getenv("HELPDESK_CHROMIUM")
	if _, err := os.Stat(chromium); chromium != "" && err != nil {
		t.Fatalf("HELPDESK_CHROMIUM=%s: %v", chromium, err)
	}
	if chromium == "" {
		chromium = "/usr/bin/chromium"
		if _, err := os.Stat(chromium); err != nil {
			t.Skipf("no Chromium at %s (set HELPDESK_CHROMIUM)", chromium)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// screenshot saves the page as HELPDESK_CONSOLE_SCREENSHOT names it, with
// suffix before ".png", when that is set.
func screenshot(t *testing.T, ctx context.Context, suffix string) {
	t.Helper()
	shot := os.Getenv("HELPDESK_CONSOLE_SCREENSHOT")
	if shot == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	file := strings.TrimSuffix(shot, ".png") + suffix + ".png"
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	t.Logf("screenshot of %s: %s (%d bytes)", text(t, ctx, "h2"), file, len(png))
}

// text is the rendered text of the element sel selects.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	return s
}

// fontsOf names the fonts Chromium drew the text of the first element sel
// selects with, and how many glyphs each drew.
func fontsOf(t *testing.T, ctx context.Context, sel string) map[string]float64 {
	t.Helper()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(sel))
	if err != nil || len(nodes) == 0 {
		t.Fatalf("%s: %v (%d nodes)", sel, err, len(nodes))
	}
	res, err := chromedp.Run(ctx, chromedp.Action[css.GetPlatformFontsForNodeResult](func(ctx context.Context, target *chromedp.Target) (css.GetPlatformFontsForNodeResult, error) {
		if _, err := cdp.Call(ctx, target, dom.Enable, dom.EnableParams{}); err != nil {
			return css.GetPlatformFontsForNodeResult{}, err
		}
		if _, err := cdp.Call(ctx, target, css.Enable, cdp.Empty{}); err != nil {
			return css.GetPlatformFontsForNodeResult{}, err
		}
		return cdp.Call(ctx, target, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: nodes[0].NodeID})
	}))
	if err != nil {
		t.Fatalf("fonts of %s: %v", sel, err)
	}
	out := map[string]float64{}
	for _, f := range res.Fonts {
		out[f.FamilyName] += f.GlyphCount
	}
	return out
}

// TestConsoleInBrowser asks a question in a real headless Chromium and
// reads the rendered answer and explanation: the buttons are buttons, the
// emoji are drawn with an emoji font (no empty boxes), the words are the
// admin's. Then it reads the report and the knowledge checks.
func TestConsoleInBrowser(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(console.Handler(sources(t), ""))
	defer srv.Close()

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/console/"),
		chromedp.SendKeys(`input[name=q]`, "my selfie keeps failing, face not found"),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`#explanation`),
	)
	if err != nil {
		t.Fatal(err)
	}
	intent, slackText, discordText, why := text(t, ctx, `#intent`), text(t, ctx, `#slack`), text(t, ctx, `#discord`), text(t, ctx, `#why`)
	if intent != "selfie" || !strings.Contains(why, "clear best match") {
		t.Fatalf("intent %q, why %q", intent, why)
	}
	for _, text := range []string{slackText, discordText} {
		if !strings.Contains(text, "organization that asked you to verify") {
			t.Errorf("rendered reply lacks the guidance:\n%s", text)
		}
		if strings.Contains(text, "[") {
			t.Errorf("rendered reply shows bracketed buttons:\n%s", text)
		}
	}
	for _, sel := range []string{`#slack .buttons button`, `#discord .buttons button`} {
		if nodes, err := chromedp.Run(ctx, chromedp.Nodes(sel)); err != nil || len(nodes) < 2 {
			t.Errorf("%s: %d buttons (%v)", sel, len(nodes), err)
		}
	}
	if known := text(t, ctx, `#known`); known != "Words the knowledge knows: selfie failing face found" {
		t.Errorf("known words %q", known)
	}
	emoji := false
	for family, glyphs := range fontsOf(t, ctx, `//div[@id="slack"]//button[contains(., "👎")]`) {
		t.Logf("👎 button drawn with %s (%v glyphs)", family, glyphs)
		if strings.Contains(strings.ToLower(family), "emoji") && glyphs > 0 {
			emoji = true
		}
	}
	if !emoji {
		t.Error("the 👎 button's emoji is not drawn with an emoji font (install fonts-noto-color-emoji)")
	}
	screenshot(t, ctx, "")

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/console/report"), chromedp.WaitVisible(`#totals`)); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `#disliked`); !strings.Contains(got, "None yet") {
		t.Errorf("empty 👎 card: %q", got)
	}
	// The charts are drawn: marks in each, and as wide as their cards.
	for sel, least := range map[string]int{`#chart-outcomes rect`: 2, `#chart-fallback circle`: 1, `#chart-topics rect`: 2, `#chart-clusters rect`: 1} {
		if nodes, err := chromedp.Run(ctx, chromedp.Nodes(sel)); err != nil || len(nodes) < least {
			t.Errorf("%s: %d marks, want %d or more (%v)", sel, len(nodes), least, err)
		}
	}
	if width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("#chart-outcomes").getBoundingClientRect().width`)); err != nil || width < 250 {
		t.Errorf("the questions chart is %.0f px wide (%v)", width, err)
	}
	screenshot(t, ctx, "-report")

	// Search the topics, open one, and read the questions it answered.
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/console/topics"),
		chromedp.WaitVisible(`#topics`),
		chromedp.SendKeys(`input[name=q]`, "liveness\n"),
		// The page of the results, not the one before the search.
		chromedp.WaitVisible(`input[name=q][value="liveness"]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `#topics`); strings.Contains(got, "Coming from Okta") || !strings.Contains(got, "Selfie step") {
		t.Errorf("topics holding \"liveness\":\n%s", got)
	}
	screenshot(t, ctx, "-topics")
	if err := chromedp.Do(ctx, chromedp.Click(`a[href="/console/topics/selfie"]`), chromedp.WaitVisible(`#matched`)); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, `#title`); got != "Selfie step" {
		t.Errorf("topic page title %q", got)
	}
	if got := text(t, ctx, `#matched`); !strings.Contains(got, "stuck on selfie") {
		t.Errorf("questions answered: %q", got)
	}
	if got := text(t, ctx, `#elsewhere`); !strings.Contains(got, "verification-tips") {
		t.Errorf("near misses: %q", got)
	}
	screenshot(t, ctx, "-topic")

	refused, v := refusedSources(t)
	lint := httptest.NewServer(console.Handler(refused, ""))
	defer lint.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(lint.URL+"/console/lint"), chromedp.WaitVisible(`#refused`)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "-checks")
	if got := text(t, ctx, `#refused-first`); got != v.DiskProblems.RootCauses()[0].String() {
		t.Errorf("first cause %q", got)
	}
	if got := text(t, ctx, `#answering h3`); got != "Answering: version "+v.Answering.Version {
		t.Errorf("answering %q", got)
	}
	if got := text(t, ctx, `#disk h3`); got != "On disk: version "+v.Disk.Version {
		t.Errorf("disk %q", got)
	}

	edited := httptest.NewServer(console.Handler(editedSources(t, func(dir string) {
		appendExamples(t, filepath.Join(dir, "capture", "lighting-glare.md"), "stuck on selfie", "stuck on the selfie", "selfie stuck")
	}), ""))
	defer edited.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(edited.URL+"/console/diff"), chromedp.WaitVisible(`#recorded-total`)); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "-diff")
	if got := text(t, ctx, `#recorded-total`); !strings.HasPrefix(got, "1 of 4 questions would change") {
		t.Errorf("edit impact: %q", got)
	}
}
