package intents

import (
	_ "embed"
	"strings"
	"sync"
)

// englishText is a list of common English words, one per line: SCOWL's
// size-35 English list (see english/COPYRIGHT), lower-case words only.
//
//go:embed english/words.txt
var englishText string

// englishWords is the list as a set, built once on first use and never
// changed after.
var englishWords = sync.OnceValue(func() map[string]struct{} {
	words := make(map[string]struct{}, 40000)
	for _, w := range strings.Split(englishText, "\n") {
		if w != "" {
			words[w] = struct{}{}
		}
	}
	return words
})

// isEnglishWord reports whether w (lower case) is a common English word, and
// so not a typo to correct: "stick" is not a misspelt "stuck".
func isEnglishWord(w string) bool {
	_, ok := englishWords()[w]
	return ok
}
