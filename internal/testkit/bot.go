package testkit

import (
	"io/fs"
	"sync"
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
	var ix *intents.Index
	if fsys == nil {
		shipped, err := shippedIndex()
		if err != nil {
			t.Fatal(err)
		}
		ix = shipped
	} else {
		k, err := intents.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		ix = intents.NewIndex(k)
	}
	b, err := bot.New(ix, bot.DefaultThresholds(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// shippedIndex is the shipped knowledge's index, built once per test
// binary: an index never changes once built and is safe for concurrent
// use, and building it takes a second or more under the race detector.
var shippedIndex = sync.OnceValues(func() (*intents.Index, error) {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		return nil, err
	}
	return intents.NewIndex(k), nil
})
