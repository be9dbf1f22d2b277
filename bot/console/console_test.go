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
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/sqlite"
	"github.com/helpdeskbot/helpdeskbot/bot/console"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
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
	})
	return console.Sources{Bot: b, Store: store, SlackPreview: slack.Preview, DiscordPreview: discord.Preview, Lint: func() intents.Problems {
		_, ps := intents.Lint(knowledge.FS, now)
		return ps
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
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "No problems.") {
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
