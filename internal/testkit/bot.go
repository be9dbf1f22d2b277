package testkit

import (
	"io/fs"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

// NewBot is a bot answering from the knowledge folder fsys (nil: the
// built-in one) with the default thresholds and opts, failing the test when
// the folder does not load.
func NewBot(t testing.TB, fsys fs.FS, opts ...bot.Option) *bot.Bot {
	t.Helper()
	if fsys == nil {
		fsys = knowledge.FS
	}
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(intents.NewIndex(k), bot.DefaultThresholds(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
