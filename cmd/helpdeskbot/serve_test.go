package main

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/metrics"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// fakeWebAPI records chat.postMessage calls, on 127.0.0.1.
type fakeWebAPI struct {
	*httptest.Server
	mu    sync.Mutex
	posts []map[string]string
}

func newFakeWebAPI(t *testing.T) *fakeWebAPI {
	f := &fakeWebAPI{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "user_id": "UBOT", "team": "Help Desk"})
	})
	mux.HandleFunc("POST /api/chat.postMessage", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		f.mu.Lock()
		f.posts = append(f.posts, map[string]string{"channel": r.PostForm.Get("channel"), "thread_ts": r.PostForm.Get("thread_ts"), "blocks": r.PostForm.Get("blocks")})
		f.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "ts": "2000.1"})
	})
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakeWebAPI) waitPost(t *testing.T) map[string]string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		f.mu.Lock()
		if len(f.posts) > 0 {
			p := f.posts[0]
			f.mu.Unlock()
			return p
		}
		f.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("no chat.postMessage within 10s")
	return nil
}

// newTestServer returns serve's server for cfg on the built-in knowledge,
// logging nowhere.
func newTestServer(t *testing.T, cfg Config) *server {
	t.Helper()
	a := &app{cfg: cfg, stderr: io.Discard}
	b, err := a.newBot()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := newServer(cfg, b, metrics.New(), slog.New(slog.DiscardHandler), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// TestServeAnswersSlackEvents drives serve's handler end to end: a signed
// mention in, a threaded reply out to the (fake) Web API.
func TestServeAnswersSlackEvents(t *testing.T) {
	p := slackMentionThroughServe(t, func(*Config) {}, "stuck on selfie")
	if p["channel"] != "C1" || p["thread_ts"] != "1000.1" || !strings.Contains(p["blocks"], "selfie") {
		t.Fatalf("post %v", p)
	}
}

// TestServeHandsOffToTheSlackUserGroup: handoff.slack_usergroup reaches
// the Slack adapter, which mentions the group in the thread.
func TestServeHandsOffToTheSlackUserGroup(t *testing.T) {
	p := slackMentionThroughServe(t, func(c *Config) { c.Handoff.SlackUsergroup = "S0HELP" }, "can i talk to a real person")
	if p["thread_ts"] != "1000.1" || !strings.Contains(p["blocks"], `\u003c!subteam^S0HELP\u003e`) {
		t.Fatalf("post %v", p)
	}
}

// slackMentionThroughServe runs serve's server with Slack configured (and
// change applied), sends a signed mention of the bot saying text in C1,
// and returns the reply posted to the (fake) Web API.
func slackMentionThroughServe(t *testing.T, change func(*Config), text string) map[string]string {
	t.Helper()
	api := newFakeWebAPI(t)
	cfg := DefaultConfig()
	cfg.Slack.BotToken, cfg.Slack.SigningSecret, cfg.Slack.APIURL = "xoxb-test", "secret", api.URL+"/api/"
	change(&cfg)
	srv := newTestServer(t, cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.run(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}()

	body := `{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","user":"U1","text":"<@UBOT> ` + text + `","ts":"1000.1","channel":"C1"}}`
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte("secret"))
	mac.Write([]byte("v0:" + stamp + ":" + body))
	req, _ := http.NewRequest(http.MethodPost, "http://"+ln.Addr().String()+"/slack/events", strings.NewReader(body))
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	var resp *http.Response
	for i := 0; ; i++ { // the listener is up once run has started serving
		if resp, err = http.DefaultClient.Do(req); err == nil || i == 50 {
			break
		}
		time.Sleep(20 * time.Millisecond)
		req.Body = io.NopCloser(strings.NewReader(body))
	}
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	return api.waitPost(t)
}

// TestServeStartsAndStops runs the serve command without any adapter: it
// listens, answers /healthz, and exits 0 when its context ends.
func TestServeStartsAndStops(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"serve", "--http-addr", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, pw)
		pw.Close()
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		re := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		resp, err := http.Get("http://" + a + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("healthz: %d", resp.StatusCode)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not log its address")
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("exit %d", c)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeFailsWithABadToken(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "invalid_auth"})
	}))
	defer api.Close()
	t.Setenv("HELPDESK_SLACK_BOT_TOKEN", "xoxb-bad")
	t.Setenv("HELPDESK_SLACK_SIGNING_SECRET", "secret")
	t.Setenv("HELPDESK_SLACK_API_URL", api.URL+"/api/")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var stderr strings.Builder
	code := run(ctx, []string{"serve", "--http-addr", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, &stderr)
	if code != exitFailure || !strings.Contains(stderr.String(), "invalid_auth") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
}

func TestSlackConfiguration(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		key  string // the key the error names; empty when valid
	}{
		{"none", nil, ""},
		{"http", map[string]string{"HELPDESK_SLACK_BOT_TOKEN": "xoxb-1", "HELPDESK_SLACK_SIGNING_SECRET": "s"}, ""},
		{"socket mode", map[string]string{"HELPDESK_SLACK_BOT_TOKEN": "xoxb-1", "HELPDESK_SLACK_APP_TOKEN": "xapp-1"}, ""},
		{"no secret", map[string]string{"HELPDESK_SLACK_BOT_TOKEN": "xoxb-1"}, "slack.signing_secret"},
		{"no bot token", map[string]string{"HELPDESK_SLACK_SIGNING_SECRET": "s"}, "slack.bot_token"},
		{"bad app token", map[string]string{"HELPDESK_SLACK_BOT_TOKEN": "xoxb-1", "HELPDESK_SLACK_APP_TOKEN": "xoxb-2"}, "slack.app_token"},
		{"bad command", map[string]string{"HELPDESK_SLACK_BOT_TOKEN": "xoxb-1", "HELPDESK_SLACK_SIGNING_SECRET": "s", "HELPDESK_SLACK_COMMAND": "help me"}, "slack.command"},
		{"bad api url", map[string]string{"HELPDESK_SLACK_BOT_TOKEN": "xoxb-1", "HELPDESK_SLACK_SIGNING_SECRET": "s", "HELPDESK_SLACK_API_URL": "ftp://x"}, "slack.api_url"},
		{"help channels", map[string]string{"HELPDESK_SLACK_BOT_TOKEN": "xoxb-1", "HELPDESK_SLACK_SIGNING_SECRET": "s", "HELPDESK_SLACK_HELP_CHANNEL_IDS": "C0123ABCD,G0456EFGH"}, ""},
		{"bad help channel", map[string]string{"HELPDESK_SLACK_BOT_TOKEN": "xoxb-1", "HELPDESK_SLACK_SIGNING_SECRET": "s", "HELPDESK_SLACK_HELP_CHANNEL_IDS": "C0123ABCD,#help"}, "slack.help_channel_ids"},
		{"bad addr", map[string]string{"HELPDESK_HTTP_ADDR": "8080"}, "http.addr"},
		{"bad log format", map[string]string{"HELPDESK_LOG_FORMAT": "xml"}, "log.format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg, err := loadConfig(configFlags(t))
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				if cfg.Slack.Command != slack.DefaultCommand {
					t.Errorf("command %q", cfg.Slack.Command)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.key) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v, want one line naming %s", err, tt.key)
			}
			if strings.Contains(err.Error(), "xoxb-") {
				t.Errorf("the error shows a token: %v", err)
			}
		})
	}
}

func TestDiscordConfiguration(t *testing.T) {
	const key = "e6d0fc1c0f9a4c3e8f2b5a7d9c1e3f5a7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a"
	tests := []struct {
		name string
		env  map[string]string
		key  string // the key the error names; empty when valid
	}{
		{"gateway", map[string]string{"HELPDESK_DISCORD_TOKEN": "t", "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_GUILD_IDS": "10, 11"}, ""},
		{"http only", map[string]string{"HELPDESK_DISCORD_PUBLIC_KEY": key, "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_GATEWAY": "false"}, ""},
		{"no application id", map[string]string{"HELPDESK_DISCORD_TOKEN": "t"}, "discord.application_id"},
		{"bad public key", map[string]string{"HELPDESK_DISCORD_TOKEN": "t", "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_PUBLIC_KEY": "zz"}, "discord.public_key"},
		{"help channels without content", map[string]string{"HELPDESK_DISCORD_TOKEN": "t", "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_HELP_CHANNEL_IDS": "5"}, "discord.help_channel_ids"},
		{"forums", map[string]string{"HELPDESK_DISCORD_TOKEN": "t", "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_MESSAGE_CONTENT": "true",
			"HELPDESK_DISCORD_FORUM_CHANNEL_IDS": "100,200", "HELPDESK_DISCORD_FORUM_TAGS_ANSWERED": "Answered", "HELPDESK_DISCORD_FORUM_TAGS_SOLVED": "Solved"}, ""},
		{"forums without content", map[string]string{"HELPDESK_DISCORD_TOKEN": "t", "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_FORUM_CHANNEL_IDS": "100"}, "discord.forum_channel_ids"},
		{"forum not an id", map[string]string{"HELPDESK_DISCORD_TOKEN": "t", "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_MESSAGE_CONTENT": "true", "HELPDESK_DISCORD_FORUM_CHANNEL_IDS": "help"}, "discord.forum_channel_ids"},
		{"gateway without token", map[string]string{"HELPDESK_DISCORD_PUBLIC_KEY": key, "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_GATEWAY": "true"}, "discord.token"},
		{"bad bool", map[string]string{"HELPDESK_DISCORD_TOKEN": "t", "HELPDESK_DISCORD_APPLICATION_ID": "1", "HELPDESK_DISCORD_MESSAGE_CONTENT": "maybe"}, "discord.message_content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg, err := loadConfig(configFlags(t))
			if tt.key != "" {
				if err == nil || !strings.Contains(err.Error(), tt.key) {
					t.Fatalf("error %v, want one naming %s", err, tt.key)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "gateway" && strings.Join(cfg.Discord.GuildIDs, "|") != "10|11" {
				t.Errorf("guild ids %q", cfg.Discord.GuildIDs)
			}
			if tt.name == "forums" && (strings.Join(cfg.Discord.ForumChannelIDs, "|") != "100|200" || cfg.Discord.ForumTags != discord.ForumTags{Answered: "Answered", Solved: "Solved"}) {
				t.Errorf("forum channels %q, tags %+v", cfg.Discord.ForumChannelIDs, cfg.Discord.ForumTags)
			}
			if tt.name == "http only" && !cfg.Discord.HTTPOnly {
				t.Errorf("gateway on, want off")
			}
		})
	}
}

func TestDiscordInviteURLCommand(t *testing.T) {
	t.Setenv("HELPDESK_DISCORD_APPLICATION_ID", "42")
	r := runCLI(t, "", "discord", "invite-url")
	if r.code != 0 || r.stdout != "server: https://discord.com/oauth2/authorize?client_id=42&permissions=274877975552&scope=bot+applications.commands\n"+
		"user:   https://discord.com/oauth2/authorize?client_id=42&integration_type=1&scope=applications.commands\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// Forum channels (which need the message content intent) add Manage Threads.
	t.Setenv("HELPDESK_DISCORD_MESSAGE_CONTENT", "true")
	t.Setenv("HELPDESK_DISCORD_FORUM_CHANNEL_IDS", "100")
	if r := runCLI(t, "", "discord", "invite-url"); r.code != 0 || !strings.Contains(r.stdout, "server: https://discord.com/oauth2/authorize?client_id=42&permissions=292057844736&") {
		t.Fatalf("with forum channels: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	t.Setenv("HELPDESK_DISCORD_FORUM_CHANNEL_IDS", "")
	t.Setenv("HELPDESK_DISCORD_APPLICATION_ID", "")
	if r := runCLI(t, "", "discord", "invite-url"); r.code != exitUsage {
		t.Fatalf("without an application id: exit %d", r.code)
	}
}

// TestServeAnswersDiscordInteractions posts a signed PING to serve's
// handler, with the Discord adapter on the HTTP endpoint only.
func TestServeAnswersDiscordInteractions(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	cfg := DefaultConfig()
	cfg.Discord.ApplicationID, cfg.Discord.PublicKey, cfg.Discord.HTTPOnly = "1", hex.EncodeToString(pub), true
	srv := newTestServer(t, cfg)
	body := `{"id":"1","application_id":"1","type":1,"token":"t","version":1}`
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != `{"type":1}` {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}
