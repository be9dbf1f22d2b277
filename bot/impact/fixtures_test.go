package impact_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/impact"
	"github.com/helpdeskbot/helpdeskbot/intents"
)

// The fixture folders: base, and three edits of it. moved moves two
// examples (and the keywords glare and dark) from glare to
// government-id; harmless rewords an answer and adds an example that says
// what the others say; half removes glare, microsoft-entra and okta, the
// topics of half of base's _tests.tsv lines.
const (
	base     = "base"
	moved    = "moved"
	harmless = "harmless"
	half     = "half"
)

// version loads a fixture folder as a Version with the default thresholds.
func version(t *testing.T, name string) impact.Version {
	t.Helper()
	k, err := intents.Load(intents.Dir(filepath.Join("testdata", name)))
	if err != nil {
		t.Fatal(err)
	}
	v, err := impact.NewVersion(k, bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// cases reads a fixture folder's _tests.tsv.
func cases(t *testing.T, name string) []bot.Case {
	t.Helper()
	data, err := intents.ReadFile(intents.Dir(filepath.Join("testdata", name)), intents.TestsFile)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := bot.ReadCases(bytes.NewReader(data), intents.TestsFile)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// messages are the texts of the in-scope cases, or of the cases labelled
// with one of the given intents when any are given.
func messages(cs []bot.Case, only ...string) []string {
	var out []string
	for _, c := range cs {
		if c.Intent == bot.OutOfScope {
			continue
		}
		keep := len(only) == 0
		for _, id := range only {
			keep = keep || c.Intent == id
		}
		if keep {
			out = append(out, c.Message)
		}
	}
	return out
}
