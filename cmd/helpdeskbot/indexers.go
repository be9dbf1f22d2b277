package main

import "github.com/helpdeskbot/helpdeskbot/intents"

// The index builders of the commands. Building an index trains the
// matcher, the slowest step of loading knowledge; tests replace these to
// build one index per knowledge version for the whole test binary.
var (
	// newIndex prepares loaded knowledge for matching.
	newIndex = intents.NewIndex
	// lintIndex lints a knowledge folder and returns the index it built.
	lintIndex = intents.LintIndex
	// checkQuality measures loaded knowledge as lint --quality does.
	checkQuality = intents.CheckQuality
)
