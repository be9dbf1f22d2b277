package slack_test

import (
	"os"
	"slices"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// TestAppManifests checks that the shipped Slack app manifests ask for what
// the adapter uses: the events it answers, the scopes its calls need, the
// slash command, and interactivity for buttons.
func TestAppManifests(t *testing.T) {
	for _, tt := range []struct {
		file       string
		socketMode bool
	}{
		{"../../deploy/slack-app-manifest.yaml", false},
		{"../../deploy/slack-app-manifest-socket-mode.yaml", true},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			var m struct {
				Features struct {
					SlashCommands []struct {
						Command string `yaml:"command"`
						URL     string `yaml:"url"`
					} `yaml:"slash_commands"`
				} `yaml:"features"`
				OAuth struct {
					Scopes struct {
						Bot []string `yaml:"bot"`
					} `yaml:"scopes"`
				} `yaml:"oauth_config"`
				Settings struct {
					Events struct {
						RequestURL string   `yaml:"request_url"`
						BotEvents  []string `yaml:"bot_events"`
					} `yaml:"event_subscriptions"`
					Interactivity struct {
						Enabled    bool   `yaml:"is_enabled"`
						RequestURL string `yaml:"request_url"`
					} `yaml:"interactivity"`
					SocketMode bool `yaml:"socket_mode_enabled"`
				} `yaml:"settings"`
			}
			if err := yaml.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			for _, scope := range []string{"app_mentions:read", "chat:write", "commands", "im:history"} {
				if !slices.Contains(m.OAuth.Scopes.Bot, scope) {
					t.Errorf("scope %s missing", scope)
				}
			}
			for _, ev := range []string{"app_mention", "message.im"} {
				if !slices.Contains(m.Settings.Events.BotEvents, ev) {
					t.Errorf("event %s missing", ev)
				}
			}
			if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != slack.DefaultCommand {
				t.Errorf("slash commands %+v", m.Features.SlashCommands)
			}
			if !m.Settings.Interactivity.Enabled {
				t.Error("interactivity is off: buttons would not work")
			}
			if m.Settings.SocketMode != tt.socketMode {
				t.Errorf("socket_mode_enabled = %v", m.Settings.SocketMode)
			}
			urls := []string{m.Settings.Events.RequestURL, m.Settings.Interactivity.RequestURL, m.Features.SlashCommands[0].URL}
			want := []string{"/slack/events", "/slack/interactions", "/slack/commands"}
			for i, u := range urls {
				if tt.socketMode && u != "" {
					t.Errorf("socket mode manifest has a request URL %q", u)
				}
				if !tt.socketMode && (len(u) < len(want[i]) || u[len(u)-len(want[i]):] != want[i]) {
					t.Errorf("request URL %q does not end with %s", u, want[i])
				}
			}
		})
	}
}
