package adaptertest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/internal/testkit"
)

// script is a conversation of twelve turns, the way people get stuck: an
// answer, a follow-up, another, "that didn't help", a choice, a second
// question, thanks, two fallbacks in a row (a person is called where one
// can be), a request for a person, goodbye.
var script = []string{
	"hi",
	"stuck on selfie",
	"it says face not found",
	"still failing",
	"no that didnt help",
	"1",
	"there's glare on my licence",
	"thanks",
	"what's the weather like on mars",
	"tell me a joke",
	"can i talk to a real person",
	"ok bye",
}

// scripted says the script in one conversation and compares the
// transcript of the replies the platform shows with the adapter's golden
// file, testdata/conversation/<test>-<place>.golden, where <test> names the
// suite's run (an adapter may run it once per transport); rewritten with
// -update, where the adapter's tests define that flag.
func scripted(t *testing.T, start Start, public bool) {
	b := testkit.NewBot(t, nil, bot.WithConversations(bot.NewMemoryConversations(100, nil), 0))
	h := start(t, Env{Bot: b, Feedback: bot.DiscardFeedback, Workers: 1, Handoff: HandoffMention})
	tail := guidanceTail(b.Guidance())
	where := map[bool]string{false: "private", true: "public"}[public]
	var out bytes.Buffer
	for i, text := range script {
		before := len(h.Settle(t))
		if !h.Say(t, Message{Text: text, Public: public, Conversation: "script-" + where}) {
			t.Fatalf("turn %d, %q, was refused", i+1, text)
		}
		h.Replies(t, before+1)
		replies := h.Settle(t)[before:]
		fmt.Fprintf(&out, "=== %d. %s\n", i+1, text)
		for _, r := range replies {
			writeReply(&out, r)
			if !r.Elsewhere {
				endsWithGuidance(t, r, tail)
			}
		}
	}
	parts := strings.Split(t.Name(), "/")
	run := strings.Join(parts[:max(len(parts)-2, 1)], "-")
	golden(t, filepath.Join("testdata", "conversation", run+"-"+where+".golden"), out.String())
}

// writeReply writes what people see of r: where it shows, its text, its
// buttons (listed after the text here, wherever the platform puts them)
// and what it could notify.
func writeReply(out *bytes.Buffer, r Reply) {
	switch {
	case r.Elsewhere:
		out.WriteString("--- posted elsewhere\n")
	case r.Public:
		out.WriteString("--- public\n")
	default:
		out.WriteString("--- only the asker sees it\n")
	}
	out.WriteString(strings.TrimSpace(r.Text))
	out.WriteString("\n")
	for _, c := range r.Choices {
		fmt.Fprintf(out, "  [%s]\n", c.Label)
	}
	if len(r.Pings) > 0 {
		fmt.Fprintf(out, "  pings: %s\n", strings.Join(r.Pings, " "))
	}
}

// golden compares got with the file at path, or rewrites it when the test
// binary's -update flag is set.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the adapter's tests with -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("the conversation differs from %s (run with -update if the change is intended):\n%s", path, got)
	}
}
