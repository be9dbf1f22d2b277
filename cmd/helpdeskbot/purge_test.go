package main

import (
	"strings"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
)

// TestPurgeThatDeletesNothingSaysWhy shows that a purge finding no records
// says that the hash key may differ from the one they were recorded with:
// the same person under another key is another hash.
func TestPurgeThatDeletesNothingSaysWhy(t *testing.T) {
	recorded := analytics.HashUser([]byte("old-key"), "slack", "U123")
	storeWith(t, analytics.Turn{Time: time.Now(), Adapter: "slack", User: recorded, Text: "stuck on selfie", Intent: "selfie", Outcome: "answered"})

	r := runCLI(t, "", "analytics", "purge", "--user", "U123", "--adapter", "slack")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "deleted 0 records\n") || !strings.Contains(r.stdout, "log.user_hash_key") {
		t.Fatalf("purge under another key: exit %d, %q %s", r.code, r.stdout, r.stderr)
	}
	t.Setenv("HELPDESK_LOG_USER_HASH_KEY", "old-key")
	if r := runCLI(t, "", "analytics", "purge", "--user", "U123", "--adapter", "slack"); r.code != 0 || r.stdout != "deleted 1 records\n" {
		t.Fatalf("purge under the recording key: exit %d, %q %s", r.code, r.stdout, r.stderr)
	}
}
