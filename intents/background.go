package intents

import (
	_ "embed"
	"strings"
)

// backgroundText is the built-in background: everyday messages about
// nothing a help desk's knowledge covers (weather, cooking, travel, jokes,
// keyboard mashing, ...). The learned matcher compares messages with them:
// a message closer to one of them than to any example is likely out of
// scope. Written for this project; one sentence per line.
//
//go:embed background/sentences.txt
var backgroundText string

// backgroundSentences returns the built-in background sentences.
func backgroundSentences() []string {
	var out []string
	for line := range strings.SplitSeq(backgroundText, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
