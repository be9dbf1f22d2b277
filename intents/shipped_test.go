package intents_test

import (
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// TestShippedKnowledgeLintsClean keeps the built-in folder free of errors
// and warnings alike.
func TestShippedKnowledgeLintsClean(t *testing.T) {
	t.Parallel() // builds its own index
	k, problems := intents.Lint(knowledge.FS, time.Now())
	for _, p := range problems {
		t.Error(p)
	}
	want := []string{
		"why-verify", "who-decides", "talk-to-someone", "time-sensitive", "verification-tips",
		"lighting-glare", "device-positioning", "government-id", "nfc", "selfie",
		"linkedin-verification", "linkedin-recovery", "cisco-duo", "okta", "microsoft-entra",
		"greeting", "thanks",
	}
	for _, id := range want {
		in, ok := k.Intent(id)
		if !ok {
			t.Errorf("shipped knowledge has no %q intent", id)
			continue
		}
		if len(in.Examples) < 5 {
			t.Errorf("%s has only %d examples", id, len(in.Examples))
		}
	}
}
