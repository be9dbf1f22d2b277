package slack_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// TestResponseURLMustBeSlacks: a click's response_url is posted to only on
// Slack's hosts over https (and on the configured api_url's host, as the
// fake is); any other is refused with a log line and never dialled. The
// Slack hosts cannot be reached from the tests, so their posts fail at the
// loopback-only dialer instead.
func TestResponseURLMustBeSlacks(t *testing.T) {
	h := start(t, nil)
	tests := []struct {
		name, url string
		allowed   bool
	}{
		{"hooks.slack.com", "https://hooks.slack.com/actions/T1/1/abc", true},
		{"a slack.com subdomain", "https://app.slack.com/x", true},
		{"the configured api_url host", h.fake.responseURL("ok"), true},
		{"plain http to hooks", "http://hooks.slack.com/actions/T1/1/abc", false},
		{"a look-alike host", "https://hooks.slack.com.evil.example/x", false},
		{"a suffix without the dot", "https://evilslack.com/x", false},
		{"another host", "https://evil.example/collect", false},
		{"loopback on another port", "http://127.0.0.1:1/x", false},
		{"user info", "https://hooks.slack.com@evil.example/x", false},
		{"another port", "https://hooks.slack.com:8443/x", false},
		{"not a URL", "::", false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payload := click(h, "feedback:up", "up:selfie", map[string]any{"ts": "2000.1", "type": "message"}, false)
			channel := fmt.Sprintf("CURL%d", i)
			payload["channel"] = map[string]any{"id": channel}
			payload["response_url"] = tt.url
			h.interaction(t, payload)
			<-h.feedback
			if tt.url == h.fake.responseURL("ok") {
				if p := h.fake.waitPosts(1)[0]; !p.ResponseURL {
					t.Fatalf("post %+v", p)
				}
				return
			}
			line := ""
			testkit.WaitFor(t, "the failure to be logged", func() bool {
				for _, l := range strings.Split(h.logs.String(), "\n") {
					if strings.Contains(l, "channel="+channel+" ") || strings.HasSuffix(l, "channel="+channel) {
						line = l
						return true
					}
				}
				return false
			})
			refused := strings.Contains(line, "code=response_url_refused")
			if refused == tt.allowed {
				t.Fatalf("allowed %v, but logged: %s", tt.allowed, line)
			}
		})
	}
}
