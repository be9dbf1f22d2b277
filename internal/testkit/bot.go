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
	if fsys == nil {
		fsys = knowledge.FS
	}
	k, err := intents.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(sharedIndex(k), bot.DefaultThresholds(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// indexes holds, by knowledge version, the index built for it, so that a
// test binary builds each version's index once: an index never changes
// once built and is safe for concurrent use, and building one takes a
// second or more under the race detector.
var indexes struct {
	mu        sync.Mutex
	byVersion map[string]*builtIndex
}

type builtIndex struct {
	once sync.Once
	ix   *intents.Index
}

// sharedIndex is the index of k, built by the first caller with k's version.
func sharedIndex(k *intents.Knowledge) *intents.Index {
	indexes.mu.Lock()
	if indexes.byVersion == nil {
		indexes.byVersion = map[string]*builtIndex{}
	}
	b := indexes.byVersion[k.Version]
	if b == nil {
		b = &builtIndex{}
		indexes.byVersion[k.Version] = b
	}
	indexes.mu.Unlock()
	b.once.Do(func() { b.ix = intents.NewIndex(k) })
	return b.ix
}
