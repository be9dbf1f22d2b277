package main

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpdeskbot/helpdeskbot/intents"
)

// TestMain has the commands share one index per knowledge version: most
// tests load the built-in knowledge or a copy of it, and training the
// matcher again for each would take most of the package's test time.
func TestMain(m *testing.M) {
	newIndex = shared.newIndex
	lintIndex = shared.lintIndex
	checkQuality = shared.checkQuality
	os.Exit(m.Run())
}

var shared indexCache

// indexCache builds each index once, with the real builders, and hands out
// the same immutable index to every later load of the same knowledge.
type indexCache struct {
	mu      sync.Mutex
	indexes map[string]*builtIndex // by knowledge version
	lints   map[string]builtLint   // by knowledge version and overdue reviews
	quality map[string]*measured   // by knowledge version
}

type measured struct {
	once sync.Once
	q    intents.Quality
}

type builtIndex struct {
	once sync.Once
	ix   *intents.Index
}

type builtLint struct {
	ix       *intents.Index
	problems intents.Problems
}

func (c *indexCache) newIndex(k *intents.Knowledge) *intents.Index {
	c.mu.Lock()
	if c.indexes == nil {
		c.indexes = map[string]*builtIndex{}
	}
	b := c.indexes[k.Version]
	if b == nil {
		b = &builtIndex{}
		c.indexes[k.Version] = b
	}
	c.mu.Unlock()
	b.once.Do(func() { b.ix = intents.NewIndex(k) })
	return b.ix
}

// lintIndex parses the folder to know its version, and lints it for real
// the first time that version is seen on a day with the same overdue
// reviews (the only thing lint reads the day for). A folder that changed
// between the two reads is linted again next time.
func (c *indexCache) lintIndex(fsys fs.FS, today time.Time) (*intents.Knowledge, *intents.Index, intents.Problems) {
	k, problems := intents.Parse(fsys)
	if problems.HasErrors() {
		return intents.LintIndex(fsys, today)
	}
	var key strings.Builder
	key.WriteString(k.Version)
	for _, in := range k.Intents {
		if in.PastReview(today) {
			key.WriteString(" " + in.ID)
		}
	}
	c.mu.Lock()
	b, ok := c.lints[key.String()]
	c.mu.Unlock()
	if ok {
		return k, b.ix, slices.Clone(b.problems)
	}
	linted, ix, problems := intents.LintIndex(fsys, today)
	if ix != nil && linted.Version == k.Version {
		c.mu.Lock()
		if c.lints == nil {
			c.lints = map[string]builtLint{}
		}
		c.lints[key.String()] = builtLint{ix: ix, problems: slices.Clone(problems)}
		if c.indexes == nil {
			c.indexes = map[string]*builtIndex{}
		}
		if c.indexes[k.Version] == nil {
			b := &builtIndex{}
			b.once.Do(func() { b.ix = ix })
			c.indexes[k.Version] = b
		}
		c.mu.Unlock()
	}
	return linted, ix, problems
}

// checkQuality measures each knowledge version once. The measurements are
// only read by the commands.
func (c *indexCache) checkQuality(k *intents.Knowledge) intents.Quality {
	c.mu.Lock()
	if c.quality == nil {
		c.quality = map[string]*measured{}
	}
	m := c.quality[k.Version]
	if m == nil {
		m = &measured{}
		c.quality[k.Version] = m
	}
	c.mu.Unlock()
	m.once.Do(func() { m.q = intents.CheckQuality(k) })
	return m.q
}
