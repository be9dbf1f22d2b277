package discord_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// startHTTPOnly runs the adapter without a gateway: the interactions
// endpoint alone, as behind a load balancer.
func startHTTPOnly(t testing.TB) *harness {
	return start(t, nil, func(c *discord.Config) { c.HTTPOnly = true })
}

// post sends an interaction to the endpoint, signed with key (nil: unsigned).
func (h *harness) post(t testing.TB, body any, key ed25519.PrivateKey) *http.Response {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/discord/interactions", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if key != nil {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), raw...))))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func decode(t *testing.T, resp *http.Response) map[string]any {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHTTPInteractions(t *testing.T) {
	h := startHTTPOnly(t)
	t.Run("ping", func(t *testing.T) {
		if out := decode(t, h.post(t, map[string]any{"id": "P1", "type": 1, "application_id": "APP", "token": "t"}, h.key)); out["type"] != float64(1) {
			t.Fatalf("response %v, want PONG", out)
		}
	})
	t.Run("command", func(t *testing.T) {
		out := decode(t, h.post(t, interaction("I1", 2, command("my selfie keeps failing"), nil), h.key))
		data := out["data"].(map[string]any)
		if out["type"] != float64(4) || !strings.Contains(data["content"].(string), "selfie") || data["flags"] != float64(64) {
			t.Fatalf("response %v", out)
		}
	})
	t.Run("command alone lists the topics", func(t *testing.T) {
		out := decode(t, h.post(t, interaction("I2", 2, command(""), nil), h.key))
		raw, _ := json.Marshal(out)
		if !strings.Contains(string(raw), `"custom_id":"topics"`) || !strings.Contains(string(raw), "NFC chip reading") {
			t.Fatalf("response %s", raw)
		}
	})
	t.Run("autocomplete", func(t *testing.T) {
		out := decode(t, h.post(t, interaction("I3", 4, map[string]any{"id": "CMD", "name": "verifyhelp", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": "okt", "focused": true}}}, nil), h.key))
		first := out["data"].(map[string]any)["choices"].([]any)[0].(map[string]any)
		if out["type"] != float64(8) || first["value"] != "topic:okta" {
			t.Fatalf("choices %v", out["data"])
		}
	})
	t.Run("menu choice", func(t *testing.T) {
		out := decode(t, h.post(t, interaction("I4", 3, map[string]any{"custom_id": "topics", "component_type": 3, "values": []any{"lighting-glare"}},
			map[string]any{"id": "R1", "channel_id": "C1", "flags": 64}), h.key))
		data := out["data"].(map[string]any)
		if !strings.Contains(data["content"].(string), "glare") || data["flags"] != float64(64) {
			t.Fatalf("response %v", out)
		}
	})
	t.Run("message command", func(t *testing.T) {
		target := message("M9", "C1", "G1", "there's glare on my license", false)
		out := decode(t, h.post(t, interaction("I5", 2, map[string]any{"id": "CMDM", "name": "Ask helpdeskbot", "type": 3, "target_id": "M9",
			"resolved": map[string]any{"messages": map[string]any{"M9": target}}}, nil), h.key))
		data := out["data"].(map[string]any)
		if out["type"] != float64(4) || data["flags"] != float64(64) || !strings.Contains(data["content"].(string), "glare") {
			t.Fatalf("response %v", out)
		}
	})
	if n := h.fake.count("callback") + h.fake.count("message"); n != 0 {
		t.Errorf("the HTTP endpoint made %d REST calls; it answers in the response", n)
	}
}

func TestHTTPInteractionsNeedASignature(t *testing.T) {
	h := startHTTPOnly(t)
	_, otherKey, _ := ed25519.GenerateKey(nil)
	ping := map[string]any{"id": "P1", "type": 1, "application_id": "APP", "token": "t"}
	tests := []struct {
		name string
		resp func() *http.Response
	}{
		{"missing", func() *http.Response { return h.post(t, ping, nil) }},
		{"wrong key", func() *http.Response { return h.post(t, ping, otherKey) }},
		{"altered body", func() *http.Response {
			raw, _ := json.Marshal(ping)
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			sig := hex.EncodeToString(ed25519.Sign(h.key, append([]byte(ts), raw...)))
			req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/discord/interactions", bytes.NewReader(bytes.Replace(raw, []byte("P1"), []byte("P2"), 1)))
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", sig)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			return resp
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := tt.resp()
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", resp.StatusCode)
			}
		})
	}
}

// TestHTTPLongAnswerFollowsUp: the first part is the response, the rest
// arrives as follow-up messages over REST.
func TestHTTPLongAnswerFollowsUp(t *testing.T) {
	h := start(t, os.DirFS("testdata/long"), func(c *discord.Config) { c.HTTPOnly = true })
	out := decode(t, h.post(t, interaction("I1", 2, command("give me the long answer"), nil), h.key))
	first := out["data"].(map[string]any)["content"].(string)
	if len([]rune(first)) > 2000 || !strings.HasPrefix(first, "> give me the long answer") {
		t.Fatalf("first part (%d characters) %.60q", len([]rune(first)), first)
	}
	rest := h.fake.wait("followup", 2)
	last := rest[1].Body["content"].(string)
	if !strings.HasSuffix(last, "Contact the organization that asked you to verify.") {
		t.Fatalf("the last follow-up does not end with the guidance: %q", last)
	}
	if rest[0].Channel != "tok-I1" || rest[1].Body["flags"] != float64(64) {
		t.Fatalf("follow-ups %v", rest)
	}
}

func TestInviteURL(t *testing.T) {
	got := discord.InviteURL("123", false)
	want := "https://discord.com/oauth2/authorize?client_id=123&permissions=274877975552&scope=bot+applications.commands"
	if got != want {
		t.Fatalf("InviteURL = %s\nwant %s", got, want)
	}
	if got := discord.InviteURL("123", true); !strings.Contains(got, "permissions=274877983744") {
		t.Fatalf("with message deletion: %s", got)
	}
	if got := discord.ServerInstallURL(discord.Config{ApplicationID: "123"}); got != want {
		t.Fatalf("ServerInstallURL = %s\nwant %s", got, want)
	}
	// Forum channels add Manage Threads (1 << 34), to tag and close posts.
	if got := discord.ServerInstallURL(discord.Config{ApplicationID: "123", ForumChannelIDs: []string{"1"}}); !strings.Contains(got, "permissions=292057844736") {
		t.Fatalf("with forum channels: %s", got)
	}
	if got, want := discord.UserInstallURL("123"), "https://discord.com/oauth2/authorize?client_id=123&integration_type=1&scope=applications.commands"; got != want {
		t.Fatalf("UserInstallURL = %s\nwant %s", got, want)
	}
}

// postStamped sends body signed with key at the given X-Signature-Timestamp.
func (h *harness) postStamped(t testing.TB, body any, key ed25519.PrivateKey, stamp string) *http.Response {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/discord/interactions", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", stamp)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), raw...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// TestHTTPInteractionsRefuseStaleTimestamps: a correctly signed request is
// accepted only when its timestamp is a number within five minutes of the
// adapter's clock, either way; a captured request cannot be replayed later.
func TestHTTPInteractionsRefuseStaleTimestamps(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	h := start(t, nil, func(c *discord.Config) { c.HTTPOnly = true }, discord.WithClock(func() time.Time { return now }))
	at := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	ping := map[string]any{"id": "P1", "type": 1, "application_id": "APP", "token": "t"}
	tests := []struct {
		name  string
		stamp string
		want  int
	}{
		{"now", at(0), http.StatusOK},
		{"four minutes ago", at(-4 * time.Minute), http.StatusOK},
		{"four minutes ahead", at(4 * time.Minute), http.StatusOK},
		{"one", "1", http.StatusUnauthorized},
		{"not a number", "abc", http.StatusUnauthorized},
		{"in 2001", strconv.FormatInt(time.Date(2001, 9, 9, 1, 46, 40, 0, time.UTC).Unix(), 10), http.StatusUnauthorized},
		{"six minutes ago", at(-6 * time.Minute), http.StatusUnauthorized},
		{"six minutes ahead", at(6 * time.Minute), http.StatusUnauthorized},
		{"negative", "-1700000000", http.StatusUnauthorized},
		{"fractional", at(0) + ".5", http.StatusUnauthorized},
		{"huge", "99999999999999999999999", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if resp := h.postStamped(t, ping, h.key, tt.stamp); resp.StatusCode != tt.want {
				t.Fatalf("timestamp %q: status %d, want %d", tt.stamp, resp.StatusCode, tt.want)
			}
		})
	}
}

// TestBadSignaturesAreLoggedOncePerMinute: a flood of badly signed
// interactions gives one warning a minute, the next one counting those
// held back; every one is still refused.
func TestBadSignaturesAreLoggedOncePerMinute(t *testing.T) {
	var mu sync.Mutex
	now := time.Unix(1_800_000_000, 0)
	h := start(t, nil, func(c *discord.Config) { c.HTTPOnly = true }, discord.WithClock(func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}))
	advance := func(d time.Duration) {
		mu.Lock()
		now = now.Add(d)
		mu.Unlock()
	}
	_, otherKey, _ := ed25519.GenerateKey(nil)
	bad := func() {
		t.Helper()
		mu.Lock()
		stamp := strconv.FormatInt(now.Unix(), 10)
		mu.Unlock()
		if resp := h.postStamped(t, map[string]any{"id": "P1", "type": 1}, otherKey, stamp); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d, want 401", resp.StatusCode)
		}
	}
	lines := func() []string {
		var out []string
		for _, l := range strings.Split(h.logs.String(), "\n") {
			if strings.Contains(l, "bad signature") {
				out = append(out, l)
			}
		}
		return out
	}
	bad()
	bad()
	advance(59 * time.Second)
	bad()
	if got := lines(); len(got) != 1 {
		t.Fatalf("%d warnings within a minute, want 1:\n%s", len(got), strings.Join(got, "\n"))
	}
	advance(time.Second)
	bad()
	if got := lines(); len(got) != 2 || !strings.Contains(got[1], "suppressed=2") {
		t.Fatalf("after a minute, want a second warning counting the 2 held back:\n%s", strings.Join(got, "\n"))
	}
}

// TestHTTPFollowUpsWhenBusy: with the one worker busy and its queue full, a
// long answer's follow-ups cannot be queued: the response itself then holds
// what fits, says so and still ends with the guidance; the drop is logged
// and counted.
func TestHTTPFollowUpsWhenBusy(t *testing.T) {
	h := start(t, os.DirFS("testdata/long"), func(c *discord.Config) {
		c.HTTPOnly = true
		c.Workers, c.Queue = 1, 1
	})
	h.fake.holdFollowups.Store(true)
	ask := func(id string) map[string]any {
		return decode(t, h.post(t, interaction(id, 2, command("give me the long answer"), nil), h.key))
	}
	ask("I1") // its follow-ups hold the worker
	testkit.WaitFor(t, "the worker to be busy", func() bool {
		h.fake.mu.Lock()
		defer h.fake.mu.Unlock()
		return h.fake.followups == 1
	})
	ask("I2") // queued
	out := ask("I3")
	data := out["data"].(map[string]any)
	content := data["content"].(string)
	if !strings.Contains(content, "busy") || !strings.HasSuffix(content, "Contact the organization that asked you to verify.") || len([]rune(content)) > 2000 {
		t.Fatalf("busy response (%d characters): %q", len([]rune(content)), content)
	}
	if !strings.HasPrefix(content, "> give me the long answer") {
		t.Errorf("the busy response lost the start of the answer: %.80q", content)
	}
	if comps, _ := data["components"].([]any); len(comps) == 0 {
		t.Error("the busy response lost the buttons")
	}
	if h.events.count("shed") != 1 || !strings.Contains(h.logs.String(), "follow-up dropped") {
		t.Fatalf("shed %d, logs:\n%s", h.events.count("shed"), h.logs.String())
	}
	h.fake.releaseFollowups()
	h.fake.wait("followup", 4) // I1's and I2's, two each
}
