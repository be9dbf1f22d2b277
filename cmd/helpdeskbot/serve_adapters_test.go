package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServeKeepsServingWhileSlackIsUnreachable: with slack.api_url on a
// closed port, serve goes on: /v1/ask answers, Discord's HTTP interactions
// answer, and /readyz names Slack as not ready.
func TestServeKeepsServingWhileSlackIsUnreachable(t *testing.T) {
	closedLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + closedLn.Addr().String() + "/api/"
	closedLn.Close()
	pub, priv, _ := ed25519.GenerateKey(nil)
	cfg := DefaultConfig()
	cfg.Slack.BotToken, cfg.Slack.SigningSecret, cfg.Slack.APIURL = "xoxb-test", "secret", closed
	cfg.Discord.ApplicationID, cfg.Discord.PublicKey, cfg.Discord.HTTPOnly = "1", hex.EncodeToString(pub), true
	srv := newTestServer(t, cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.run(ctx, ln) }()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("run did not return")
		}
	}()

	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := get("/readyz")
		if code == http.StatusServiceUnavailable && strings.Contains(body, "slack") && !strings.Contains(body, "discord") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz: %d %q, want 503 naming slack alone", code, body)
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}

	req, _ := http.NewRequest(http.MethodPost, base+"/v1/ask", strings.NewReader(`{"message":"stuck on selfie","user":"u1"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/v1/ask: %d", resp.StatusCode)
	}

	body := `{"id":"1","application_id":"1","type":1,"token":"t","version":1}`
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ = http.NewRequest(http.MethodPost, base+"/discord/interactions", strings.NewReader(body))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("discord interaction: %d", resp.StatusCode)
	}
}
