package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "helpdeskbot.yaml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// configFlags is the command line's flag set, parsed from args.
func configFlags(t *testing.T, args ...string) *pflag.FlagSet {
	t.Helper()
	a := &app{}
	root := a.rootCommand()
	fs := root.PersistentFlags()
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestConfigPrecedence(t *testing.T) {
	file := writeConfig(t, "match:\n  answer_threshold: 0.6\n  clarify_threshold: 0.3\n  clarify_margin: 0.7\n")
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		wantAnswer float64
		wantMargin float64
	}{
		{"defaults", nil, nil, DefaultConfig().Match.Answer, DefaultConfig().Match.Margin},
		{"file over defaults", nil, []string{"--config", file}, 0.6, 0.7},
		{"environment over file", map[string]string{"HELPDESK_MATCH_ANSWER_THRESHOLD": "0.65"}, []string{"--config", file}, 0.65, 0.7},
		{"flag over environment", map[string]string{"HELPDESK_MATCH_ANSWER_THRESHOLD": "0.65"}, []string{"--config", file, "--answer-threshold", "0.7"}, 0.7, 0.7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg, err := loadConfig(configFlags(t, tt.args...))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Match.Answer != tt.wantAnswer || cfg.Match.Margin != tt.wantMargin {
				t.Fatalf("answer %v margin %v, want %v %v", cfg.Match.Answer, cfg.Match.Margin, tt.wantAnswer, tt.wantMargin)
			}
		})
	}
}

func TestConfigImageGuard(t *testing.T) {
	tests := []struct {
		name  string
		env   string
		file  string
		check map[string]bool // channel -> guarded
	}{
		{"default on everywhere", "", "", map[string]bool{"C1": true}},
		{"off in one channel from the environment", "C1=off", "", map[string]bool{"C1": false, "C2": true}},
		{"off everywhere but one, from the file", "", "guard:\n  images: [off, C2=on]\n", map[string]bool{"C1": false, "C2": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("HELPDESK_GUARD_IMAGES", tt.env)
			}
			var args []string
			if tt.file != "" {
				args = []string{"--config", writeConfig(t, tt.file)}
			}
			cfg, err := loadConfig(configFlags(t, args...))
			if err != nil {
				t.Fatal(err)
			}
			g, err := cfg.Guard.ImageGuard()
			if err != nil {
				t.Fatal(err)
			}
			for ch, want := range tt.check {
				if got := g.Guards(ch); got != want {
					t.Errorf("images guarded in %s: %v, want %v", ch, got, want)
				}
			}
		})
	}
}

func TestConfigKnowledgeFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HELPDESK_KNOWLEDGE", dir)
	cfg, err := loadConfig(configFlags(t))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Knowledge != dir {
		t.Fatalf("knowledge = %q, want %q", cfg.Knowledge, dir)
	}
}

func TestBadConfigExitsWithOneLineNamingTheKey(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		key  string
	}{
		{"not a number", map[string]string{"HELPDESK_MATCH_ANSWER_THRESHOLD": "high"}, nil, "match.answer_threshold"},
		{"out of range", nil, []string{"--clarify-margin", "1.5"}, "match.clarify_margin"},
		{"clarify above answer", nil, []string{"--answer-threshold", "0.2", "--clarify-threshold", "0.3"}, "match.clarify_threshold"},
		{"missing knowledge folder", map[string]string{"HELPDESK_KNOWLEDGE": "/no/such/folder"}, nil, "knowledge"},
		{"unknown key in file", nil, []string{"--config", writeConfig(t, "match:\n  answer_treshold: 0.5\n")}, "match.answer_treshold"},
		{"bad YAML file", nil, []string{"--config", writeConfig(t, "match: [\n")}, "config: read"},
		{"missing file", nil, []string{"--config", "/no/such/file.yaml"}, "config: read"},
		{"trusted proxy not a CIDR", map[string]string{"HELPDESK_HTTP_TRUSTED_PROXIES": "10.0.0.0/8, proxy.internal"}, nil, "http.trusted_proxies"},
		{"trusted proxy bad mask", map[string]string{"HELPDESK_HTTP_TRUSTED_PROXIES": "10.0.0.0/33"}, nil, "http.trusted_proxies"},
		{"metrics token with a space", nil, []string{"--config", writeConfig(t, "metrics:\n  token: \"a b\"\n")}, "metrics.token"},
		{"negative address rate", map[string]string{"HELPDESK_LIMITS_PER_ADDRESS_PER_MINUTE": "-1"}, nil, "limits.per_address_per_minute"},
		{"address rate without burst", map[string]string{"HELPDESK_LIMITS_PER_ADDRESS_BURST": "0"}, nil, "limits.per_address_burst"},
		{"conversation ttl not a duration", map[string]string{"HELPDESK_CONVERSATION_TTL": "forever"}, nil, "conversation.ttl"},
		{"conversation ttl zero", nil, []string{"--config", writeConfig(t, "conversation:\n  ttl: 0s\n")}, "conversation.ttl"},
		{"no conversations remembered", map[string]string{"HELPDESK_CONVERSATION_MAX_ENTRIES": "0"}, nil, "conversation.max_entries"},
		{"negative handoff quiet", map[string]string{"HELPDESK_HANDOFF_QUIET": "-1h"}, nil, "handoff.quiet"},
		{"image guard not on or off", map[string]string{"HELPDESK_GUARD_IMAGES": "C0123=maybe"}, nil, "guard.images"},
		{"image guard without a channel", nil, []string{"--config", writeConfig(t, "guard:\n  images: [\"=off\"]\n")}, "guard.images"},
		{"slack user group and channel", map[string]string{"HELPDESK_HANDOFF_SLACK_USERGROUP": "S0123", "HELPDESK_HANDOFF_SLACK_CHANNEL": "C0123"}, nil, "handoff.slack_channel"},
		{"slack user group not an id", map[string]string{"HELPDESK_HANDOFF_SLACK_USERGROUP": "<!subteam^S0123>"}, nil, "handoff.slack_usergroup"},
		{"slack channel a name", map[string]string{"HELPDESK_HANDOFF_SLACK_CHANNEL": "#support"}, nil, "handoff.slack_channel"},
		{"discord role and channel", map[string]string{"HELPDESK_HANDOFF_DISCORD_ROLE": "123", "HELPDESK_HANDOFF_DISCORD_CHANNEL": "456"}, nil, "handoff.discord_channel"},
		{"discord role a name", map[string]string{"HELPDESK_HANDOFF_DISCORD_ROLE": "@support"}, nil, "handoff.discord_role"},
		{"discord channel not digits", map[string]string{"HELPDESK_HANDOFF_DISCORD_CHANNEL": "support"}, nil, "handoff.discord_channel"},
		{"state store not postgres", map[string]string{"HELPDESK_STATE_POSTGRES_URL": "mysql://u:pw@db/x"}, nil, "state.postgres_url"},
		{"state store not a URL", map[string]string{"HELPDESK_STATE_POSTGRES_URL": "host=db user=helpdesk"}, nil, "state.postgres_url"},
		{"claim lease too long", map[string]string{"HELPDESK_STATE_CLAIM_LEASE": "1h"}, nil, "state.claim_lease"},
		{"claim lease zero", map[string]string{"HELPDESK_STATE_CLAIM_LEASE": "0s"}, nil, "state.claim_lease"},
		{"handoff message too long", map[string]string{"HELPDESK_HANDOFF_MESSAGE": strings.Repeat("x", 501)}, nil, "handoff.message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := runCLI(t, "", append(tt.args, "ask", "hello")...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			msg := strings.TrimSuffix(r.stderr, "\n")
			if strings.Contains(msg, "\n") {
				t.Errorf("message is not one line: %q", r.stderr)
			}
			if !strings.Contains(msg, tt.key) {
				t.Errorf("message %q does not name %q", msg, tt.key)
			}
			if r.stdout != "" {
				t.Errorf("something was answered: %q", r.stdout)
			}
		})
	}
}

// TestBadStateURLHidesThePassword: the message naming a bad
// state.postgres_url does not show the value, which may hold a password.
func TestBadStateURLHidesThePassword(t *testing.T) {
	t.Setenv("HELPDESK_STATE_POSTGRES_URL", "mysql://helpdesk:pg-secret@db/helpdesk")
	r := runCLI(t, "", "ask", "hello")
	if r.code != 2 || !strings.Contains(r.stderr, "state.postgres_url") || strings.Contains(r.stderr, "pg-secret") {
		t.Fatalf("exit %d: %q", r.code, r.stderr)
	}
}

// TestExampleConfiguration keeps deploy/helpdeskbot.example.yaml complete
// and valid: it names every key, and loads.
func TestExampleConfiguration(t *testing.T) {
	const example = "../../deploy/helpdeskbot.example.yaml"
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	var cfg Config
	for _, s := range settings(&cfg) {
		parts := strings.Split(s.key, ".")
		if !strings.Contains(string(data), parts[len(parts)-1]+":") {
			t.Errorf("the example does not document %s", s.key)
		}
	}
	if _, err := loadConfig(configFlags(t, "--config", example)); err != nil {
		t.Fatalf("the example does not load: %v", err)
	}
}

func TestConfigCheckMasksSecrets(t *testing.T) {
	t.Setenv("HELPDESK_SLACK_BOT_TOKEN", "xoxb-very-secret")
	t.Setenv("HELPDESK_SLACK_SIGNING_SECRET", "signing-secret")
	t.Setenv("HELPDESK_API_TOKEN", "api-secret")
	t.Setenv("HELPDESK_METRICS_TOKEN", "metrics-secret")
	t.Setenv("HELPDESK_HTTP_TRUSTED_PROXIES", "10.0.0.0/8,192.0.2.1")
	t.Setenv("HELPDESK_STATE_POSTGRES_URL", "postgres://helpdesk:pg-secret@127.0.0.1:5432/helpdesk")
	r := runCLI(t, "", "config", "check")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `metrics.token: "********"`) || !strings.Contains(r.stdout, "http.trusted_proxies: [10.0.0.0/8, 192.0.2.1]") {
		t.Errorf("output:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, `state.postgres_url: "********"`) {
		t.Errorf("state.postgres_url is not masked:\n%s", r.stdout)
	}
	for _, secret := range []string{"xoxb-very-secret", "signing-secret", "api-secret", "metrics-secret", "pg-secret"} {
		if strings.Contains(r.stdout, secret) {
			t.Errorf("config check printed a secret: %s", secret)
		}
	}
	if !strings.Contains(r.stdout, `slack.bot_token: "********"`) || !strings.Contains(r.stdout, `http.addr: "127.0.0.1:8080"`) {
		t.Errorf("output:\n%s", r.stdout)
	}
	t.Setenv("HELPDESK_RELOAD_DEBOUNCE", "soon")
	if r := runCLI(t, "", "config", "check"); r.code != exitUsage || !strings.Contains(r.stderr, "reload.debounce") {
		t.Fatalf("bad value: exit %d, %s", r.code, r.stderr)
	}
}

// TestConfigCheckRefusesWhatServeRefuses: config check runs serve's own
// checks, so a configuration it passes is one serve starts with.
func TestConfigCheckRefusesWhatServeRefuses(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		code int
		key  string
	}{
		{"exposed without a token", map[string]string{"HELPDESK_HTTP_ADDR": "0.0.0.0:8080"}, exitUsage, "api_token"},
		{"exposed with a token", map[string]string{"HELPDESK_HTTP_ADDR": "0.0.0.0:8080", "HELPDESK_API_TOKEN": "t"}, exitOK, ""},
		{"loopback without a token", map[string]string{"HELPDESK_HTTP_ADDR": "127.0.0.1:9090"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			check := runCLI(t, "", "config", "check")
			if check.code != tt.code {
				t.Fatalf("config check: exit %d, want %d; stderr %q", check.code, tt.code, check.stderr)
			}
			if tt.code == exitOK {
				return
			}
			if msg := strings.TrimSuffix(check.stderr, "\n"); strings.Contains(msg, "\n") || !strings.Contains(msg, tt.key) {
				t.Errorf("message %q: want one line naming %s", check.stderr, tt.key)
			}
			// serve refuses it with the same message, before listening.
			if serve := runCLI(t, "", "serve"); serve.code != check.code || serve.stderr != check.stderr {
				t.Errorf("serve: exit %d, %q; config check: exit %d, %q", serve.code, serve.stderr, check.code, check.stderr)
			}
		})
	}
}

// TestUnknownSettingsSuggestTheKnownOne: a misspelt key in the file or
// HELPDESK_ variable in the environment stops every command with exit 2
// and one line naming it and the key it was probably meant to be.
func TestUnknownSettingsSuggestTheKnownOne(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		file  string
		wants []string
	}{
		{"misspelt key", nil, "match:\n  answer_treshold: 0.5\n", []string{"match.answer_treshold", "did you mean match.answer_threshold?"}},
		{"key in the wrong section", nil, "http:\n  answer_threshold: 0.5\n", []string{"http.answer_threshold", "did you mean match.answer_threshold?"}},
		{"nothing close", nil, "colour: blue\n", []string{"colour: unknown key (known: knowledge,"}},
		{"misspelt variable", map[string]string{"HELPDESK_MATCH_ANSWER_TRESHOLD": "0.5"}, "", []string{"HELPDESK_MATCH_ANSWER_TRESHOLD", "did you mean HELPDESK_MATCH_ANSWER_THRESHOLD?"}},
		{"two unknown variables", map[string]string{"HELPDESK_API_TOKN": "x", "HELPDESK_NOPE": "1"}, "", []string{"HELPDESK_API_TOKN", "did you mean HELPDESK_API_TOKEN?", "and 1 more: HELPDESK_NOPE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var args []string
			if tt.file != "" {
				args = []string{"--config", writeConfig(t, tt.file)}
			}
			for _, cmd := range [][]string{{"config", "check"}, {"ask", "hello"}} {
				r := runCLI(t, "", append(args, cmd...)...)
				if r.code != exitUsage {
					t.Fatalf("%v: exit %d, want 2; stderr %q", cmd, r.code, r.stderr)
				}
				msg := strings.TrimSuffix(r.stderr, "\n")
				if strings.Contains(msg, "\n") {
					t.Errorf("%v: message is not one line: %q", cmd, r.stderr)
				}
				for _, want := range tt.wants {
					if !strings.Contains(msg, want) {
						t.Errorf("%v: message %q lacks %q", cmd, msg, want)
					}
				}
			}
		})
	}
}

// TestEnvironmentOfTheTestsIsNotConfiguration: the variables the
// project's tests and CI set are not mistaken for misspelt keys.
func TestEnvironmentOfTheTestsIsNotConfiguration(t *testing.T) {
	t.Setenv("HELPDESK_CHROMIUM", "/usr/bin/chromium")
	t.Setenv("HELPDESK_TEST_POSTGRES", "postgres://127.0.0.1/x")
	t.Setenv("HELPDESK_CONSOLE_SCREENSHOT", "/tmp/x.png")
	if r := runCLI(t, "", "config", "check"); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}
