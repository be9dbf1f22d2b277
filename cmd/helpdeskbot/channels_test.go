package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestChannelsConfig: config check accepts a valid channels list and
// refuses each bad entry with exit 2 and one line naming its key, the
// topics and sub-folders checked against the knowledge; serve refuses it
// with the same line.
func TestChannelsConfig(t *testing.T) {
	tests := []struct {
		name     string
		channels string
		discord  string
		code     int
		want     string
	}{
		{name: "valid entries", code: exitOK, discord: "  message_content: true\n", channels: `
  - {platform: slack, id: C0123ABCD, reply: private, answer: auto, handoff: "usergroup:S0123ABCD", folder: platforms}
  - {platform: discord, id: "123456789", answer: auto, handoff: "role:42", topics: [linkedin-verification, okta]}
  - {platform: discord, id: "987", reply: public, answer: mention, handoff: "channel:7"}
  - {platform: slack, id: G0123ABCD, handoff: "channel:C0999"}`},
		{name: "unknown platform", code: exitUsage, want: `channels[0].platform: "teams" is not slack or discord`,
			channels: "\n  - {platform: teams, id: C1}"},
		{name: "no platform", code: exitUsage, want: "channels[0].platform: required", channels: "\n  - {id: C1}"},
		{name: "malformed slack id", code: exitUsage, want: `channels[1].id: "general" is not a channel id like C0123ABCD`,
			channels: "\n  - {platform: slack, id: C1}\n  - {platform: slack, id: general}"},
		{name: "malformed discord id", code: exitUsage, want: `channels[0].id: "C0123" is not a channel id (digits)`,
			channels: "\n  - {platform: discord, id: C0123}"},
		{name: "no id", code: exitUsage, want: "channels[0].id: required", channels: "\n  - {platform: slack}"},
		{name: "unknown key in an entry", code: exitUsage, want: "channels[0].replies: unknown key",
			channels: "\n  - {platform: slack, id: C1, replies: private}"},
		{name: "bad reply", code: exitUsage, want: `channels[0].reply: "ephemeral" is not public or private`,
			channels: "\n  - {platform: slack, id: C1, reply: ephemeral}"},
		{name: "bad answer", code: exitUsage, want: `channels[0].answer: "always" is not auto or mention`,
			channels: "\n  - {platform: slack, id: C1, answer: always}"},
		{name: "discord auto without message content", code: exitUsage, want: "channels[0].answer: auto reads messages",
			channels: "\n  - {platform: discord, id: \"1\", answer: auto}"},
		{name: "slack handoff of a role", code: exitUsage, want: `channels[0].handoff: "role:1" is not usergroup:S0123ABCD or channel:C0123ABCD`,
			channels: "\n  - {platform: slack, id: C1, handoff: \"role:1\"}"},
		{name: "discord handoff of a bare id", code: exitUsage, want: `channels[0].handoff: "42" is not role:ID or channel:ID (digits)`,
			channels: "\n  - {platform: discord, id: \"1\", handoff: \"42\"}"},
		{name: "duplicate entry", code: exitUsage, want: `channels[2].id: "C1" is already channels[0]`,
			channels: "\n  - {platform: slack, id: C1}\n  - {platform: discord, id: \"1\"}\n  - {platform: slack, id: C1, reply: private}"},
		{name: "different ids are no duplicates", code: exitOK,
			channels: "\n  - {platform: slack, id: C1}\n  - {platform: slack, id: C2}"},
		{name: "unknown topic", code: exitUsage, want: `channels[2].topics: "nope" is not a topic`,
			channels: "\n  - {platform: slack, id: C1}\n  - {platform: slack, id: C2, topics: [okta]}\n  - {platform: slack, id: C3, topics: [okta, nope]}"},
		{name: "unknown sub-folder", code: exitUsage, want: `channels[0].folder: "platfroms" is not a sub-folder of the knowledge`,
			channels: "\n  - {platform: slack, id: C1, folder: platfroms}"},
		{name: "a folder that leaves the knowledge", code: exitUsage, want: `channels[0].folder: "../etc" is not a sub-folder`,
			channels: "\n  - {platform: slack, id: C1, folder: ../etc}"},
		{name: "not a list", code: exitUsage, want: "channels: a list of channels is set in the configuration file only", channels: " C1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := "channels:" + tt.channels + "\n"
			if tt.discord != "" {
				cfg += "discord:\n" + tt.discord
			}
			file := writeConfig(t, cfg)
			check := runCLI(t, "", "--config", file, "config", "check")
			if check.code != tt.code {
				t.Fatalf("config check: exit %d, want %d; stderr %q", check.code, tt.code, check.stderr)
			}
			if tt.code == exitOK {
				if !strings.Contains(check.stdout, "channels: [{platform: ") {
					t.Errorf("config check does not show the channels: %q", check.stdout)
				}
				return
			}
			if msg := strings.TrimSuffix(check.stderr, "\n"); strings.Contains(msg, "\n") || !strings.Contains(msg, tt.want) {
				t.Errorf("message %q: want one line with %q", check.stderr, tt.want)
			}
			if serve := runCLI(t, "", "--config", file, "serve"); serve.code != check.code || serve.stderr != check.stderr {
				t.Errorf("serve: exit %d, %q; config check: exit %d, %q", serve.code, serve.stderr, check.code, check.stderr)
			}
		})
	}
}

// TestChannelsReachTheAdapters: each platform's entries reach its
// adapter, the handoff read by kind and the folder as the scope.
func TestChannelsReachTheAdapters(t *testing.T) {
	cs, err := parseChannels([]any{
		map[string]any{"platform": "slack", "id": "C1", "reply": "private", "answer": "auto", "handoff": "usergroup:S1", "folder": "platforms/"},
		map[string]any{"platform": "discord", "id": "1", "reply": "public", "answer": "mention", "handoff": "channel:2", "topics": []any{"okta", "nfc"}},
		map[string]any{"platform": "slack", "id": "C2", "handoff": "channel:C3"},
		map[string]any{"platform": "discord", "id": "3", "handoff": "role:4"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := validateChannels(cs, true); err != nil {
		t.Fatal(err)
	}
	sl, dc := slackChannels(cs), discordChannels(cs)
	tests := []struct {
		name      string
		got, want string
	}{
		{"slack entries", fmt.Sprintf("%+v", sl), "[{ID:C1 Private:true Answer:auto HandoffUsergroup:S1 HandoffChannel: Scope:{Topics:[] Folders:[platforms]}} " +
			"{ID:C2 Private:false Answer: HandoffUsergroup: HandoffChannel:C3 Scope:{Topics:[] Folders:[]}}]"},
		{"discord entries", fmt.Sprintf("%+v", dc), "[{ID:1 Reply:public Answer:mention HandoffRole: HandoffChannel:2 Scope:{Topics:[okta nfc] Folders:[]}} " +
			"{ID:3 Reply: Answer: HandoffRole:4 HandoffChannel: Scope:{Topics:[] Folders:[]}}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got  %s\nwant %s", tt.got, tt.want)
			}
		})
	}
}
