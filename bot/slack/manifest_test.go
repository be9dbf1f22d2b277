package slack_test

import (
	"os"
	"slices"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// The events the adapter acts on and the scopes its events and calls need:
// exactly these, in the manifests.
var (
	// app_home_opened publishes the App Home; app_mention and message.im
	// are mentions and direct messages; message.channels and
	// message.groups are the help channels' messages.
	usedEvents = []string{"app_home_opened", "app_mention", "message.channels", "message.groups", "message.im"}
	// app_mentions:read, channels:history, groups:history and im:history
	// deliver those events (app_home_opened needs none); chat:write posts
	// replies (and to a person's Messages tab); commands covers the slash
	// command and the message shortcut; channels:read and groups:read let
	// conversations.info check the configured channels at start.
	// views.publish needs no scope.
	usedScopes = []string{"app_mentions:read", "channels:history", "channels:read", "chat:write", "commands", "groups:history", "groups:read", "im:history"}
)

// TestAppManifests checks that the shipped Slack app manifests ask for what
// the adapter uses and nothing more: the events it answers, the scopes its
// calls need, the slash command, the message shortcut, the App Home, and
// interactivity for buttons.
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
					AppHome struct {
						Home     bool `yaml:"home_tab_enabled"`
						Messages bool `yaml:"messages_tab_enabled"`
						ReadOnly bool `yaml:"messages_tab_read_only_enabled"`
					} `yaml:"app_home"`
					Shortcuts []struct {
						Name       string `yaml:"name"`
						Type       string `yaml:"type"`
						CallbackID string `yaml:"callback_id"`
					} `yaml:"shortcuts"`
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
			for _, scope := range usedScopes {
				if !slices.Contains(m.OAuth.Scopes.Bot, scope) {
					t.Errorf("scope %s missing", scope)
				}
			}
			for _, scope := range m.OAuth.Scopes.Bot {
				if !slices.Contains(usedScopes, scope) {
					t.Errorf("scope %s asked for, but the adapter does not use it", scope)
				}
			}
			for _, ev := range usedEvents {
				if !slices.Contains(m.Settings.Events.BotEvents, ev) {
					t.Errorf("event %s missing", ev)
				}
			}
			for _, ev := range m.Settings.Events.BotEvents {
				if !slices.Contains(usedEvents, ev) {
					t.Errorf("event %s subscribed, but the adapter does not act on it", ev)
				}
			}
			if home := m.Features.AppHome; !home.Home || !home.Messages || home.ReadOnly {
				t.Errorf("app_home %+v: the App Home and a writable Messages tab are needed", home)
			}
			if sc := m.Features.Shortcuts; len(sc) != 1 || sc[0].Type != "message" || sc[0].CallbackID != slack.ShortcutCallbackID || sc[0].Name != "Ask helpdeskbot" {
				t.Errorf("shortcuts %+v, want the message shortcut Ask helpdeskbot with callback id %s", sc, slack.ShortcutCallbackID)
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
