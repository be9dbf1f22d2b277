package intents

// smallTalkIntents marks the intents a quarter of whose examples (three at
// least) are greetings, thanks or acknowledgements alone ("hi there",
// "thanks a lot", "ok great"): the folder's small talk, whatever its ids.
// In the shipped knowledge, about 40% of the greeting and thanks examples
// are, and none of any other topic's.
func (ix *Index) smallTalkIntents(indexed []Intent) []bool {
	out := make([]bool, len(indexed))
	var toks []token
	for i, in := range indexed {
		social := 0
		for _, ex := range in.Examples {
			toks = ix.tokens(toks[:0], ex, false)
			if onlySocial(toks) {
				social++
			}
		}
		out[i] = social >= 3 && 4*social >= len(in.Examples)
	}
	return out
}

// onlySocial reports whether toks have a greeting or thanks and, apart from
// stopwords, nothing else.
func onlySocial(toks []token) bool {
	social := false
	for _, t := range toks {
		switch {
		case isSocial(t):
			social = true
		case !t.stop:
			return false
		}
	}
	return social
}
