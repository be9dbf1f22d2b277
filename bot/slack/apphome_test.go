package slack_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// homeOpened is the app_home_opened event of U1 opening the tab.
func homeOpened(tab string) map[string]any {
	return map[string]any{"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": tab, "event_ts": "1000.1"}
}

// homeClick is a click on an App Home topic button by U1.
func homeClick(h *harness, topic string, metadata string) map[string]any {
	return map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "U1"}, "team": map[string]any{"id": "T1"},
		"trigger_id": newTriggerID(), "container": map[string]any{"type": "view", "view_id": "V1"},
		"view":    map[string]any{"id": "V1", "type": "home", "private_metadata": metadata},
		"actions": []map[string]any{{"action_id": "home-topic:" + topic, "block_id": "home-topics-a", "value": topic, "type": "button", "action_ts": "1.1"}},
	}
}

func TestAppHomeIsPublishedWhenOpened(t *testing.T) {
	for _, tt := range []struct {
		name string
		send func(h *harness, t *testing.T, id string, ev map[string]any)
	}{
		{"http", func(h *harness, t *testing.T, id string, ev map[string]any) {
			if code := h.event(t, id, ev); code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
		}},
		{"socket mode", func(h *harness, t *testing.T, id string, ev map[string]any) {
			h.send(t, "env-"+id, "events_api", map[string]any{"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": id, "event_time": 1, "event": ev})
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// One worker: the marker is answered after the events before it.
			h := startHelpChannel(t, func(c *slack.Config) {
				c.Workers = 1
				if tt.name == "socket mode" {
					socketMode(c)
				}
			})
			tt.send(h, t, "Ev1", homeOpened("home"))
			tt.send(h, t, "Ev1", homeOpened("home")) // a retry
			tt.send(h, t, "Ev2", homeOpened("messages"))
			tt.send(h, t, "EvMarker", dm("hello", "9999.1")) // decided once its reply is posted
			h.fake.waitPosts(1)
			got := h.fake.waitPublished(1)
			if len(got) != 1 {
				t.Fatalf("%d views published, want 1: the retry and the Messages tab publish nothing", len(got))
			}
			var view struct {
				Type            string            `json:"type"`
				PrivateMetadata string            `json:"private_metadata"`
				Blocks          []json.RawMessage `json:"blocks"`
			}
			if err := json.Unmarshal([]byte(got[0].View), &view); err != nil {
				t.Fatal(err)
			}
			if got[0].User != "U1" || view.Type != "home" || view.PrivateMetadata != "D1" {
				t.Errorf("published %q for %s with metadata %q", view.Type, got[0].User, view.PrivateMetadata)
			}
			for _, want := range []string{`"action_id":"home-topic:selfie"`, "Selfie step", "How to ask", "<#C1>"} {
				if !strings.Contains(got[0].View, want) && !strings.Contains(got[0].View, strings.ReplaceAll(strings.ReplaceAll(want, "<", `\u003c`), ">", `\u003e`)) {
					t.Errorf("the view lacks %s", want)
				}
			}
			last := string(view.Blocks[len(view.Blocks)-1])
			if !strings.Contains(last, "organization that asked you to verify") {
				t.Errorf("the view does not end with the guidance: %s", last)
			}
		})
	}
}

func TestAppHomeTopicIsAnsweredInTheMessagesTab(t *testing.T) {
	tests := []struct {
		name, metadata, channel string
	}{
		{"in the channel the view names", "D1", "D1"},
		{"to the person without it", "", "U1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startHelpChannel(t, nil)
			h.interaction(t, homeClick(h, "selfie", tt.metadata))
			p := h.fake.waitPosts(1)[0]
			if p.Channel != tt.channel || p.Thread != "" || p.Ephemeral {
				t.Fatalf("posted to %s thread %q (ephemeral %v), want %s", p.Channel, p.Thread, p.Ephemeral, tt.channel)
			}
			if !strings.Contains(p.Blocks, "selfie step") || strings.LastIndex(p.Text, "contact the company or organization") < strings.LastIndex(p.Text, "selfie") {
				t.Errorf("reply without the selfie answer or not ending with the guidance: %q", p.Text)
			}
		})
	}
}
